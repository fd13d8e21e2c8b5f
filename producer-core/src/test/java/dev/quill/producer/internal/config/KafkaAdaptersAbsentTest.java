package dev.quill.producer.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;

/**
 * kafka-clients is optional: runs producer-core in a class loader without it (as an application that does not
 * have it) and checks that Quill never loads its kafka-clients adapters unless such a plug-in is configured.
 */
class KafkaAdaptersAbsentTest {

    private static final List<String> ADAPTER_CLASSES = List.of("KafkaSerializerAdapter", "KafkaInterceptorAdapter",
            "KafkaHeadersView", "KafkaRecords");

    @Test
    void whenNoKafkaPluginIsConfiguredThenTheProducerRunsWithoutKafkaClientsAndLoadsNoAdapter() throws Exception {
        try (WithoutKafka loader = new WithoutKafka()) {
            assertThatThrownBy(() -> loader.loadClass("org.apache.kafka.common.serialization.Serializer"))
                    .isInstanceOf(ClassNotFoundException.class);

            assertThat(loader.run(KafkaFreeApplication.BuiltInsOnly.class)).isEqualTo("sent");

            assertThat(loader.loadedAdapters()).isEmpty();
        }
    }

    @Test
    void whenAKafkaSerializerIsConfiguredWithoutKafkaClientsThenTheConfigurationSaysWhatIsMissing() throws Exception {
        String serializer = "dev.quill.producer.it.KafkaSerializerAdapterTest$RefusingSerializer";
        try (WithoutKafka loader = new WithoutKafka()) {
            assertThat(loader.run(KafkaFreeApplication.KafkaPlugin.class, "value.serializer", serializer))
                    .isEqualTo("Invalid value " + serializer + " for configuration value.serializer: Class " + serializer
                            + " could not be loaded: it needs kafka-clients (org.apache.kafka:kafka-clients) on the "
                            + "class path, which does not have org.apache.kafka.common.serialization.Serializer");
            assertThat(loader.loadedAdapters()).isEmpty();
        }
    }

    @Test
    void whenAKafkaInterceptorIsConfiguredWithoutKafkaClientsThenTheConfigurationSaysWhatIsMissing() throws Exception {
        String interceptor = "dev.quill.producer.it.InterceptorsTest$KafkaSuffix";
        try (WithoutKafka loader = new WithoutKafka()) {
            assertThat(loader.run(KafkaFreeApplication.KafkaPlugin.class, "interceptor.classes", interceptor))
                    .startsWith("Invalid value " + interceptor + " for configuration interceptor.classes: Class "
                            + interceptor + " could not be loaded: it needs kafka-clients")
                    .endsWith("which does not have org.apache.kafka.clients.producer.ProducerInterceptor");
            assertThat(loader.loadedAdapters()).isEmpty();
        }
    }

    /** producer-core's classes and the test classes, over the platform class loader: no kafka-clients. */
    private static final class WithoutKafka extends URLClassLoader {

        WithoutKafka() {
            super(new URL[] {location(Plugins.class), location(KafkaAdaptersAbsentTest.class)},
                    ClassLoader.getPlatformClassLoader());
        }

        private static URL location(Class<?> c) {
            return c.getProtectionDomain().getCodeSource().getLocation();
        }

        /** Runs the scenario's copy in this loader, made with these constructor arguments. */
        String run(Class<?> scenario, String... args) throws Exception {
            Class<?>[] types = new Class<?>[args.length];
            java.util.Arrays.fill(types, String.class);
            Object copy = loadClass(scenario.getName()).getConstructor(types).newInstance((Object[]) args);
            return (String) ((Callable<?>) copy).call();
        }

        List<String> loadedAdapters() {
            return ADAPTER_CLASSES.stream().map(n -> "dev.quill.producer.internal.kafka." + n)
                    .filter(n -> findLoadedClass(n) != null).toList();
        }
    }
}
