package dev.quill.spring.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.util.ClassUtils;

import dev.quill.producer.ProducerConfig;
import dev.quill.producer.Serializer;
import dev.quill.producer.Serializers;
import dev.quill.producer.errors.ConfigException;
import dev.quill.producer.serialization.AvroSerializer;

/** Serializers named by {@code quill.producer.key-serializer} and {@code value-serializer}. */
final class SerializerFactory {

    private static final String JSON_MAPPER = "tools.jackson.databind.json.JsonMapper";

    private static final Map<String, Supplier<Serializer<?>>> SHORT_NAMES = Map.ofEntries(
            Map.entry("string", Serializers::string),
            Map.entry("bytes", Serializers::byteArray),
            Map.entry("byte-array", Serializers::byteArray),
            Map.entry("byte-buffer", Serializers::byteBuffer),
            Map.entry("short", Serializers::shorts),
            Map.entry("integer", Serializers::integers),
            Map.entry("long", Serializers::longs),
            Map.entry("float", Serializers::floats),
            Map.entry("double", Serializers::doubles),
            Map.entry("boolean", Serializers::booleans),
            Map.entry("uuid", Serializers::uuids),
            Map.entry("void", Serializers::voids),
            Map.entry("avro", AvroSerializer::new));

    private final BeanFactory beanFactory;
    private final ClassLoader classLoader;

    SerializerFactory(BeanFactory beanFactory, ClassLoader classLoader) {
        this.beanFactory = beanFactory;
        this.classLoader = classLoader;
    }

    /**
     * A serializer, configured with the producer's configuration as kafka-clients configures its own (so that
     * {@code properties.value.serializer.encoding} and the like still apply).
     *
     * @param property the full property name, for the failure message
     */
    Serializer<Object> create(String property, String name, ProducerConfig config, boolean isKey) {
        Serializer<?> serializer = instantiate(property, name);
        Map<String, Object> configs = new LinkedHashMap<>(config.originals());
        configs.put(ProducerConfig.CLIENT_ID_CONFIG, config.clientId());
        serializer.configure(configs, isKey);
        @SuppressWarnings("unchecked")
        Serializer<Object> typed = (Serializer<Object>) serializer;
        return typed;
    }

    private Serializer<?> instantiate(String property, String name) {
        String trimmed = name == null ? "" : name.trim();
        String shortName = trimmed.toLowerCase(Locale.ROOT);
        Supplier<Serializer<?>> builtIn = SHORT_NAMES.get(shortName);
        if (builtIn != null) {
            return builtIn.get();
        }
        if (shortName.equals("json")) {
            return json(property);
        }
        if (!trimmed.contains(".")) {
            throw new InvalidQuillPropertyException(property, name, "not a serializer short name or class name",
                    ProducerConfigFactory.SERIALIZER_CHOICES, null);
        }
        try {
            return Serializers.forClassName(trimmed);
        } catch (ConfigException e) {
            throw new InvalidQuillPropertyException(property, name, e.getMessage(),
                    ProducerConfigFactory.SERIALIZER_CHOICES, e);
        }
    }

    private Serializer<?> json(String property) {
        if (!ClassUtils.isPresent(JSON_MAPPER, classLoader)) {
            throw new InvalidQuillPropertyException(property, "json", "Jackson 3 (" + JSON_MAPPER + ", from "
                    + "tools.jackson.core:jackson-databind) is not on the class path; add spring-boot-starter-json "
                    + "or jackson-databind, or choose another serializer", ProducerConfigFactory.SERIALIZER_CHOICES, null);
        }
        return JsonSerializers.fromContext(beanFactory);
    }
}
