package dev.quill.producer.testing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

import dev.quill.producer.Headers;
import dev.quill.producer.PartitionInfo;
import dev.quill.producer.Partitioner;
import dev.quill.producer.ProducerConfig;
import dev.quill.producer.ProducerHealth;
import dev.quill.producer.ProducerMetrics;
import dev.quill.producer.ProducerRecord;
import dev.quill.producer.RecordMetadata;
import dev.quill.producer.Serializer;
import dev.quill.producer.Serializers;
import dev.quill.producer.errors.DeliveryTimeoutException;
import dev.quill.producer.errors.ProducerClosedException;
import dev.quill.producer.errors.ProducerException;
import dev.quill.producer.errors.RecordTooLargeException;
import dev.quill.producer.errors.SerializationException;

class MockProducerTest {

    private static Throwable failureOf(CompletableFuture<RecordMetadata> future) {
        assertThat(future).isCompletedExceptionally();
        return future.handle((m, e) -> e).join();
    }

    @Test
    void whenSentThenTheRecordIsInTheHistoryAndAcknowledgedAtOnceWithOffsetsPerPartition() {
        MockProducer<String, String> producer = MockProducer.create(Serializers.string(), Serializers.string());

        RecordMetadata first = producer.send(ProducerRecord.of("orders", "k", "v1")).join();
        RecordMetadata second = producer.send(ProducerRecord.of("orders", "k", "v2")).join();
        RecordMetadata other = producer.send(ProducerRecord.of("audit", null, "v3")).join();

        assertThat(first.topic()).isEqualTo("orders");
        assertThat(first.partition()).isZero();
        assertThat(first.offset()).isZero();
        assertThat(second.offset()).isEqualTo(1);
        assertThat(other.offset()).isZero();
        assertThat(first.serializedKeySize()).isEqualTo(1);
        assertThat(first.serializedValueSize()).isEqualTo(2);
        assertThat(other.serializedKeySize()).isEqualTo(-1);
        assertThat(producer.history()).extracting(MockProducer.SentRecord::topic, MockProducer.SentRecord::key,
                MockProducer.SentRecord::value).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("orders", "k", "v1"),
                        org.assertj.core.groups.Tuple.tuple("orders", "k", "v2"),
                        org.assertj.core.groups.Tuple.tuple("audit", null, "v3"));
        assertThat(producer.history().get(0).serializedValue()).isEqualTo("v1".getBytes(UTF_8));
        assertThat(producer.history().get(2).serializedKey()).isNull();
    }

    @Test
    void whenKeyedRecordsGoToADeclaredTopicThenEachGoesWhereKafkaClientsPutsIt() {
        MockProducer<String, String> producer = MockProducer.builder(Serializers.string(), Serializers.string())
                .partitions("orders", 7).build();
        for (int i = 0; i < 200; i++) {
            String key = "order-" + i;
            int expected = Utils.toPositive(Utils.murmur2(key.getBytes(UTF_8))) % 7;
            assertThat(producer.send(ProducerRecord.of("orders", key, "v")).join().partition()).as(key)
                    .isEqualTo(expected);
        }
        assertThat(producer.history()).extracting(MockProducer.SentRecord::partition).contains(0, 1, 2, 3, 4, 5, 6);
        assertThat(producer.partitionsFor("orders")).hasSize(7).allSatisfy(p -> assertThat(p.leader()).isZero());
        assertThat(producer.partitionsFor("undeclared")).extracting(PartitionInfo::partition).containsExactly(0);
    }

    @Test
    void whenARecordNamesItsPartitionThenItGoesThereOrFailsWhenTheTopicLacksIt() {
        MockProducer<String, String> producer = MockProducer.builder(Serializers.string(), Serializers.string())
                .partitions("orders", 3).build();

        assertThat(producer.send(ProducerRecord.<String, String>builder("orders").key("k").value("v").partition(2)
                .build()).join().partition()).isEqualTo(2);
        CompletableFuture<RecordMetadata> missing = producer.send(ProducerRecord.<String, String>builder("orders")
                .value("v").partition(3).build());

        assertThat(failureOf(missing)).isInstanceOf(DeliveryTimeoutException.class).hasMessageContaining("3 partition");
        assertThat(producer.history()).hasSize(1);
    }

    /** Sends every record to the topic's last partition. */
    public static final class LastPartition implements Partitioner {
        @Override
        public int partition(String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes,
                             List<PartitionInfo> partitions) {
            return partitions.size() - 1;
        }
    }

    @Test
    void whenAPartitionerIsConfiguredThenItChooses() {
        MockProducer<String, String> producer = MockProducer.builder(Serializers.string(), Serializers.string())
                .config(ProducerConfig.from(Map.of("bootstrap.servers", "localhost:9092",
                        "partitioner.class", LastPartition.class.getName())))
                .partitions("orders", 4).build();

        assertThat(producer.send(ProducerRecord.of("orders", "k", "v")).join().partition()).isEqualTo(3);
    }

    @Test
    void whenKeysAreIgnoredThenKeyedRecordsStickToOnePartitionLikeKeylessOnes() {
        MockProducer<String, String> producer = MockProducer.builder(Serializers.string(), Serializers.string())
                .config(ProducerConfig.from(Map.of("bootstrap.servers", "localhost:9092",
                        "partitioner.ignore.keys", "true")))
                .partitions("orders", 12).build();
        Set<Integer> partitions = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            partitions.add(producer.send(ProducerRecord.of("orders", "key-" + i, "small")).join().partition());
        }
        assertThat(partitions).as("20 small records stay under batch.size on one sticky partition").hasSize(1);
    }

    @Test
    void whenNotAutoCompletingThenTheTestCompletesOrFailsEachRecordInOrderCallbackFirst() {
        MockProducer<String, String> producer = MockProducer.builder(Serializers.string(), Serializers.string())
                .autoComplete(false).build();
        List<String> events = new CopyOnWriteArrayList<>();
        AtomicBoolean futureDoneInCallback = new AtomicBoolean(true);
        CompletableFuture<RecordMetadata>[] futures = new CompletableFuture[2];
        futures[0] = producer.send(ProducerRecord.of("t", "a", "1"), (m, e) -> {
            futureDoneInCallback.set(futures[0].isDone());
            events.add("callback 1 offset " + m.offset());
        });
        futures[1] = producer.send(ProducerRecord.of("t", "b", "2"), (m, e) -> events.add("callback 2 " + e.getMessage()));

        assertThat(futures).allSatisfy(f -> assertThat(f).isNotDone());
        assertThat(producer.incompleteCount()).isEqualTo(2);
        assertThat(producer.history()).hasSize(2);

        assertThat(producer.completeNext()).isTrue();
        assertThat(futures[0]).isCompleted();
        assertThat(futures[1]).isNotDone();
        assertThat(futureDoneInCallback).as("the future was not complete while the callback ran").isFalse();

        ProducerException refused = new ProducerException("NOT_ENOUGH_REPLICAS");
        assertThat(producer.errorNext(refused)).isTrue();
        assertThat(failureOf(futures[1])).isSameAs(refused);
        assertThat(events).containsExactly("callback 1 offset 0", "callback 2 NOT_ENOUGH_REPLICAS");
        assertThat(producer.completeNext()).isFalse();
        assertThat(producer.errorNext(new ProducerException("none left"))).isFalse();
    }

    @Test
    void whenFlushedThenEveryIncompleteRecordCompletesAndTheFlushIsNotedUntilCleared() {
        MockProducer<String, String> producer = MockProducer.builder(Serializers.string(), Serializers.string())
                .autoComplete(false).build();
        CompletableFuture<RecordMetadata> first = producer.send(ProducerRecord.of("t", "a", "1"));
        CompletableFuture<RecordMetadata> second = producer.send(ProducerRecord.of("t", "a", "2"));
        assertThat(producer.flushed()).isFalse();

        producer.flush();

        assertThat(producer.flushed()).isTrue();
        assertThat(first.join().offset()).isZero();
        assertThat(second.join().offset()).isEqualTo(1);
        producer.clear();
        assertThat(producer.flushed()).isFalse();
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void whenClosedThenSendsFailWithProducerClosedExceptionThroughCallbackAndFuture() {
        AtomicBoolean serializerClosed = new AtomicBoolean();
        Serializer<String> closing = new Serializer<>() {
            @Override
            public byte[] serialize(String topic, Headers headers, String data) {
                return data == null ? null : data.getBytes(UTF_8);
            }

            @Override
            public void close() {
                serializerClosed.set(true);
            }
        };
        MockProducer<String, String> producer = MockProducer.create(closing, Serializers.string());
        producer.close();
        producer.close();

        List<Exception> errors = new ArrayList<>();
        CompletableFuture<RecordMetadata> future = producer.send(ProducerRecord.of("t", "k", "v"), (m, e) -> errors.add(e));

        assertThat(producer.closed()).isTrue();
        assertThat(serializerClosed).isTrue();
        assertThat(failureOf(future)).isInstanceOf(ProducerClosedException.class).hasMessageContaining("topic t");
        assertThat(errors).singleElement().isInstanceOf(ProducerClosedException.class);
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void whenASerializerThrowsThenThatRecordFailsWithSerializationExceptionAndOthersGoOn() {
        Serializer<String> picky = (topic, headers, data) -> {
            if (data.equals("bad")) {
                throw new IllegalArgumentException("cannot take bad");
            }
            return data.getBytes(UTF_8);
        };
        MockProducer<String, String> producer = MockProducer.create(Serializers.string(), picky);

        CompletableFuture<RecordMetadata> bad = producer.send(ProducerRecord.of("t", "k", "bad"));
        CompletableFuture<RecordMetadata> good = producer.send(ProducerRecord.of("t", "k", "good"));

        assertThat(failureOf(bad)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("value of a record for topic t").hasMessageContaining("cannot take bad")
                .hasCauseInstanceOf(IllegalArgumentException.class);
        assertThat(good).isCompleted();
        assertThat(producer.history()).extracting(MockProducer.SentRecord::value).containsExactly("good");
        ProducerMetrics metrics = producer.metrics();
        assertThat(metrics.recordsSent()).isEqualTo(1);
        assertThat(metrics.recordsFailed()).isEqualTo(1);
        assertThat(metrics.failuresByError()).containsEntry("SerializationException", 1L);
    }

    @Test
    void whenARecordIsLargerThanMaxRequestSizeThenItFailsWithRecordTooLargeException() {
        MockProducer<String, String> producer = MockProducer.builder(Serializers.string(), Serializers.string())
                .config(ProducerConfig.from(Map.of("bootstrap.servers", "localhost:9092", "max.request.size", "1000")))
                .build();

        assertThat(failureOf(producer.send(ProducerRecord.of("t", "k", "x".repeat(2000)))))
                .isInstanceOf(RecordTooLargeException.class).hasMessageContaining("max.request.size (1000)");
    }

    @Test
    void whenACallbackThrowsThenItsFutureStillCompletes() {
        MockProducer<String, String> producer = MockProducer.create(Serializers.string(), Serializers.string());

        CompletableFuture<RecordMetadata> future = producer.send(ProducerRecord.of("t", "k", "v"), (m, e) -> {
            throw new IllegalStateException("callback bug");
        });

        assertThat(future).isCompleted();
    }

    @Test
    void whenRecordsFailThroughErrorNextThenMetricsHealthAndLastErrorSaySo() {
        MockProducer<String, String> producer = MockProducer.builder(Serializers.string(), Serializers.string())
                .config(ProducerConfig.builder().bootstrapServers("localhost:9092").clientId("mocked").build())
                .autoComplete(false).build();
        Instant before = Instant.now();
        producer.send(ProducerRecord.of("orders", "k", "v"));
        producer.send(ProducerRecord.of("orders", "k", "v"));
        assertThat(producer.metrics().recordsQueued()).isEqualTo(2);
        assertThat(producer.lastErrorSince(before)).isNull();

        producer.completeNext();
        ProducerException refused = new ProducerException("refused by the test");
        producer.errorNext(refused);

        ProducerMetrics metrics = producer.metrics();
        assertThat(metrics.clientId()).isEqualTo("mocked");
        assertThat(metrics.recordsQueued()).isZero();
        assertThat(metrics.topics()).containsEntry("orders", new ProducerMetrics.TopicMetrics(1, 1, 0, 0));
        assertThat(metrics.failuresByError()).containsEntry("ProducerException", 1L);
        ProducerHealth health = producer.health();
        assertThat(health.status()).isEqualTo(ProducerHealth.Status.UP);
        assertThat(health.lastError()).isEqualTo("refused by the test");
        assertThat(producer.lastErrorSince(before)).isSameAs(refused);
        assertThat(producer.lastErrorSince(Instant.now().plusSeconds(60))).isNull();
    }

    @Test
    void whenManyThreadsSendAtOnceThenEveryRecordIsKeptWithItsOwnOffset() throws Exception {
        MockProducer<String, String> producer = MockProducer.builder(Serializers.string(), Serializers.string())
                .partitions("t", 3).build();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<RecordMetadata>>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    List<RecordMetadata> acks = new ArrayList<>();
                    for (int i = 0; i < 500; i++) {
                        acks.add(producer.send(ProducerRecord.of("t", thread + "-" + i, "v")).join());
                    }
                    return acks;
                }));
            }
            Set<String> positions = new HashSet<>();
            for (Future<List<RecordMetadata>> result : results) {
                for (RecordMetadata m : result.get(60, TimeUnit.SECONDS)) {
                    positions.add(m.partition() + "@" + m.offset());
                }
            }
            assertThat(positions).hasSize(4000);
            assertThat(producer.history()).hasSize(4000);
            assertThat(producer.metrics().recordsSent()).isEqualTo(4000);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void whenAPartitionCountIsNotPositiveThenTheBuilderRefusesIt() {
        assertThatThrownBy(() -> MockProducer.builder(Serializers.string(), Serializers.string()).partitions("t", 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void whenTheFutureIsAwaitedThenItCarriesTheErrorGivenToErrorNext() {
        MockProducer<String, String> producer = MockProducer.builder(Serializers.string(), Serializers.string())
                .autoComplete(false).build();
        CompletableFuture<RecordMetadata> future = producer.send(ProducerRecord.of("t", "k", "v"));
        producer.errorNext(new IllegalStateException("boom"));
        assertThatThrownBy(() -> future.get(1, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(IllegalStateException.class);
    }
}
