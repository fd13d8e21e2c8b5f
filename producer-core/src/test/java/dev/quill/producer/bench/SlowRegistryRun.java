package dev.quill.producer.bench;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.producer.KafkaProducer;

import dev.quill.producer.Callback;
import dev.quill.producer.ProducerConfig;
import dev.quill.producer.ProducerRecord;
import dev.quill.producer.QuillProducer;
import dev.quill.producer.testkit.KafkaCluster;
import dev.quill.producer.testkit.SchemaRegistry;

/**
 * One client sending Avro records of a schema new to the registry, through a {@link SlowRegistryProxy}, timing every
 * {@code send()} call on the calling thread. Both clients run the same loop over the same values; only the producer
 * and its registry-backed serializer differ:
 * <ul>
 * <li>{@code quill}: {@code QuillProducer} configured as for Confluent's {@code KafkaAvroSerializer}, against the
 *     registry's Confluent API. The serializer encodes at once and the record waits for its schema id inside the
 *     producer.</li>
 * <li>{@code kafka}: kafka-clients' {@code KafkaProducer} with Apicurio's {@code AvroKafkaSerializer}, against the
 *     registry's own v2 API, writing Confluent's framing with the same (content) ids. It looks the id up inside
 *     {@code send()}, on the caller's thread.</li>
 * </ul>
 * Topic metadata is fetched before timing starts (kafka-clients would otherwise wait for it in the first
 * {@code send()} too), so the first records' times are the registry's part alone.
 */
final class SlowRegistryRun {

    private static final AtomicInteger RUN_SEQUENCE = new AtomicInteger();
    private static final long ACK_WAIT_NANOS = TimeUnit.MINUTES.toNanos(2);

    /** Settings of one comparison, the same for both clients. */
    record Settings(long records, long delayMs, int partitions, int lingerMs, String acks) {
    }

    /** What one client's run measured; send times in nanoseconds, in send order. */
    record Result(String client, Settings settings, long[] sendNs, long loopNs, long totalNs, List<String> requests,
                  long errors, long brokerCount) {

        boolean verified() {
            return errors == 0 && brokerCount == sendNs.length;
        }

        /** The q-quantile (0..1) of the first {@code n} send times, in microseconds. */
        double quantileUs(int n, double q) {
            long[] sorted = Arrays.copyOf(sendNs, Math.min(n, sendNs.length));
            Arrays.sort(sorted);
            if (sorted.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(q * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e3;
        }

        double maxUs(int n) {
            return quantileUs(n, 1.0);
        }

        /** Index of the slowest send() of the run: whether it was a first record of the schema or a later stall. */
        int slowest() {
            int slowest = 0;
            for (int i = 1; i < sendNs.length; i++) {
                if (sendNs[i] > sendNs[slowest]) {
                    slowest = i;
                }
            }
            return slowest;
        }
    }

    /** The two producers behind one small interface, so the timed loop is the same code for both. */
    private interface AvroSender extends AutoCloseable {
        void send(String topic, GenericRecord value);

        void awaitMetadata(String topic);

        void flush();

        @Override
        void close();
    }

    private final KafkaCluster cluster;
    private final SchemaRegistry registry;

    SlowRegistryRun(KafkaCluster cluster, SchemaRegistry registry) {
        this.cluster = cluster;
        this.registry = registry;
    }

    Result run(String client, Settings settings) throws Exception {
        int run = RUN_SEQUENCE.incrementAndGet();
        String topic = cluster.createTopic(KafkaCluster.uniqueTopic("bench-registry-" + client), settings.partitions(), 1);
        AvroReadings values = new AvroReadings("Reading_" + client + "_" + run + "_" + Long.toHexString(System.nanoTime()),
                1024);
        Outcomes outcomes = new Outcomes();
        long records = settings.records();
        if (records > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("at most " + Integer.MAX_VALUE + " records per run");
        }
        long[] sendNs = new long[(int) records];
        long loopNs;
        long totalNs;
        List<String> requests;
        try (SlowRegistryProxy proxy = new SlowRegistryProxy("http://127.0.0.1:" + registry.port(), settings.delayMs())) {
            Map<String, Object> config = new HashMap<>();
            config.put("bootstrap.servers", cluster.bootstrapServers());
            config.put("client.id", "bench-registry-" + client + "-" + run);
            config.put("acks", settings.acks());
            config.put("linger.ms", String.valueOf(settings.lingerMs()));
            // As in ProducerBenchmark, so that both clients send the same requests.
            config.put("enable.idempotence", "false");
            config.put("key.serializer", "org.apache.kafka.common.serialization.StringSerializer");
            try (AvroSender producer = create(client, config, proxy.url(), outcomes)) {
                producer.awaitMetadata(topic);
                long start = System.nanoTime();
                for (int i = 0; i < sendNs.length; i++) {
                    GenericRecord value = values.get(i);
                    long before = System.nanoTime();
                    producer.send(topic, value);
                    sendNs[i] = System.nanoTime() - before;
                }
                loopNs = System.nanoTime() - start;
                producer.flush();
                outcomes.awaitAll(records);
                totalNs = System.nanoTime() - start;
            }
            requests = proxy.requests();
        }
        if (outcomes.firstError != null) {
            System.err.println("[" + client + "] first send error: " + outcomes.firstError);
        }
        long onBroker = cluster.endOffsets(topic).values().stream().mapToLong(Long::longValue).sum();
        try {
            cluster.admin().deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            System.err.println("could not delete topic " + topic + ": " + e);
        }
        return new Result(client, settings, sendNs, loopNs, totalNs, requests, outcomes.failed.get(), onBroker);
    }

    /** Receives each record's outcome on the producer's I/O thread: null for success. */
    private interface Outcome {
        void completed(Exception error);
    }

    /** Counts outcomes for the whole run: one shared instance, so the loop allocates nothing per record for it. */
    private static final class Outcomes implements Outcome {
        final AtomicLong completed = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        volatile Exception firstError;

        @Override
        public void completed(Exception error) {
            if (error != null) {
                if (firstError == null) {
                    firstError = error;
                }
                failed.incrementAndGet();
            }
            completed.incrementAndGet();
        }

        /** flush() returns when futures complete; wait for the callbacks too before stopping the clock. */
        void awaitAll(long expected) {
            long deadline = System.nanoTime() + ACK_WAIT_NANOS;
            while (completed.get() < expected) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("only " + completed.get() + " of " + expected + " records completed");
                }
                Thread.onSpinWait();
            }
        }
    }

    private static AvroSender create(String client, Map<String, Object> common, String proxyUrl, Outcome outcome) {
        Map<String, Object> config = new HashMap<>(common);
        return switch (client) {
            case "quill" -> {
                config.put("value.serializer", "io.confluent.kafka.serializers.KafkaAvroSerializer");
                config.put("schema.registry.url", proxyUrl + "/apis/ccompat/v7");
                yield quill(config, outcome);
            }
            case "kafka" -> {
                config.put("value.serializer", "io.apicurio.registry.serde.avro.AvroKafkaSerializer");
                config.put("apicurio.registry.url", proxyUrl + "/apis/registry/v2");
                config.put("apicurio.registry.auto-register", "true");
                // Confluent's framing with the content id, so both clients write the same bytes for a value
                // (see ApicurioSerdeAdapterTest).
                config.put("apicurio.registry.headers.enabled", "false");
                config.put("apicurio.registry.id-handler", "io.apicurio.registry.serde.Legacy4ByteIdHandler");
                config.put("apicurio.registry.use-id", "contentId");
                yield kafka(config, outcome);
            }
            default -> throw new IllegalArgumentException("unknown client " + client + " (quill or kafka)");
        };
    }

    private static AvroSender quill(Map<String, Object> config, Outcome outcome) {
        QuillProducer<String, Object> producer = QuillProducer.create(ProducerConfig.from(config));
        // One callback for every record: the loop must not add a per-record allocation of its own.
        Callback shared = (metadata, error) -> outcome.completed(error);
        return new AvroSender() {
            @Override
            public void send(String topic, GenericRecord value) {
                producer.send(ProducerRecord.of(topic, null, value), shared);
            }

            @Override
            public void awaitMetadata(String topic) {
                producer.partitionsFor(topic);
            }

            @Override
            public void flush() {
                producer.flush();
            }

            @Override
            public void close() {
                producer.close();
            }
        };
    }

    private static AvroSender kafka(Map<String, Object> config, Outcome outcome) {
        KafkaProducer<String, Object> producer = new KafkaProducer<>(config);
        org.apache.kafka.clients.producer.Callback shared = (metadata, error) -> outcome.completed(error);
        return new AvroSender() {
            @Override
            public void send(String topic, GenericRecord value) {
                producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(topic, null, value), shared);
            }

            @Override
            public void awaitMetadata(String topic) {
                producer.partitionsFor(topic);
            }

            @Override
            public void flush() {
                producer.flush();
            }

            @Override
            public void close() {
                producer.close();
            }
        };
    }
}
