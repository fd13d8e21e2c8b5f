package dev.quill.producer.internal.config;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.quill.producer.ProducerConfig;
import dev.quill.producer.ProducerRecord;
import dev.quill.producer.QuillProducer;
import dev.quill.producer.errors.ConfigException;

/**
 * What an application without kafka-clients does, run by {@link KafkaAdaptersAbsentTest} inside a class loader that
 * has producer-core and the test classes but not kafka-clients. Each scenario returns what it observed.
 */
public final class KafkaFreeApplication {

    private static final String UNREACHABLE = "localhost:1";

    private KafkaFreeApplication() {
    }

    /** Kafka's built-in serializer names, no interceptors: the producer starts, sends and closes. */
    public static final class BuiltInsOnly implements Callable<String> {
        @Override
        public String call() {
            ProducerConfig config = ProducerConfig.from(Map.of("bootstrap.servers", UNREACHABLE,
                    "key.serializer", "org.apache.kafka.common.serialization.StringSerializer",
                    "value.serializer", "org.apache.kafka.common.serialization.LongSerializer",
                    "interceptor.classes", "", "max.block.ms", 100));
            try (QuillProducer<String, Long> producer = QuillProducer.create(config)) {
                producer.send(ProducerRecord.of("t", "k", 1L));
                producer.close(Duration.ZERO);
            }
            return "sent";
        }
    }

    /** A kafka-clients plug-in named in {@code key}: the configuration fails; returns its message. */
    public static final class KafkaPlugin implements Callable<String> {
        private final String key;
        private final String className;

        public KafkaPlugin(String key, String className) {
            this.key = key;
            this.className = className;
        }

        @Override
        public String call() {
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            // As in an application whose own class loader has no kafka-clients either.
            thread.setContextClassLoader(KafkaPlugin.class.getClassLoader());
            try {
                Map<String, Object> configs = new HashMap<>(Map.of("bootstrap.servers", UNREACHABLE,
                        "key.serializer", "org.apache.kafka.common.serialization.StringSerializer",
                        "value.serializer", "org.apache.kafka.common.serialization.StringSerializer"));
                configs.put(key, className);
                ProducerConfig.from(configs);
                return "no error";
            } catch (ConfigException e) {
                return e.getMessage();
            } finally {
                thread.setContextClassLoader(previous);
            }
        }
    }
}
