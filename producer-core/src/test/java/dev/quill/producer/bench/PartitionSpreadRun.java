package dev.quill.producer.bench;

import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;

import dev.quill.producer.bench.BenchmarkHarness.Settings;
import dev.quill.producer.bench.BenchmarkHarness.ThroughputResult;

/**
 * One producer sending to many partitions (several topics of many partitions each), for {@link ScaleBenchmark}'s
 * partitions scenario: a throughput run and an open-batch heap run, each on topics of its own.
 *
 * <p>Record i goes to partition i mod P of the whole layout, named explicitly: every partition gets the same share,
 * and neither client runs its partitioner (a keyed spread would cost both a murmur2 hash and land unevenly; the
 * default partitioner's sticky batches would fill one partition at a time, not P at once).
 */
final class PartitionSpreadRun {

    /** Long enough that nothing is sent while the heap is read; within kafka-clients' delivery.timeout.ms check. */
    private static final String OPEN_BATCH_LINGER_MS = "30000";
    private static final AtomicInteger RUN_SEQUENCE = new AtomicInteger();

    /**
     * @param openBatchHeapBytes used heap after full GC with one open batch per partition, less the same before the
     *                           producer was made
     * @param batchesStayedOpen  false if a Produce request reached the broker while the open batches were measured
     *                           (then some had already gone, and the heap number is too low)
     * @param heapRunVerified    every record of the heap run was acknowledged without error and counted by the broker
     */
    record Result(ThroughputResult throughput, int partitions, long openBatchHeapBytes, boolean batchesStayedOpen,
                  boolean heapRunVerified) {

        boolean verified() {
            return throughput.verified() && batchesStayedOpen && heapRunVerified;
        }

        double heapKbPerPartition() {
            return openBatchHeapBytes / 1024.0 / partitions;
        }

    }

    private final BenchBroker broker;
    private final int topics;
    private final int partitionsPerTopic;

    PartitionSpreadRun(BenchBroker broker, int topics, int partitionsPerTopic) {
        this.broker = broker;
        this.topics = topics;
        this.partitionsPerTopic = partitionsPerTopic;
    }

    Result run(String client, Settings settings, Payloads payloads, long records) throws Exception {
        ThroughputResult timed = throughput(client, settings, payloads, records);
        String[] heapTopics = createTopics("scale-heap-" + client);
        String clientId = "scale-heap-" + client + "-" + RUN_SEQUENCE.incrementAndGet();
        Map<String, Object> config = settings.producerConfig(broker.bootstrapServers(), clientId);
        config.put("linger.ms", OPEN_BATCH_LINGER_MS);
        AckCounter counter = new AckCounter();
        OptionalLong requestsBefore = broker.produceRequestsReceived();
        long heapBefore = UsedHeap.afterFullGc();
        long heapBytes;
        boolean stayedOpen;
        try (BenchProducer producer = BenchProducer.create(client, config, counter)) {
            for (String topic : heapTopics) {
                // Metadata first, so that every record goes straight into its partition's batch in both clients.
                int count = producer.partitionCount(topic);
                if (count != partitionsPerTopic) {
                    throw new IllegalStateException(topic + " has " + count + " partitions, not " + partitionsPerTopic);
                }
            }
            for (int p = 0; p < totalPartitions(); p++) {
                producer.send(heapTopics[p / partitionsPerTopic], p % partitionsPerTopic, payloads.get(p));
            }
            heapBytes = UsedHeap.afterFullGc() - heapBefore;
            stayedOpen = broker.produceRequestsSince(requestsBefore).orElse(0) == 0;
            producer.flush();
            counter.awaitAll(totalPartitions());
        }
        boolean heapRunVerified = counter.failures() == 0 && countOnBroker(heapTopics, 0, 1) == totalPartitions();
        return new Result(timed, totalPartitions(), heapBytes, stayedOpen, heapRunVerified);
    }

    private ThroughputResult throughput(String client, Settings settings, Payloads payloads, long records) throws Exception {
        String[] topic = createTopics("scale-" + client);
        int total = totalPartitions();
        String[] topicOf = new String[total];
        int[] partitionOf = new int[total];
        for (int p = 0; p < total; p++) {
            topicOf[p] = topic[p / partitionsPerTopic];
            partitionOf[p] = p % partitionsPerTopic;
        }
        String clientId = "scale-" + client + "-" + RUN_SEQUENCE.incrementAndGet();
        AckCounter counter = new AckCounter();
        ThroughputResult result;
        OptionalLong requests;
        try (BenchProducer producer = BenchProducer.create(client,
                settings.producerConfig(broker.bootstrapServers(), clientId), counter)) {
            // One record to every partition before the clock starts: connections, every topic's metadata and each
            // partition's first batch are not what is timed.
            for (int p = 0; p < total; p++) {
                producer.send(topicOf[p], partitionOf[p], payloads.get(p));
            }
            producer.flush();
            counter.awaitAll(total);
            double crossCoreNs = CrossCoreProbe.roundTripNs();
            ThreadMeter meter = new ThreadMeter(Thread.currentThread(), producer.ioThreadName());

            OptionalLong requestsBefore = broker.produceRequestsReceived();
            ThreadMeter.Reading before = meter.read();
            long start = System.nanoTime();
            int p = 0;
            for (long i = 0; i < records; i++) {
                producer.send(topicOf[p], partitionOf[p], payloads.get(i));
                if (++p == total) {
                    p = 0;
                }
            }
            long enqueued = System.nanoTime();
            producer.flush();
            counter.awaitAll(total + records);
            long end = System.nanoTime();
            ThreadMeter.Reading cost = meter.read().minus(before);
            requests = broker.produceRequestsSince(requestsBefore);
            result = new ThroughputResult(client, settings, records, total, end - start, enqueued - start, cost,
                    producer.averageBatchBytes(), counter.failures(), 0, requests, crossCoreNs);
        }
        if (counter.firstError() != null) {
            System.err.println("[" + client + "] first send error: " + counter.firstError());
        }
        long onBroker = countOnBroker(topic, records, 1);
        return result.withBrokerCount(onBroker);
    }

    private String[] createTopics(String prefix) {
        String[] names = new String[topics];
        for (int t = 0; t < topics; t++) {
            names[t] = broker.createTopic(prefix, partitionsPerTopic);
        }
        return names;
    }

    /** What the broker counted on the topics, expecting {@code records} spread round-robin plus {@code primed} each. */
    private long countOnBroker(String[] names, long records, int primedPerPartition) {
        long total = totalPartitions();
        long sum = 0;
        for (int t = 0; t < names.length; t++) {
            long beyondFullRounds = Math.max(0, Math.min(partitionsPerTopic, records % total - (long) t * partitionsPerTopic));
            long expected = records / total * partitionsPerTopic + beyondFullRounds
                    + (long) primedPerPartition * partitionsPerTopic;
            sum += broker.recordsOn(names[t], expected);
        }
        return sum;
    }

    private int totalPartitions() {
        return topics * partitionsPerTopic;
    }
}
