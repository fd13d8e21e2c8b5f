package dev.quill.producer.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import dev.quill.producer.bench.BenchmarkHarness.LatencyResult;
import dev.quill.producer.bench.BenchmarkHarness.Settings;
import dev.quill.producer.bench.BenchmarkHarness.ThroughputResult;

/**
 * End-to-end comparison of Quill's producer with kafka-clients' KafkaProducer, in one JVM, against one
 * in-process Kafka broker, with the same settings, printing Quill/kafka ratios. Not a test: it takes
 * minutes, so it runs only when asked:
 *
 * <pre>
 * mvn -B -o -pl producer-core test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:java \
 *     -Dexec.classpathScope=test -Dexec.mainClass=dev.quill.producer.bench.ProducerBenchmark \
 *     -Dexec.args="--quick"
 * </pre>
 *
 * Options ({@code --name=value}, lists comma-separated): {@code broker} (kafka: an in-process Kafka
 * broker; null: a {@link NullBroker} that acknowledges without storing, so that the client alone is
 * measured), {@code clients} (quill,kafka; add replay for the broker's pace, see {@link ReplayBenchProducer}),
 * {@code values} (value sizes in bytes, 100,1024), {@code batches} (batch.size, 16384,65536), {@code compression}
 * (none,lz4), {@code linger} (5), {@code acks} (all), {@code idempotence} (false),
 * {@code records} (per run; default sized for ~5 s),
 * {@code repeats} (1; medians are reported, for throughput and latency), {@code partitions} (3), {@code warmup} (true:
 * unreported rounds of every setting and client, a tenth of the records each, until the JIT compiles for under 5% of a
 * round, at most 20; see {@link JitWarmup}),
 * {@code throughput} (true), {@code latency} (true), {@code rate} (10000 records/s), {@code seconds}
 * (latency run length, 5), {@code latency-warmup} (seconds at the rate before each setting's runs, per client, 5:
 * until the JIT has compiled the path, the first second's tail is several times the steady one), {@code latency-linger} (5,0), {@code latency-value} (100), {@code quick}
 * (fewer records, for a first look).
 *
 * <p>What is measured and why:
 * <ul>
 * <li>Throughput: one thread sends N null-key records as fast as send() returns, then flush(); the clock
 *     stops when every callback has run. records/s and MB/s are of value bytes.</li>
 * <li>CPU per record: the sending thread plus the producer's I/O thread, from per-thread CPU time, with
 *     user time shown apart (kernel = total - user, mostly socket syscalls). Process CPU is also shown but
 *     includes the in-process broker, so it is only a sanity check.</li>
 * <li>Allocation per record: bytes allocated by the sending thread (the caller's ProducerRecord and the
 *     result future included, for both clients) and by the I/O thread.</li>
 * <li>Latency: a fixed rate, send() to callback, per record.</li>
 * <li>Every run: the broker's end offsets (or, with the null broker, the records it acknowledged) must
 *     equal the records sent (plus one priming record), and no callback may report an error; the "ok"
 *     column says so.</li>
 * </ul>
 * Both clients run with {@code enable.idempotence=false} unless {@code --idempotence=true}, so that neither pays for
 * sequencing and both send the same requests.
 */
public final class ProducerBenchmark {

    private ProducerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchLogging.librariesAtWarn();
        Options options = Options.parse(args);
        boolean ok;
        try (BenchBroker broker = startBroker(options)) {
            ok = run(broker, options, System.out);
        }
        // The broker leaves non-daemon threads behind for a while; do not let exec:java wait for them.
        System.exit(ok ? 0 : 1);
    }

    static BenchBroker startBroker(Options o) throws Exception {
        return BenchBroker.start(o.broker, o.partitions);
    }

    /** Runs everything the options ask for and prints the tables; false if any run failed verification. */
    static boolean run(BenchBroker broker, Options o, java.io.PrintStream out) throws Exception {
        BenchmarkHarness harness = new BenchmarkHarness(broker);
        out.printf(Locale.ROOT, "JVM %s, %d CPUs, max heap %d MB; broker=%s, topic partitions=%d, acks=%s, "
                        + "enable.idempotence=%s (both clients)%n", System.getProperty("java.vm.version"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, o.broker,
                o.partitions, o.acks, o.idempotence);
        boolean ok = true;

        List<Settings> matrix = new ArrayList<>();
        for (int value : o.values) {
            for (int batch : o.batches) {
                for (String compression : o.compression) {
                    matrix.add(new Settings(value, batch, compression, o.linger, o.acks, o.idempotence));
                }
            }
        }
        Map<Integer, Payloads> payloads = new HashMap<>();
        for (int value : o.values) {
            payloads.put(value, new Payloads(value, 4096, 42));
        }
        payloads.computeIfAbsent(o.latencyValue, v -> new Payloads(v, 4096, 42));

        if (o.throughput) {
            if (o.warmup) {
                out.println("Warm-up (not reported)...");
                JitWarmup.Outcome warmup = JitWarmup.untilQuiet(() -> {
                    boolean verified = true;
                    for (Settings s : matrix) {
                        for (String client : o.clients) {
                            long n = Math.max(10_000, o.recordsFor(s.valueSize()) / 10);
                            verified &= check(harness.throughput(client, s, payloads.get(s.valueSize()), n), out);
                        }
                    }
                    return verified;
                });
                out.println(warmup.describe());
                ok &= warmup.verified();
            }
            out.println("Measured runs:");
            Map<String, List<ThroughputResult>> results = new LinkedHashMap<>();
            for (int r = 0; r < o.repeats; r++) {
                for (int k = 0; k < matrix.size(); k++) {
                    Settings s = matrix.get(k);
                    for (String client : RunOrder.alternated(Arrays.asList(o.clients), r + k)) {
                        ThroughputResult result = harness.throughput(client, s, payloads.get(s.valueSize()),
                                o.recordsFor(s.valueSize()));
                        out.printf(Locale.ROOT, "  %-32s %-5s %,12.0f rec/s %8.1f MB/s %5.0f xcore ns %s%n",
                                s.label(), client, result.recordsPerSec(), result.megabytesPerSec(),
                                result.crossCoreNs(), result.verified() ? "ok" : "FAILED");
                        ok &= check(result, out);
                        results.computeIfAbsent(s.label() + "|" + client, x -> new ArrayList<>()).add(result);
                    }
                }
            }
            printThroughput(matrix, o.clients, results, o.repeats, out);
        }

        if (o.latency) {
            List<LatencyResult> latencies = new ArrayList<>();
            for (int k = 0; k < o.latencyLinger.length; k++) {
                Settings s = new Settings(o.latencyValue, o.batches[0], "none", o.latencyLinger[k], o.acks,
                        o.idempotence);
                if (o.warmup) {
                    for (String client : o.clients) {
                        ok &= harness.latency(client, s, payloads.get(s.valueSize()), o.rate, o.latencyWarmup)
                                .verified();
                    }
                }
                for (int r = 0; r < o.repeats; r++) {
                    for (String client : RunOrder.alternated(Arrays.asList(o.clients), r + k)) {
                        LatencyResult result = harness.latency(client, s, payloads.get(s.valueSize()), o.rate,
                                o.seconds);
                        if (!result.verified()) {
                            out.println("  FAILED verification: " + result);
                            ok = false;
                        }
                        latencies.add(result);
                    }
                }
            }
            printLatency(latencies, o.clients, o.repeats, out);
        }
        out.println(ok ? "All runs verified: every record acknowledged without error and " + broker.verifiedBy() + "."
                : "SOME RUNS FAILED VERIFICATION (see above).");
        return ok;
    }

    private static boolean check(ThroughputResult r, java.io.PrintStream out) {
        if (!r.verified()) {
            out.printf(Locale.ROOT, "  FAILED verification: %s %s sent %d, errors %d, broker counted %d (expected %d)%n",
                    r.client(), r.settings().label(), r.records(), r.errors(), r.brokerCount(), r.records() + r.primed());
        }
        return r.verified();
    }

    // ---- tables ---------------------------------------------------------------------------------

    private static final List<TableColumn<ThroughputResult>> THROUGHPUT_COLUMNS = List.of(
            new TableColumn<>("rec/s", "%,11.0f", ThroughputResult::recordsPerSec),
            new TableColumn<>("MB/s", "%7.1f", ThroughputResult::megabytesPerSec),
            new TableColumn<>("send us/rec", "%11.3f", ThroughputResult::sendCpuUsPerRecord),
            new TableColumn<>("io us/rec", "%9.3f", ThroughputResult::ioCpuUsPerRecord),
            new TableColumn<>("send user us/rec", "%16.3f", ThroughputResult::sendUserUsPerRecord),
            new TableColumn<>("io user us/rec", "%14.3f", ThroughputResult::ioUserUsPerRecord),
            new TableColumn<>("io kernel us/rec", "%16.3f", ThroughputResult::ioKernelUsPerRecord),
            new TableColumn<>("prod us/rec", "%11.3f", ThroughputResult::producerCpuUsPerRecord),
            new TableColumn<>("proc us/rec", "%11.3f", ThroughputResult::processCpuUsPerRecord),
            new TableColumn<>("cores", "%5.2f", ThroughputResult::coresBusy),
            new TableColumn<>("send B/rec", "%10.1f", ThroughputResult::sendAllocBytesPerRecord),
            new TableColumn<>("io B/rec", "%8.1f", ThroughputResult::ioAllocBytesPerRecord),
            new TableColumn<>("batch B", "%8.0f", ThroughputResult::avgBatchBytes),
            new TableColumn<>("rec/req", "%8.1f", ThroughputResult::recordsPerRequest),
            new TableColumn<>("xcore ns", "%8.0f", ThroughputResult::crossCoreNs));

    private static void printThroughput(List<Settings> matrix, String[] clients,
                                        Map<String, List<ThroughputResult>> results, int repeats,
                                        java.io.PrintStream out) {
        out.println();
        out.printf(Locale.ROOT, "THROUGHPUT (records of N bytes, null keys; %s; us = CPU microseconds; B = bytes "
                + "allocated; send/io = user + kernel, user shown apart; prod = send + io threads; proc includes the "
                + "in-process broker; cores = the process's CPU time over the run's wall time; rec/req = records per Produce "
                + "request the broker received)%n",
                repeats > 1 ? "median of " + repeats + " runs" : "one run each");
        ComparisonTable<ThroughputResult> table = new ComparisonTable<>("settings", 30, 7, THROUGHPUT_COLUMNS);
        out.println(table.header("  records   ok spread"));
        for (Settings s : matrix) {
            Map<String, double[]> row = new LinkedHashMap<>();
            for (String client : clients) {
                List<ThroughputResult> rs = results.get(s.label() + "|" + client);
                double[] values = table.medians(rs);
                row.put(client, values);
                boolean verified = rs.stream().allMatch(ThroughputResult::verified);
                out.println(table.row(s.label(), client, values) + String.format(Locale.ROOT, " %,9d %4s %6s",
                        rs.get(0).records(), verified ? "yes" : "NO", spread(rs, ThroughputResult::recordsPerSec)));
            }
            if (row.containsKey("quill") && row.containsKey("kafka")) {
                out.println(table.ratioRow("q/k", row.get("quill"), row.get("kafka")));
            }
            if (row.containsKey("replay") && row.containsKey("kafka")) {
                out.println(table.ratioRow("r/k", row.get("replay"), row.get("kafka")));
            }
        }
        out.println("q/k = Quill / kafka-clients: above 1 is better for rec/s and MB/s, below 1 is better for "
                + "CPU and allocation. spread = (highest - lowest) / median of the runs' rec/s. xcore = a cache line's "
                + "round trip between two cores just before each run (CrossCoreProbe); runs that differ in it by several "
                + "times ran in different placements of the machine's cores.");
        if (Arrays.asList(clients).contains("replay")) {
            out.println("replay = requests built before the run and written as fast as the broker answers them "
                    + "(ReplayBenchProducer): the broker's pace with these settings for a client that costs next to "
                    + "nothing per record; r/k = replay / kafka-clients.");
        }
    }

    /**
     * How far apart the runs were: (highest - lowest) / median, in percent; empty for a single run. On a small shared
     * machine the same settings move by tens of percent between runs, which a median alone does not show.
     */
    private static <T> String spread(List<T> runs, ToDoubleFunction<T> value) {
        if (runs.size() < 2) {
            return "";
        }
        double[] values = runs.stream().mapToDouble(value).sorted().toArray();
        double median = Medians.of(runs, value);
        return String.format(Locale.ROOT, "%.0f%%", 100 * (values[values.length - 1] - values[0]) / median);
    }

    private static void printLatency(List<LatencyResult> results, String[] clients, int repeats,
                                     java.io.PrintStream out) {
        out.println();
        out.println("LATENCY at a fixed rate, send() to callback, microseconds ("
                + (repeats > 1 ? "median of " + repeats + " runs" : "one run each") + ")");
        out.printf(Locale.ROOT, "%-30s %-7s %8s %10s %10s %10s %10s %9s %4s %10s%n", "settings", "client", "rate",
                "p50", "p99", "p99.9", "max", "records", "ok", "p99 spread");
        Map<String, Map<String, List<LatencyResult>>> bySettings = new LinkedHashMap<>();
        for (LatencyResult r : results) {
            bySettings.computeIfAbsent(r.settings().label(), x -> new LinkedHashMap<>())
                    .computeIfAbsent(r.client(), x -> new ArrayList<>()).add(r);
        }
        for (Map.Entry<String, Map<String, List<LatencyResult>>> e : bySettings.entrySet()) {
            Map<String, double[]> medians = new LinkedHashMap<>();
            for (String client : clients) {
                List<LatencyResult> rs = e.getValue().get(client);
                double[] m = {Medians.of(rs, LatencyResult::achievedRate), Medians.of(rs, LatencyResult::p50Us),
                        Medians.of(rs, LatencyResult::p99Us), Medians.of(rs, LatencyResult::p999Us),
                        Medians.of(rs, LatencyResult::maxUs)};
                medians.put(client, m);
                out.printf(Locale.ROOT, "%-30s %-7s %,8.0f %,10.0f %,10.0f %,10.0f %,10.0f %,9d %4s %10s%n", e.getKey(),
                        client, m[0], m[1], m[2], m[3], m[4], rs.get(0).records(),
                        rs.stream().allMatch(LatencyResult::verified) ? "yes" : "NO", spread(rs, LatencyResult::p99Us));
            }
            double[] q = medians.get("quill");
            double[] k = medians.get("kafka");
            if (q != null && k != null) {
                out.printf(Locale.ROOT, "%-30s %-7s %8s %10s %10s %10s %10s%n", "", "q/k", "",
                        ratio(q[1], k[1]), ratio(q[2], k[2]), ratio(q[3], k[3]), ratio(q[4], k[4]));
            }
        }
        out.println("q/k below 1 means Quill acknowledged sooner.");
    }

    private static String ratio(double a, double b) {
        return String.format(Locale.ROOT, "%.2fx", a / b);
    }

    // ---- options --------------------------------------------------------------------------------

    static final class Options {
        String broker = "kafka";
        String[] clients = {"quill", "kafka"};
        int[] values = {100, 1024};
        int[] batches = {16384, 65536};
        String[] compression = {"none", "lz4"};
        int linger = 5;
        String acks = "all";
        boolean idempotence;
        long records = -1;
        int repeats = 1;
        int partitions = 3;
        boolean warmup = true;
        boolean throughput = true;
        boolean latency = true;
        int rate = 10_000;
        double seconds = 5;
        double latencyWarmup = 5;
        int[] latencyLinger = {5, 0};
        int latencyValue = 100;
        boolean quick;

        /**
         * Records per throughput run. The defaults give roughly 5-10 s per run for the slower client on a
         * 2-core machine; --quick divides by 10.
         */
        long recordsFor(int valueSize) {
            long n = records > 0 ? records : valueSize <= 256 ? 4_000_000 : 1_000_000;
            return quick && records <= 0 ? n / 10 : n;
        }

        static Options parse(String[] args) {
            Options o = new Options();
            BenchArgs.parse(args, o::set);
            if (o.quick) {
                o.seconds = Math.min(o.seconds, 2);
                o.latencyWarmup = Math.min(o.latencyWarmup, 1);
            }
            boolean replay = Arrays.asList(o.clients).contains("replay");
            if (replay && !Arrays.equals(o.compression, new String[] {"none"})) {
                throw new IllegalArgumentException("--clients=replay sends uncompressed batches only: add "
                        + "--compression=none (it was " + String.join(",", o.compression) + ")");
            }
            if (replay && o.latency) {
                throw new IllegalArgumentException("--clients=replay measures throughput only: add --latency=false");
            }
            return o;
        }

        private void set(String name, String value) {
            switch (name) {
                case "broker" -> broker = value;
                case "clients" -> clients = value.split(",");
                case "values" -> values = ints(value);
                case "batches" -> batches = ints(value);
                case "compression" -> compression = value.split(",");
                case "linger" -> linger = Integer.parseInt(value);
                case "acks" -> acks = value;
                case "idempotence" -> idempotence = Boolean.parseBoolean(value);
                case "records" -> records = Long.parseLong(value);
                case "repeats" -> repeats = Integer.parseInt(value);
                case "partitions" -> partitions = Integer.parseInt(value);
                case "warmup" -> warmup = Boolean.parseBoolean(value);
                case "throughput" -> throughput = Boolean.parseBoolean(value);
                case "latency" -> latency = Boolean.parseBoolean(value);
                case "rate" -> rate = Integer.parseInt(value);
                case "seconds" -> seconds = Double.parseDouble(value);
                case "latency-warmup" -> latencyWarmup = Double.parseDouble(value);
                case "latency-linger" -> latencyLinger = ints(value);
                case "latency-value" -> latencyValue = Integer.parseInt(value);
                case "quick" -> quick = Boolean.parseBoolean(value);
                default -> throw new IllegalArgumentException("unknown option --" + name);
            }
        }

        private static int[] ints(String list) {
            return Arrays.stream(list.split(",")).mapToInt(Integer::parseInt).toArray();
        }
    }
}
