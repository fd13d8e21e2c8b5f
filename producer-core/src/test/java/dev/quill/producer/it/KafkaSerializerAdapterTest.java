package dev.quill.producer.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.Test;

import dev.quill.producer.ProducerConfig;
import dev.quill.producer.ProducerRecord;
import dev.quill.producer.QuillProducer;
import dev.quill.producer.RecordMetadata;
import dev.quill.producer.errors.SerializationException;
import dev.quill.producer.testkit.KafkaCluster;

/** Applications' own kafka-clients serializers, run unchanged through Quill's adapter against a real broker. */
class KafkaSerializerAdapterTest {

    private final KafkaCluster cluster = KafkaCluster.shared();

    @Test
    void whenKafkasOwnSerializersRunThroughTheAdapterThenTheyWriteTheBytesOfQuillsBuiltIns() throws Exception {
        String topic = cluster.createTopic(KafkaCluster.uniqueTopic("adapter-bytes"), 1, 1);
        // Subclasses have names of their own, so they are adapted rather than mapped to Quill's built-ins.
        Map<String, Object> adapted = Map.of("key.serializer", AdaptedLongSerializer.class,
                "value.serializer", AdaptedStringSerializer.class.getName(), "value.serializer.encoding", "UTF-16");
        Map<String, Object> builtIn = Map.of("key.serializer", org.apache.kafka.common.serialization.LongSerializer.class,
                "value.serializer", org.apache.kafka.common.serialization.StringSerializer.class.getName(),
                "value.serializer.encoding", "UTF-16");
        assertThat(TestProducers.config(cluster, adapted).newKeySerializer().toString())
                .isEqualTo("kafka-clients serializer " + AdaptedLongSerializer.class.getName());
        assertThat(TestProducers.config(cluster, builtIn).newKeySerializer().getClass().getName())
                .startsWith("dev.quill.producer.serialization.");

        List<Long> keys = List.of(0L, -1L, Long.MAX_VALUE, 42L);
        List<String> values = List.of("", "plain", "ünïcödé ✓", "x");
        sendAll(topic, adapted, keys, values);
        sendAll(topic, builtIn, keys, values);

        List<ConsumerRecord<byte[], byte[]>> read = cluster.readAll(topic, 2 * keys.size(), Duration.ofSeconds(30));
        for (int i = 0; i < keys.size(); i++) {
            ConsumerRecord<byte[], byte[]> viaAdapter = read.get(i);
            ConsumerRecord<byte[], byte[]> viaBuiltIn = read.get(keys.size() + i);
            assertThat(viaAdapter.key()).isEqualTo(viaBuiltIn.key());
            assertThat(viaAdapter.value()).isEqualTo(viaBuiltIn.value())
                    .isEqualTo(values.get(i).getBytes(java.nio.charset.StandardCharsets.UTF_16));
        }
    }

    @Test
    void whenAKafkaSerializerAddsAndReadsHeadersThenTheConsumerSeesThem() throws Exception {
        String topic = cluster.createTopic(KafkaCluster.uniqueTopic("adapter-headers"), 1, 1);
        try (QuillProducer<String, String> producer = QuillProducer.create(TestProducers.config(cluster,
                Map.of("value.serializer", HeaderStampingSerializer.class)))) {
            producer.send(ProducerRecord.<String, String>builder(topic).key("k").value("v")
                    .header("trace", "t-1".getBytes(UTF_8)).header("old", "x".getBytes(UTF_8)).build())
                    .get(30, TimeUnit.SECONDS);
        }

        ConsumerRecord<byte[], byte[]> read = cluster.readAll(topic, 1, Duration.ofSeconds(30)).get(0);
        assertThat(new String(read.value(), UTF_8)).isEqualTo("v");
        assertThat(headerNames(read)).containsExactly("trace", "content-type", "seen-trace");
        assertThat(read.headers().lastHeader("content-type").value()).isEqualTo("text/plain".getBytes(UTF_8));
        assertThat(read.headers().lastHeader("seen-trace").value()).isEqualTo("t-1".getBytes(UTF_8));
    }

    @Test
    void whenAKafkaSerializerThrowsThenOnlyThatRecordFailsWithItsExceptionAsCause() throws Exception {
        String topic = cluster.createTopic(KafkaCluster.uniqueTopic("adapter-throws"), 1, 1);
        List<CompletableFuture<RecordMetadata>> futures = new ArrayList<>();
        try (QuillProducer<String, String> producer = QuillProducer.create(TestProducers.config(cluster,
                Map.of("value.serializer", RefusingSerializer.class.getName())))) {
            for (String value : List.of("a", "boom", "c")) {
                futures.add(producer.send(ProducerRecord.of(topic, null, value)));
            }
            producer.flush();
        }

        Throwable failure = TestProducers.failureOf(futures.get(1));
        assertThat(failure).isInstanceOf(SerializationException.class).hasMessageContaining(topic)
                .as("names the application's serializer, not the adapter").hasMessageContaining(RefusingSerializer.class.getName());
        assertThat(failure.getCause()).isInstanceOf(org.apache.kafka.common.errors.SerializationException.class)
                .hasMessage("refusing boom");
        assertThat(futures.get(0).get().hasOffset()).isTrue();
        assertThat(futures.get(2).get().hasOffset()).isTrue();
        assertThat(cluster.readAll(topic, 2, Duration.ofSeconds(30))).extracting(r -> new String(r.value(), UTF_8))
                .containsExactly("a", "c");
    }

    @Test
    void whenTheProducerStartsAndClosesThenKafkaSerializersAreConfiguredWithItsConfigurationAndClosed() {
        String id = UUID.randomUUID().toString();
        ProducerConfig config = TestProducers.config(cluster, Map.of("key.serializer", RecordingSerializer.class,
                "value.serializer", RecordingSerializer.class, "test.id", id, "client.id", "adapter-lifecycle"));
        try (QuillProducer<?, ?> producer = QuillProducer.create(config)) {
            assertThat(RecordingSerializer.byId(id)).hasSize(2).allSatisfy(s -> assertThat(s.closed).isFalse());
        }

        List<RecordingSerializer> made = RecordingSerializer.byId(id);
        assertThat(made).extracting(s -> s.isKey).containsExactly(true, false);
        assertThat(made).allSatisfy(s -> {
            assertThat(s.closed).isTrue();
            assertThat(s.configs).containsEntry("bootstrap.servers", cluster.bootstrapServers())
                    .containsEntry("client.id", "adapter-lifecycle").containsEntry("test.id", id)
                    .containsEntry("key.serializer", RecordingSerializer.class);
        });
    }

    @Test
    void whenSpringKafkasJsonSerializerWritesAPojoThenTheConsumerReadsItsJsonAndTypeHeader() throws Exception {
        String topic = cluster.createTopic(KafkaCluster.uniqueTopic("adapter-spring-json"), 1, 1);
        try (QuillProducer<String, Order> producer = QuillProducer.create(TestProducers.config(cluster,
                Map.of("value.serializer", "org.springframework.kafka.support.serializer.JsonSerializer")))) {
            producer.send(ProducerRecord.of(topic, "o-1", new Order("o-1", "quill", 2))).get(30, TimeUnit.SECONDS);
            // A type header already there is replaced, not repeated: Spring removes it through the headers view.
            producer.send(ProducerRecord.<String, Order>builder(topic).key("o-2").value(new Order("o-2", "ink", 1))
                    .header("__TypeId__", "stale".getBytes(UTF_8)).build()).get(30, TimeUnit.SECONDS);
        }

        List<ConsumerRecord<byte[], byte[]>> read = cluster.readAll(topic, 2, Duration.ofSeconds(30));
        assertThat(new String(read.get(0).value(), UTF_8)).isEqualTo("{\"id\":\"o-1\",\"item\":\"quill\",\"quantity\":2}");
        assertThat(new String(read.get(1).value(), UTF_8)).isEqualTo("{\"id\":\"o-2\",\"item\":\"ink\",\"quantity\":1}");
        for (ConsumerRecord<byte[], byte[]> r : read) {
            assertThat(headerNames(r)).containsExactly("__TypeId__");
            assertThat(new String(r.headers().lastHeader("__TypeId__").value(), UTF_8)).isEqualTo(Order.class.getName());
        }
    }

    private void sendAll(String topic, Map<String, Object> serializers, List<Long> keys, List<String> values)
            throws Exception {
        try (QuillProducer<Long, String> producer = QuillProducer.create(TestProducers.config(cluster, serializers))) {
            for (int i = 0; i < keys.size(); i++) {
                producer.send(ProducerRecord.of(topic, keys.get(i), values.get(i))).get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static List<String> headerNames(ConsumerRecord<?, ?> record) {
        List<String> names = new ArrayList<>();
        record.headers().forEach(h -> names.add(h.key()));
        return names;
    }

    public static class AdaptedStringSerializer extends org.apache.kafka.common.serialization.StringSerializer {
    }

    public static class AdaptedLongSerializer extends org.apache.kafka.common.serialization.LongSerializer {
    }

    /** Adds a header, reads one the record already has, and removes another, all through kafka-clients' Headers. */
    public static class HeaderStampingSerializer implements org.apache.kafka.common.serialization.Serializer<String> {
        @Override
        public byte[] serialize(String topic, String data) {
            throw new AssertionError("the producer must call the variant with headers");
        }

        @Override
        public byte[] serialize(String topic, Headers headers, String data) {
            headers.remove("old");
            headers.add("content-type", "text/plain".getBytes(UTF_8));
            headers.add(new org.apache.kafka.common.header.internals.RecordHeader("seen-trace",
                    headers.lastHeader("trace").value()));
            return data.getBytes(UTF_8);
        }
    }

    public static class RefusingSerializer implements org.apache.kafka.common.serialization.Serializer<String> {
        @Override
        public byte[] serialize(String topic, String data) {
            if (data.equals("boom")) {
                throw new org.apache.kafka.common.errors.SerializationException("refusing " + data);
            }
            return data.getBytes(UTF_8);
        }
    }

    /** Remembers how it was configured and whether it was closed, per {@code test.id}. */
    public static class RecordingSerializer implements org.apache.kafka.common.serialization.Serializer<Object> {
        private static final Map<String, List<RecordingSerializer>> MADE = new ConcurrentHashMap<>();

        volatile Map<String, Object> configs;
        volatile boolean isKey;
        volatile boolean closed;

        static List<RecordingSerializer> byId(String id) {
            return MADE.getOrDefault(id, List.of());
        }

        @Override
        public void configure(Map<String, ?> configs, boolean isKey) {
            this.configs = new HashMap<>(configs);
            this.isKey = isKey;
            MADE.computeIfAbsent((String) configs.get("test.id"), k -> new java.util.concurrent.CopyOnWriteArrayList<>())
                    .add(this);
        }

        @Override
        public byte[] serialize(String topic, Object data) {
            return data == null ? null : data.toString().getBytes(UTF_8);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** What a service sends as JSON; Jackson reads the record's accessors. */
    public record Order(String id, String item, int quantity) {
    }
}
