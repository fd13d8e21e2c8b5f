package dev.quill.producer.serialization;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Loads producer-core's own classes in a class loader that does not see Avro, as in an application that did not
 * add it: naming Confluent's serializer still resolves, and configuring it says which dependency to add.
 */
class AvroAbsentTest {

    @Test
    void confluentsClassNameResolvesWithoutLoadingAvro() throws Exception {
        try (URLClassLoader loader = coreOnly()) {
            Object serializer = loader.loadClass("dev.quill.producer.Serializers")
                    .getMethod("forClassName", String.class)
                    .invoke(null, "io.confluent.kafka.serializers.KafkaAvroSerializer");

            assertThat(serializer.getClass().getName()).isEqualTo(AvroSerializer.class.getName());
        }
    }

    @Test
    void configuringTheSerializerWithoutAvroNamesTheDependencyToAdd() throws Exception {
        try (URLClassLoader loader = coreOnly()) {
            Object serializer = loader.loadClass(AvroSerializer.class.getName()).getConstructor().newInstance();
            Throwable thrown = null;
            try {
                serializer.getClass().getMethod("configure", Map.class, boolean.class)
                        .invoke(serializer, Map.of("schema.registry.url", "http://127.0.0.1:1"), false);
            } catch (InvocationTargetException e) {
                thrown = e.getCause();
            }

            assertThat(thrown).isNotNull();
            assertThat(thrown.getClass().getName()).isEqualTo("dev.quill.producer.errors.ConfigException");
            assertThat(thrown.getMessage()).contains("org.apache.avro:avro");
        }
    }

    private static URLClassLoader coreOnly() {
        URL coreClasses = AvroSerializer.class.getProtectionDomain().getCodeSource().getLocation();
        return new URLClassLoader(new URL[] {coreClasses}, ClassLoader.getPlatformClassLoader());
    }
}
