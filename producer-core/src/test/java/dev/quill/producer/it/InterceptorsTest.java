package dev.quill.producer.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import dev.quill.producer.ProducerInterceptor;
import dev.quill.producer.ProducerRecord;
import dev.quill.producer.QuillProducer;
import dev.quill.producer.RecordMetadata;
import dev.quill.producer.Serializers;
import dev.quill.producer.errors.DeliveryTimeoutException;
import dev.quill.producer.errors.RecordTooLargeException;
import dev.quill.producer.errors.SerializationException;
import dev.quill.producer.testkit.KafkaCluster;

/** {@code interceptor.classes} with Quill's and kafka-clients' interceptors, against a real broker. */
class InterceptorsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final KafkaCluster cluster = KafkaCluster.shared();

    @Test
    void whenInterceptorsReplaceTheRecordThenTheConsumerSeesTheLastOnesResultInOrder() throws Exception {
        String topic = cluster.createTopic(KafkaCluster.uniqueTopic("intercept-replace"), 3, 1);
        long timestamp = System.currentTimeMillis() - 10_000;
        RecordMetadata m;
        try (QuillProducer<String, String> producer = TestProducers.strings(cluster, Map.of("interceptor.classes",
                QuillSuffix.class.getName() + " , " + KafkaSuffix.class.getName()))) {
            m = producer.send(ProducerRecord.<String, String>builder(topic).key("k").value("v").partition(2)
                    .timestamp(timestamp).header("h", "1".getBytes(UTF_8)).build()).get(30, TimeUnit.SECONDS);
        }

        ConsumerRecord<byte[], byte[]> read = cluster.readAll(topic, 1, WAIT).get(0);
        assertThat(new String(read.value(), UTF_8)).isEqualTo("v|quill|kafka");
        assertThat(new String(read.key(), UTF_8)).isEqualTo("k");
        assertThat(read.partition()).isEqualTo(2).isEqualTo(m.partition());
        assertThat(read.timestamp()).isEqualTo(timestamp);
        assertThat(headers(read)).containsExactly("h=1", "quill=seen", "kafka=saw quill");
        assertThat(m.serializedValueSize()).isEqualTo("v|quill|kafka".length());
    }

    @Test
    void whenAnInterceptorThrowsThenItIsSkippedAndTheRecordArrivesWithTheOthersChanges() throws Exception {
        String topic = cluster.createTopic(KafkaCluster.uniqueTopic("intercept-throws"), 1, 1);
        List<String> callbacks = new CopyOnWriteArrayList<>();
        try (QuillProducer<String, String> producer = TestProducers.strings(cluster, Map.of("interceptor.classes",
                List.of(Throwing.class, QuillSuffix.class, KafkaThrowing.class, KafkaSuffix.class)))) {
            producer.send(ProducerRecord.of(topic, "k", "v"), (md, e) -> callbacks.add(e == null ? "ok" : "failed"))
                    .get(30, TimeUnit.SECONDS);
        }

        assertThat(callbacks).containsExactly("ok");
        ConsumerRecord<byte[], byte[]> read = cluster.readAll(topic, 1, WAIT).get(0);
        assertThat(new String(read.value(), UTF_8)).isEqualTo("v|quill|kafka");
    }

    @Test
    void whenRecordsSucceedOrFailThenEveryInterceptorHearsOfEachExactlyOnceBeforeTheCallback() throws Exception {
        String topic = cluster.createTopic(KafkaCluster.uniqueTopic("intercept-ack"), 2, 1);
        String id = UUID.randomUUID().toString();
        List<String> callbackOrder = new CopyOnWriteArrayList<>();
        List<CompletableFuture<RecordMetadata>> ok = new ArrayList<>();
        CompletableFuture<RecordMetadata> tooLarge;
        CompletableFuture<RecordMetadata> unserializable;
        CompletableFuture<RecordMetadata> noSuchPartition;
        try (QuillProducer<String, String> producer = QuillProducer.create(TestProducers.config(cluster, Map.of(
                        "interceptor.classes", List.of(QuillCounting.class, KafkaCounting.class, Throwing.class),
                        "test.id", id, "max.request.size", 2000, "max.block.ms", 1000)),
                Serializers.string(), (t, h, v) -> {
                    if (v.equals("boom")) {
                        throw new IllegalArgumentException("no boom");
                    }
                    return v.getBytes(UTF_8);
                })) {
            for (int i = 0; i < 20; i++) {
                ok.add(producer.send(ProducerRecord.of(topic, "k" + i, "v" + i)));
            }
            tooLarge = producer.send(ProducerRecord.of(topic, "big", "x".repeat(5000)));
            // The interceptors hear first, then the callback: as kafka-clients orders them.
            String serializationAck = topic + "--1@-1 SerializationException";
            unserializable = producer.send(ProducerRecord.of(topic, "bad", "boom"), (md, e) -> callbackOrder.add(
                    Counting.acks(id).containsAll(List.of("quill " + serializationAck, "kafka " + serializationAck))
                            ? "after interceptors" : "before interceptors"));
            noSuchPartition = producer.send(ProducerRecord.<String, String>builder(topic).key("p").value("p")
                    .partition(7).build());
            CompletableFuture.allOf(ok.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            assertThat(TestProducers.failureOf(noSuchPartition)).isInstanceOf(DeliveryTimeoutException.class);
        }

        assertThat(TestProducers.failureOf(tooLarge)).isInstanceOf(RecordTooLargeException.class);
        assertThat(TestProducers.failureOf(unserializable)).isInstanceOf(SerializationException.class);
        assertThat(callbackOrder).containsExactly("after interceptors");
        List<String> acks = Counting.acks(id);
        for (String kind : List.of("quill", "kafka")) {
            List<String> mine = acks.stream().filter(a -> a.startsWith(kind + " ")).toList();
            assertThat(mine).as(kind).hasSize(23).doesNotHaveDuplicates();
            for (CompletableFuture<RecordMetadata> f : ok) {
                RecordMetadata m = f.get();
                assertThat(mine).contains(kind + " " + topic + "-" + m.partition() + "@" + m.offset() + " ok");
            }
            assertThat(mine).contains(kind + " " + topic + "--1@-1 RecordTooLargeException",
                    kind + " " + topic + "--1@-1 SerializationException",
                    kind + " " + topic + "-7@-1 DeliveryTimeoutException");
        }
        assertThat(Counting.events(id)).containsExactly("quill configured by " + id, "kafka configured by " + id,
                "quill closed", "kafka closed");
    }

    private static List<String> headers(ConsumerRecord<?, ?> record) {
        List<String> out = new ArrayList<>();
        for (Header h : record.headers()) {
            out.add(h.key() + "=" + new String(h.value(), UTF_8));
        }
        return out;
    }

    /** Appends "|quill" to the value and adds a header. */
    public static class QuillSuffix implements ProducerInterceptor<String, String> {
        @Override
        public ProducerRecord<String, String> onSend(ProducerRecord<String, String> record) {
            ProducerRecord.Builder<String, String> b = ProducerRecord.<String, String>builder(record.topic())
                    .key(record.key()).value(record.value() + "|quill").headers(record.headers())
                    .header("quill", "seen".getBytes(UTF_8));
            if (record.hasPartition()) {
                b.partition(record.partition());
            }
            if (record.timestamp() != ProducerRecord.NO_TIMESTAMP) {
                b.timestamp(record.timestamp());
            }
            return b.build();
        }
    }

    /** Appends "|kafka" to the value and adds a header saying whether it saw Quill's interceptor's header. */
    public static class KafkaSuffix implements org.apache.kafka.clients.producer.ProducerInterceptor<String, String> {
        @Override
        public org.apache.kafka.clients.producer.ProducerRecord<String, String> onSend(
                org.apache.kafka.clients.producer.ProducerRecord<String, String> record) {
            var next = new org.apache.kafka.clients.producer.ProducerRecord<>(record.topic(), record.partition(),
                    record.timestamp(), record.key(), record.value() + "|kafka", record.headers());
            next.headers().add("kafka", (record.headers().lastHeader("quill") != null ? "saw quill" : "alone")
                    .getBytes(UTF_8));
            return next;
        }

        @Override
        public void onAcknowledgement(org.apache.kafka.clients.producer.RecordMetadata metadata, Exception exception) {
        }

        @Override
        public void close() {
        }

        @Override
        public void configure(Map<String, ?> configs) {
        }
    }

    /** Fails everywhere it can. */
    public static class Throwing implements ProducerInterceptor<String, String> {
        @Override
        public ProducerRecord<String, String> onSend(ProducerRecord<String, String> record) {
            throw new IllegalStateException("onSend fails");
        }

        @Override
        public void onAcknowledgement(RecordMetadata metadata, Exception error) {
            throw new IllegalStateException("onAcknowledgement fails");
        }
    }

    public static class KafkaThrowing extends KafkaSuffix {
        @Override
        public org.apache.kafka.clients.producer.ProducerRecord<String, String> onSend(
                org.apache.kafka.clients.producer.ProducerRecord<String, String> record) {
            throw new IllegalStateException("kafka onSend fails");
        }
    }

    /** Shared log of what counting interceptors saw, per {@code test.id}. */
    static final class Counting {
        private static final Map<String, List<String>> ACKS = new ConcurrentHashMap<>();
        private static final Map<String, List<String>> EVENTS = new ConcurrentHashMap<>();

        static List<String> acks(String id) {
            return ACKS.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>());
        }

        static List<String> events(String id) {
            return EVENTS.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>());
        }

        static String describe(String kind, String topic, int partition, long offset, Exception error) {
            return kind + " " + topic + "-" + partition + "@" + offset + " "
                    + (error == null ? "ok" : error.getClass().getSimpleName());
        }
    }

    public static class QuillCounting implements ProducerInterceptor<String, String> {
        private volatile String id;

        @Override
        public void configure(Map<String, ?> configs) {
            id = (String) configs.get("test.id");
            Counting.events(id).add("quill configured by " + id);
        }

        @Override
        public ProducerRecord<String, String> onSend(ProducerRecord<String, String> record) {
            return record;
        }

        @Override
        public void onAcknowledgement(RecordMetadata metadata, Exception error) {
            Counting.acks(id).add(Counting.describe("quill", metadata.topic(), metadata.partition(),
                    metadata.offset(), error));
        }

        @Override
        public void close() {
            Counting.events(id).add("quill closed");
        }
    }

    /** Overrides the variant with headers, which kafka-clients 4.x calls; it must be read-only there. */
    public static class KafkaCounting implements org.apache.kafka.clients.producer.ProducerInterceptor<String, String> {
        private final AtomicInteger writable = new AtomicInteger();
        private volatile String id;

        @Override
        public void configure(Map<String, ?> configs) {
            id = (String) configs.get("test.id");
            Counting.events(id).add("kafka configured by " + id);
        }

        @Override
        public org.apache.kafka.clients.producer.ProducerRecord<String, String> onSend(
                org.apache.kafka.clients.producer.ProducerRecord<String, String> record) {
            return record;
        }

        @Override
        public void onAcknowledgement(org.apache.kafka.clients.producer.RecordMetadata metadata, Exception exception,
                                      org.apache.kafka.common.header.Headers headers) {
            try {
                headers.add("late", null);
                writable.incrementAndGet();
            } catch (IllegalStateException expected) {
                // read-only, as in kafka-clients
            }
            Counting.acks(id).add(Counting.describe("kafka", metadata.topic(), metadata.partition(),
                    metadata.offset(), exception));
        }

        @Override
        public void close() {
            Counting.events(id).add(writable.get() == 0 ? "kafka closed" : "kafka closed; headers were writable");
        }
    }
}
