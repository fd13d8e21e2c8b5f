package dev.quill.producer.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import dev.quill.producer.ProducerGroup;
import dev.quill.producer.ProducerRecord;
import dev.quill.producer.QuillProducer;
import dev.quill.producer.Serializers;
import dev.quill.producer.testkit.KafkaCluster;

/**
 * Many concurrent transactions in one JVM, as a Spring application with {@code @Transactional} sends runs them: one
 * producer per concurrent transaction. Quill's producers share one {@link ProducerGroup} (as the starter's pool does);
 * kafka-clients' come from Spring Kafka's {@code DefaultKafkaProducerFactory} with a transaction id prefix, used
 * through {@code KafkaTemplate.executeInTransaction}, each with its own I/O thread, connections and buffer. Both run
 * in one JVM against one in-process broker, alternately, and the table gives threads, retained heap and
 * transactions per second, with Quill/kafka ratios. Not a test; it runs only when asked:
 *
 * <pre>
 * mvn -B -pl producer-core test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:java \
 *     -Dexec.classpathScope=test -Dexec.mainClass=dev.quill.producer.bench.TransactionsBenchmark
 * </pre>
 *
 * Options ({@code --name=value}): {@code transactions} (concurrent, 64), {@code seconds} (per run, 10),
 * {@code records} (per transaction, 10), {@code value-bytes} (100), {@code repeats} (runs per client, alternated,
 * 3; medians are reported), {@code clients} (quill,kafka), {@code connections} (per broker, for Quill's group, 8),
 * {@code transaction-version} (the broker's finalized {@code transaction.version}, 2; 0 or 1 as a cluster upgraded
 * from Kafka 3.x runs, where partitions join a transaction through AddPartitionsToTxn), {@code brokers} (1; with more,
 * the topic's partitions are replicated to up to 3 of them and spread over all, so that a transaction's markers go to
 * brokers other than its coordinator).
 *
 * <p>Threads: live JVM threads while the producers are open, less those before. Heap: used heap after a full GC
 * with the producers open and idle after the run, less the same before they were made. Every run is checked with a
 * {@code read_committed} consumer: it must read exactly the committed transactions' records.
 */
public final class TransactionsBenchmark {

    private TransactionsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchLogging.librariesAtWarn();
        Options options = Options.parse(args);
        boolean ok;
        System.out.printf(Locale.ROOT, "Starting an in-process Kafka cluster of %d broker(s)...%n", options.brokers);
        try (KafkaCluster cluster = KafkaCluster.start(options.brokers, Map.of(), options.transactionVersion)) {
            ok = run(cluster, options, System.out);
        }
        System.exit(ok ? 0 : 1);
    }

    /** Runs each client {@code repeats} times, alternating, and prints the table; false if a run failed its check. */
    static boolean run(KafkaCluster cluster, Options options, PrintStream out) throws Exception {
        out.printf(Locale.ROOT, "%d concurrent transactions of %d records of %d bytes, %d s per run, %d run(s) each;"
                        + " Quill's group with %d connection(s) per broker; transaction.version %d%n",
                options.transactions, options.records, options.valueBytes, options.seconds, options.repeats,
                options.connections, options.transactionVersion);
        Map<String, List<Result>> results = new HashMap<>();
        boolean ok = true;
        for (int repeat = 0; repeat < options.repeats; repeat++) {
            for (String client : options.clients) {
                String topic = cluster.createTopic(KafkaCluster.uniqueTopic("tx-bench-" + client), 6,
                        Math.min(options.brokers, 3));
                Result result = client.equals("quill") ? runQuill(cluster, topic, options)
                        : runKafka(cluster, topic, options);
                long expected = result.transactions * options.records;
                long read = cluster.readAll(topic, (int) expected, Duration.ofSeconds(120), "read_committed").size();
                if (read != expected) {
                    out.printf(Locale.ROOT, "%s run %d: read_committed read %d records, expected %d%n", client,
                            repeat + 1, read, expected);
                    ok = false;
                }
                if (result.failed > 0) {
                    out.printf(Locale.ROOT, "%s run %d: %d transaction(s) failed, the last with %s%n", client,
                            repeat + 1, result.failed, result.lastFailure);
                    // kafka-clients is the baseline: its failures are reported, Quill's fail the run.
                    ok &= !client.equals("quill");
                }
                results.computeIfAbsent(client, c -> new ArrayList<>()).add(result);
            }
        }
        out.printf(Locale.ROOT, "%-12s %8s %10s %10s %12s %10s %10s %8s%n", "client", "threads", "heap MB", "tx/s",
                "records/s", "tx p50 ms", "tx p90 ms", "failed");
        Map<String, Result> medians = new HashMap<>();
        for (String client : options.clients) {
            Result median = Result.median(results.get(client));
            medians.put(client, median);
            out.printf(Locale.ROOT, "%-12s %8d %10.1f %10.0f %12.0f %10.2f %10.2f %8d%n", client, median.threads,
                    median.heapBytes / 1048576.0, median.perSecond(), median.perSecond() * options.records,
                    median.p50Millis, median.p90Millis, median.failed);
        }
        if (medians.containsKey("quill") && medians.containsKey("kafka")) {
            Result q = medians.get("quill");
            Result k = medians.get("kafka");
            out.printf(Locale.ROOT, "%-12s %8.2f %10.2f %10.2f %12.2f %10.2f %10.2f%n", "quill/kafka",
                    (double) q.threads / Math.max(1, k.threads), (double) q.heapBytes / Math.max(1, k.heapBytes),
                    q.perSecond() / k.perSecond(), q.perSecond() / k.perSecond(), q.p50Millis / k.p50Millis,
                    q.p90Millis / k.p90Millis);
        }
        out.println(ok ? "All runs verified with read_committed" : "VERIFICATION FAILED");
        return ok;
    }

    private static Result runQuill(KafkaCluster cluster, String topic, Options options) throws Exception {
        Baseline baseline = Baseline.take();
        String prefix = KafkaCluster.uniqueTopic("bench-quill") + "-";
        Map<String, Object> base = Map.of("bootstrap.servers", cluster.bootstrapServers(), "linger.ms", "0");
        try (ProducerGroup group = ProducerGroup.create(dev.quill.producer.ProducerConfig.from(base),
                options.connections)) {
            List<QuillProducer<byte[], byte[]>> producers = new ArrayList<>();
            for (int i = 0; i < options.transactions; i++) {
                Map<String, Object> props = new HashMap<>(base);
                props.put("transactional.id", prefix + i);
                producers.add(group.newProducer(dev.quill.producer.ProducerConfig.from(props),
                        Serializers.byteArray(), Serializers.byteArray()));
            }
            byte[] value = new byte[options.valueBytes];
            return measure(options, baseline, worker -> {
                QuillProducer<byte[], byte[]> producer = producers.get(worker);
                if (producer.transactionStatus().state().equals("UNINITIALIZED")) {
                    producer.initTransactions();
                }
                producer.beginTransaction();
                for (int r = 0; r < options.records; r++) {
                    producer.send(ProducerRecord.of(topic, null, value));
                }
                producer.commitTransaction();
            });
        }
    }

    private static Result runKafka(KafkaCluster cluster, String topic, Options options) throws Exception {
        Baseline baseline = Baseline.take();
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        DefaultKafkaProducerFactory<byte[], byte[]> factory = new DefaultKafkaProducerFactory<>(props);
        factory.setTransactionIdPrefix(KafkaCluster.uniqueTopic("bench-kafka") + "-");
        KafkaTemplate<byte[], byte[]> template = new KafkaTemplate<>(factory);
        byte[] value = new byte[options.valueBytes];
        try {
            return measure(options, baseline, worker -> template.executeInTransaction(t -> {
                for (int r = 0; r < options.records; r++) {
                    t.send(topic, value);
                }
                return null;
            }));
        } finally {
            factory.destroy();
        }
    }

    /**
     * Runs one transaction per worker to make every producer, takes the threads, runs workers until the deadline,
     * then takes the heap with the producers idle and open.
     */
    private static Result measure(Options options, Baseline baseline, Work transaction) throws Exception {
        ExecutorService workers = Executors.newFixedThreadPool(options.transactions);
        try {
            int workerThreads = options.transactions;
            Outcomes warmUp = new Outcomes();
            runAll(workers, options.transactions, worker -> warmUp.run(transaction, worker));
            int threads = ManagementFactory.getThreadMXBean().getThreadCount() - baseline.threads - workerThreads;
            Outcomes timed = new Outcomes();
            long start = System.nanoTime();
            double[] millis = runTimed(workers, options, transaction, timed, start);
            double seconds = (System.nanoTime() - start) / 1e9;
            long heap = UsedHeap.afterFullGc() - baseline.heapBytes;
            // The warm-up transactions were committed too and count for the read_committed check.
            return new Result(threads, heap, warmUp.committed.get() + timed.committed.get(),
                    timed.committed.get() / seconds, millis[0], millis[1], warmUp.failed.get() + timed.failed.get(),
                    timed.lastFailure != null ? timed.lastFailure : warmUp.lastFailure);
        } finally {
            workers.shutdownNow();
        }
    }

    /**
     * Transactions committed and failed. A failed transaction is counted and the worker goes on, so that a client's
     * failure shows in the table (and fails Quill's run) instead of ending the benchmark.
     */
    private static final class Outcomes {
        final AtomicLong committed = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        volatile Exception lastFailure;

        void run(Work transaction, int worker) {
            try {
                transaction.run(worker);
                committed.incrementAndGet();
            } catch (Exception e) {
                failed.incrementAndGet();
                lastFailure = e;
            }
        }
    }

    /**
     * Runs every worker's transactions for {@code seconds} from {@code start} and returns the median and 90th percentile
     * of their durations in milliseconds; the durations are dropped on return, before the heap is taken.
     */
    private static double[] runTimed(ExecutorService workers, Options options, Work transaction, Outcomes timed,
                                     long start) throws Exception {
        TransactionTimes times = new TransactionTimes(options.transactions);
        long deadline = start + TimeUnit.SECONDS.toNanos(options.seconds);
        runAll(workers, options.transactions, worker -> {
            long began;
            while ((began = System.nanoTime()) < deadline) {
                timed.run(transaction, worker);
                times.add(worker, System.nanoTime() - began);
            }
        });
        return times.percentilesMillis(0.5, 0.9);
    }

    /** How long each timed transaction took, begin to commit: one list per worker, so that none is shared. */
    private static final class TransactionTimes {
        private final long[][] nanos;
        private final int[] counts;

        TransactionTimes(int workers) {
            nanos = new long[workers][64];
            counts = new int[workers];
        }

        void add(int worker, long took) {
            if (counts[worker] == nanos[worker].length) {
                nanos[worker] = Arrays.copyOf(nanos[worker], counts[worker] * 2);
            }
            nanos[worker][counts[worker]++] = took;
        }

        /** Read once every worker is done (their futures' completion publishes the lists). */
        double[] percentilesMillis(double... quantiles) {
            long[] all = new long[Arrays.stream(counts).sum()];
            int at = 0;
            for (int w = 0; w < nanos.length; w++) {
                System.arraycopy(nanos[w], 0, all, at, counts[w]);
                at += counts[w];
            }
            Arrays.sort(all);
            double[] millis = new double[quantiles.length];
            for (int i = 0; i < quantiles.length; i++) {
                millis[i] = all.length == 0 ? Double.NaN
                        : all[Math.min(all.length - 1, (int) (quantiles[i] * all.length))] / 1e6;
            }
            return millis;
        }
    }

    private static void runAll(ExecutorService workers, int count, Work work) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int worker = i;
            done.add(workers.submit(() -> {
                start.await();
                work.run(worker);
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get(10, TimeUnit.MINUTES);
        }
    }

    /** What one worker thread does, given its number. */
    @FunctionalInterface
    private interface Work {
        void run(int worker) throws Exception;
    }

    private record Baseline(int threads, long heapBytes) {
        static Baseline take() {
            long heap = UsedHeap.afterFullGc();
            return new Baseline(ManagementFactory.getThreadMXBean().getThreadCount(), heap);
        }
    }

    /**
     * @param transactions committed, warm-up included
     * @param p50Millis the median time of a timed transaction, from its begin to its commit's return
     * @param p90Millis the 90th percentile of the same
     * @param failed transactions that threw, warm-up included
     * @param lastFailure what the last failed transaction threw, or null
     */
    record Result(int threads, long heapBytes, long transactions, double transactionsPerSecond, double p50Millis,
                  double p90Millis, long failed, Exception lastFailure) {

        double perSecond() {
            return transactionsPerSecond;
        }

        static Result median(List<Result> runs) {
            return new Result(medianInt(runs.stream().mapToInt(Result::threads).sorted().toArray()),
                    medianLong(runs.stream().mapToLong(Result::heapBytes).sorted().toArray()),
                    medianLong(runs.stream().mapToLong(Result::transactions).sorted().toArray()),
                    runs.stream().mapToDouble(Result::transactionsPerSecond).sorted().toArray()[runs.size() / 2],
                    Medians.of(runs, Result::p50Millis), Medians.of(runs, Result::p90Millis),
                    // Failures are summed: one in any run is worth showing.
                    runs.stream().mapToLong(Result::failed).sum(), null);
        }

        private static int medianInt(int[] sorted) {
            return sorted[sorted.length / 2];
        }

        private static long medianLong(long[] sorted) {
            return sorted[sorted.length / 2];
        }
    }

    /** The command line's {@code --name=value} options. */
    record Options(int transactions, int seconds, int records, int valueBytes, int repeats, List<String> clients,
                   int connections, short transactionVersion, int brokers) {

        static Options parse(String... args) {
            Map<String, String> given = new HashMap<>();
            for (String arg : args.length == 1 ? args[0].split("\\s+") : args) {
                if (!arg.isBlank()) {
                    String[] kv = arg.replaceFirst("^--", "").split("=", 2);
                    given.put(kv[0], kv.length > 1 ? kv[1] : "true");
                }
            }
            return new Options(Integer.parseInt(given.getOrDefault("transactions", "64")),
                    Integer.parseInt(given.getOrDefault("seconds", "10")),
                    Integer.parseInt(given.getOrDefault("records", "10")),
                    Integer.parseInt(given.getOrDefault("value-bytes", "100")),
                    Integer.parseInt(given.getOrDefault("repeats", "3")),
                    List.of(given.getOrDefault("clients", "quill,kafka").split(",")),
                    Integer.parseInt(given.getOrDefault("connections",
                            String.valueOf(ProducerGroup.DEFAULT_CONNECTIONS_PER_BROKER))),
                    Short.parseShort(given.getOrDefault("transaction-version", "2")),
                    Integer.parseInt(given.getOrDefault("brokers", "1")));
        }
    }
}
