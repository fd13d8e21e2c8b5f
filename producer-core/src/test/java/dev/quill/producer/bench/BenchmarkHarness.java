package dev.quill.producer.bench;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs one producer through one scenario on a fresh topic and measures it. The same code path serves
 * both clients; only {@link BenchProducer} differs.
 *
 * <p>Every run uses its own topic so that the broker's count (a real broker's end offsets, or what the null
 * broker acknowledged) proves, independent of what the client claims, that every record arrived exactly once (with
 * enable.idempotence off a retry could in principle duplicate; the count would show it).
 */
final class BenchmarkHarness {

    private static final AtomicInteger RUN_SEQUENCE = new AtomicInteger();

    /**
     * Settings shared, key for key, by both clients in one comparison.
     *
     * @param idempotent enable.idempotence; off unless asked for, so that neither client pays for producer ids and
     *     sequence numbers and both send the same requests
     */
    record Settings(int valueSize, int batchSize, String compression, int lingerMs, String acks, boolean idempotent) {

        Settings(int valueSize, int batchSize, String compression, int lingerMs, String acks) {
            this(valueSize, batchSize, compression, lingerMs, acks, false);
        }

        String label() {
            return sizeLabel(valueSize) + " b" + sizeLabel(batchSize) + " " + compression + " linger=" + lingerMs
                    + (idempotent ? " idem" : "");
        }

        /** kafka-clients configuration keys; Quill reads the same map. */
        Map<String, Object> producerConfig(String bootstrap, String clientId) {
            Map<String, Object> config = new HashMap<>();
            config.put("bootstrap.servers", bootstrap);
            config.put("client.id", clientId);
            config.put("acks", acks);
            config.put("linger.ms", String.valueOf(lingerMs));
            config.put("batch.size", String.valueOf(batchSize));
            config.put("compression.type", compression);
            config.put("enable.idempotence", String.valueOf(idempotent));
            config.put("key.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer");
            config.put("value.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer");
            return config;
        }
    }

    /**
     * What a throughput run measured (all counters are for the timed records only).
     *
     * @param primed records sent before the clock started (to connect and fetch metadata), which the broker counts too
     * @param produceRequests Produce requests the broker received for the timed records; empty when it does not count
     * @param crossCoreNs the {@link CrossCoreProbe} round trip just before the timed records
     */
    record ThroughputResult(String client, Settings settings, long records, long primed, long elapsedNs,
                            long enqueueNs, ThreadMeter.Reading cost, double avgBatchBytes, long errors,
                            long brokerCount, OptionalLong produceRequests, double crossCoreNs) {

        boolean verified() {
            return errors == 0 && brokerCount == records + primed;
        }

        double recordsPerSec() {
            return records * 1e9 / elapsedNs;
        }

        double megabytesPerSec() {
            return records * (double) settings.valueSize() * 1e9 / elapsedNs / (1024 * 1024);
        }

        double sendCpuUsPerRecord() {
            return cost.sendCpuNs() / 1e3 / records;
        }

        double ioCpuUsPerRecord() {
            return cost.ioCpuNs() / 1e3 / records;
        }

        double sendUserUsPerRecord() {
            return cost.sendUserNs() / 1e3 / records;
        }

        double ioUserUsPerRecord() {
            return cost.ioUserNs() / 1e3 / records;
        }

        /** Kernel time of the I/O thread: mostly socket writes and reads, which user time does not show. */
        double ioKernelUsPerRecord() {
            return (cost.ioCpuNs() - cost.ioUserNs()) / 1e3 / records;
        }

        double producerCpuUsPerRecord() {
            return (cost.sendCpuNs() + cost.ioCpuNs()) / 1e3 / records;
        }

        double processCpuUsPerRecord() {
            return cost.processCpuNs() / 1e3 / records;
        }

        /**
         * How many cores the whole process kept busy on average: where it is the machine's core count, the clients'
         * rates stand in the inverse ratio of their process CPU per record.
         */
        double coresBusy() {
            return (double) cost.processCpuNs() / elapsedNs;
        }

        double sendAllocBytesPerRecord() {
            return (double) cost.sendAllocBytes() / records;
        }

        double ioAllocBytesPerRecord() {
            return (double) cost.ioAllocBytes() / records;
        }

        double recordsPerRequest() {
            return perRequest(records);
        }

        double ioUsPerRequest() {
            return perRequest(cost.ioCpuNs() / 1e3);
        }

        /** The same run, with what the broker counted once the producer was closed. */
        ThroughputResult withBrokerCount(long counted) {
            return new ThroughputResult(client, settings, records, primed, elapsedNs, enqueueNs, cost, avgBatchBytes,
                    errors, counted, produceRequests, crossCoreNs);
        }

        /** A run's total over the Produce requests it took; NaN when they were not counted. */
        private double perRequest(double total) {
            return produceRequests.isEmpty() || produceRequests.getAsLong() == 0 ? Double.NaN
                    : total / produceRequests.getAsLong();
        }
    }

    /** Send-to-acknowledgement latencies of a fixed-rate run, in microseconds. */
    record LatencyResult(String client, Settings settings, int rate, long records, double achievedRate,
                         double p50Us, double p99Us, double p999Us, double maxUs, long errors, long brokerCount) {

        boolean verified() {
            return errors == 0 && brokerCount == records + 1;
        }
    }

    private final BenchBroker broker;

    BenchmarkHarness(BenchBroker broker) {
        this.broker = broker;
    }

    ThroughputResult throughput(String client, Settings settings, Payloads payloads, long records) throws Exception {
        String topic = broker.createTopic("bench-" + client);
        String clientId = "bench-" + client + "-" + RUN_SEQUENCE.incrementAndGet();
        AckCounter counter = new AckCounter();
        ThroughputResult result;
        try (BenchProducer producer = BenchProducer.create(client, settings.producerConfig(broker.bootstrapServers(),
                clientId), counter)) {
            producer.sendAndWait(topic, payloads.get(0)); // connection and metadata are not part of the timing
            JitWarmup.awaitIdle();
            double crossCoreNs = CrossCoreProbe.roundTripNs();
            ThreadMeter meter = new ThreadMeter(Thread.currentThread(), producer.ioThreadName());

            OptionalLong requestsBefore = broker.produceRequestsReceived();
            ThreadMeter.Reading before = meter.read();
            long start = System.nanoTime();
            for (long i = 0; i < records; i++) {
                producer.send(topic, payloads.get(i));
            }
            long enqueued = System.nanoTime();
            producer.flush();
            counter.awaitAll(records);
            long end = System.nanoTime();
            ThreadMeter.Reading cost = meter.read().minus(before);

            result = new ThroughputResult(client, settings, records, 1, end - start, enqueued - start, cost,
                    producer.averageBatchBytes(), counter.failures(), 0, broker.produceRequestsSince(requestsBefore),
                    crossCoreNs);
        }
        long onBroker = broker.recordsOn(topic, records + 1);
        if (counter.firstError() != null) {
            System.err.println("[" + client + "] first send error: " + counter.firstError());
        }
        return result.withBrokerCount(onBroker);
    }

    LatencyResult latency(String client, Settings settings, Payloads payloads, int rate, double seconds)
            throws Exception {
        String topic = broker.createTopic("bench-lat-" + client);
        String clientId = "bench-" + client + "-" + RUN_SEQUENCE.incrementAndGet();
        int records = (int) (rate * seconds);
        long[] latencies = new long[records];
        Arrays.fill(latencies, -1);
        AckCounter counter = new AckCounter();
        long intervalNs = 1_000_000_000L / rate;
        long elapsed;
        try (BenchProducer producer = BenchProducer.create(client, settings.producerConfig(broker.bootstrapServers(),
                clientId), counter)) {
            producer.sendAndWait(topic, payloads.get(0));
            long start = System.nanoTime();
            for (int i = 0; i < records; i++) {
                // Pace to the schedule; a late record is sent at once (no catch-up pause), so a stall
                // shows as a short burst rather than a lower rate.
                long due = start + i * intervalNs;
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                int index = i;
                long sentAt = System.nanoTime();
                // Latency is measured from the send() call, not from the schedule: both clients keep up at
                // the default rate, and pacing jitter on a 2-core box would otherwise dominate.
                producer.send(topic, payloads.get(i), (ackedAt, error) -> {
                    if (error == null) {
                        latencies[index] = ackedAt - sentAt;
                    }
                    counter.completed(error);
                });
            }
            elapsed = System.nanoTime() - start;
            producer.flush();
            counter.awaitAll(records);
        }
        long onBroker = broker.recordsOn(topic, records + 1);
        long[] sorted = Arrays.stream(latencies).filter(l -> l >= 0).sorted().toArray();
        return new LatencyResult(client, settings, rate, records, records * 1e9 / elapsed,
                percentileUs(sorted, 0.50), percentileUs(sorted, 0.99), percentileUs(sorted, 0.999),
                sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e3, counter.failures(), onBroker);
    }

    private static double percentileUs(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e3;
    }

    static String sizeLabel(int bytes) {
        return bytes >= 1024 && bytes % 1024 == 0 ? (bytes / 1024) + "K" : bytes + "B";
    }
}
