package dev.quill.producer;

import static dev.quill.producer.ProducerConfig.CLIENT_ID_CONFIG;
import static dev.quill.producer.ProducerConfig.INTERCEPTOR_CLASSES_CONFIG;
import static dev.quill.producer.ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG;
import static dev.quill.producer.ProducerConfig.PARTITIONER_CLASS_CONFIG;
import static dev.quill.producer.ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG;

import dev.quill.producer.errors.ConfigException;
import dev.quill.producer.internal.interceptor.InterceptorClasses;
import dev.quill.producer.internal.partition.Partitioners;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plug-in classes a configuration names: serializers, partitioner and interceptors. Their classes are resolved
 * when the configuration is built, so that a wrong name fails at startup rather than when a producer is made; each
 * instance is configured, as in kafka-clients, with the configuration as given plus the effective {@code client.id}.
 */
final class ConfiguredPlugins {

    private final Map<String, Object> given;
    private final Map<String, Object> values;

    /**
     * @param given the configuration as given (plug-ins may read keys the producer does not know)
     * @param values the effective values, with the final {@code client.id}
     */
    ConfiguredPlugins(Map<String, Object> given, Map<String, Object> values) {
        this.given = given;
        this.values = values;
    }

    /**
     * Resolves every named plug-in class without instantiating it.
     *
     * @throws ConfigException naming the key and the class that cannot be used
     */
    static void check(Map<String, Object> given, Map<String, Object> values) {
        if (values.get(KEY_SERIALIZER_CLASS_CONFIG) != null) {
            Serializers.resolve(KEY_SERIALIZER_CLASS_CONFIG, values.get(KEY_SERIALIZER_CLASS_CONFIG));
        }
        if (values.get(VALUE_SERIALIZER_CLASS_CONFIG) != null) {
            Serializers.resolve(VALUE_SERIALIZER_CLASS_CONFIG, values.get(VALUE_SERIALIZER_CLASS_CONFIG));
        }
        if (values.get(PARTITIONER_CLASS_CONFIG) != null) {
            Partitioners.resolve(PARTITIONER_CLASS_CONFIG, values.get(PARTITIONER_CLASS_CONFIG));
        }
        InterceptorClasses.check(INTERCEPTOR_CLASSES_CONFIG, interceptorEntries(given, values));
    }

    /** A new serializer of {@code key} ({@code key.serializer} or {@code value.serializer}), configured. */
    Serializer<?> newSerializer(String key, boolean isKey) {
        Serializer<?> serializer = Serializers.instantiate(key, values.get(key));
        serializer.configure(configs(), isKey);
        return serializer;
    }

    /** A new, configured instance of {@code partitioner.class}, or null for the built-in partitioner. */
    Partitioner newPartitioner() {
        Object value = values.get(PARTITIONER_CLASS_CONFIG);
        if (value == null) {
            return null;
        }
        Partitioner partitioner = Partitioners.instantiate(PARTITIONER_CLASS_CONFIG, value);
        partitioner.configure(configs());
        return partitioner;
    }

    /** New, configured instances of {@code interceptor.classes}, in order; on failure, those made are closed. */
    List<ProducerInterceptor<?, ?>> newInterceptors() {
        return InterceptorClasses.instantiate(INTERCEPTOR_CLASSES_CONFIG, interceptorEntries(given, values),
                configs());
    }

    /** The classes as given when a List was given (Class objects kept, not reloaded by name), else the names. */
    private static List<?> interceptorEntries(Map<String, Object> given, Map<String, Object> values) {
        return given.get(INTERCEPTOR_CLASSES_CONFIG) instanceof List<?> list
                ? list : (List<?>) values.get(INTERCEPTOR_CLASSES_CONFIG);
    }

    private Map<String, Object> configs() {
        Map<String, Object> configs = new LinkedHashMap<>(given);
        configs.put(CLIENT_ID_CONFIG, values.get(CLIENT_ID_CONFIG));
        return Collections.unmodifiableMap(configs);
    }
}
