package dev.quill.producer.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.quill.producer.bench.SlowRegistryRun.Result;
import dev.quill.producer.bench.SlowRegistryRun.Settings;
import dev.quill.producer.testkit.KafkaCluster;
import dev.quill.producer.testkit.SchemaRegistry;

/**
 * How long {@code send()} keeps the caller when the Schema Registry is slow: Quill with its Avro serializer against
 * kafka-clients' KafkaProducer with a registry-backed kafka-clients serializer (Apicurio's Avro serde), in one JVM,
 * against one in-process broker and one registry that answers every request after a fixed delay (200 ms), printing
 * Quill/kafka ratios. Not a test; it runs only when asked:
 *
 * <pre>
 * mvn -B -pl producer-core test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:java \
 *     -Dexec.classpathScope=test -Dexec.mainClass=dev.quill.producer.bench.SlowRegistryBenchmark \
 *     -Dquill.schema-registry.home=producer-core/target/apicurio-registry
 * </pre>
 *
 * Options ({@code --name=value}): {@code records} (per client, 1000000), {@code first} (how many first records of
 * the new schema get their own columns, 100), {@code warmup} (records per client in an unreported run first, with a
 * schema of its own, so that class loading and JIT do not land in the measured first records; 20000, 0 for none),
 * {@code delay-ms} (the registry's delay, 200), {@code clients} (quill,kafka), {@code partitions} (3), {@code linger}
 * (5), {@code acks} (all).
 *
 * <p>Each client sends the same values, of a schema new to the registry, to a topic of its own, one thread calling
 * {@code send()} as fast as it returns; every call is timed on that thread. The columns: send() return times for the
 * first records (the ones that meet the unknown schema) and for all; how many requests reached the registry; the
 * send loop's wall time and the time until the last acknowledgement. Every run is checked against the broker's end
 * offsets. Both clients run with {@code enable.idempotence=false}, as in {@link ProducerBenchmark}.
 */
public final class SlowRegistryBenchmark {

    private SlowRegistryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchLogging.librariesAtWarn();
        Options options = Options.parse(args);
        boolean ok;
        System.out.println("Starting an in-process Kafka broker and Apicurio Registry...");
        try (KafkaCluster cluster = KafkaCluster.start(1, Map.of());
             SchemaRegistry registry = SchemaRegistry.start()) {
            ok = run(cluster, registry, options, System.out);
        }
        // The broker leaves non-daemon threads behind for a while; do not let exec:java wait for them.
        System.exit(ok ? 0 : 1);
    }

    /** Runs each client once and prints the table; false if a run failed verification. */
    static boolean run(KafkaCluster cluster, SchemaRegistry registry, Options o, PrintStream out) throws Exception {
        Settings settings = new Settings(o.records, o.delayMs, o.partitions, o.linger, o.acks);
        out.printf(Locale.ROOT, "JVM %s, %d CPUs; registry answers every request after %d ms; %,d records per client "
                        + "of one new schema; partitions=%d, acks=%s, linger.ms=%d, enable.idempotence=false%n",
                System.getProperty("java.vm.version"), Runtime.getRuntime().availableProcessors(), o.delayMs,
                o.records, o.partitions, o.acks, o.linger);
        SlowRegistryRun runner = new SlowRegistryRun(cluster, registry);
        Map<String, Result> results = new LinkedHashMap<>();
        boolean ok = true;
        if (o.warmup > 0) {
            // Class loading and JIT would otherwise land in the first records' times, which are the ones that matter
            // here. The warm-up uses a schema of its own, so the measured run still meets a new one.
            out.printf(Locale.ROOT, "Warm-up, %,d records per client (not reported)...%n", o.warmup);
            Settings warmup = new Settings(o.warmup, o.delayMs, o.partitions, o.linger, o.acks);
            for (String client : o.clients) {
                ok &= runner.run(client, warmup).verified();
            }
        }
        for (String client : o.clients) {
            Result result = runner.run(client, settings);
            results.put(client, result);
            if (!result.verified()) {
                out.printf(Locale.ROOT, "  FAILED verification: %s sent %d, errors %d, broker holds %d%n", client,
                        result.sendNs().length, result.errors(), result.brokerCount());
                ok = false;
            }
        }
        printTable(results, o.first, out);
        for (Result r : results.values()) {
            if (r.sendNs().length > 0) {
                out.printf(Locale.ROOT, "%s's slowest send(): #%d, %,.1f us%n", r.client(), r.slowest(),
                        r.sendNs()[r.slowest()] / 1e3);
            }
            out.printf(Locale.ROOT, "%s's registry requests:%n", r.client());
            r.requests().stream().limit(10).forEach(line -> out.println("  " + line));
            if (r.requests().size() > 10) {
                out.printf(Locale.ROOT, "  ... and %d more%n", r.requests().size() - 10);
            }
        }
        out.println(ok ? "All runs verified: every record acknowledged without error and present on the broker."
                : "SOME RUNS FAILED VERIFICATION (see above).");
        return ok;
    }

    private static void printTable(Map<String, Result> results, int first, PrintStream out) {
        List<TableColumn<Result>> columns = List.of(
                new TableColumn<>("1st send", "%,12.1f", r -> r.sendNs().length == 0 ? Double.NaN : r.sendNs()[0] / 1e3),
                new TableColumn<>("first" + first + " p50", "%,12.1f", r -> r.quantileUs(first, 0.50)),
                new TableColumn<>("first" + first + " p99", "%,12.1f", r -> r.quantileUs(first, 0.99)),
                new TableColumn<>("first" + first + " max", "%,12.1f", r -> r.maxUs(first)),
                new TableColumn<>("all p50", "%,10.2f", r -> r.quantileUs(Integer.MAX_VALUE, 0.50)),
                new TableColumn<>("all p99", "%,10.2f", r -> r.quantileUs(Integer.MAX_VALUE, 0.99)),
                new TableColumn<>("all max", "%,12.1f", r -> r.maxUs(Integer.MAX_VALUE)),
                new TableColumn<>("registry req", "%12.0f", r -> r.requests().size()),
                new TableColumn<>("loop s", "%8.2f", r -> r.loopNs() / 1e9),
                new TableColumn<>("to last ack s", "%13.2f", r -> r.totalNs() / 1e9));
        out.println("send() return time on the calling thread, microseconds:");
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-13s", "client"));
        for (TableColumn<Result> c : columns) {
            header.append(' ').append(c.headerCell());
        }
        out.println(header);
        for (Result r : results.values()) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-13s", r.client()));
            for (TableColumn<Result> c : columns) {
                row.append(' ').append(c.cell(c.value().applyAsDouble(r)));
            }
            out.println(row);
        }
        Result quill = results.get("quill");
        Result kafka = results.get("kafka");
        if (quill != null && kafka != null) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-13s", "quill/kafka"));
            for (TableColumn<Result> c : columns) {
                double ratio = c.value().applyAsDouble(quill) / c.value().applyAsDouble(kafka);
                row.append(' ').append(c.ratioCell(ratio, "%.4fx"));
            }
            out.println(row);
        }
    }

    static final class Options {
        List<String> clients = new ArrayList<>(List.of("quill", "kafka"));
        long records = 1_000_000;
        int first = 100;
        long warmup = 20_000;
        long delayMs = 200;
        int partitions = 3;
        int linger = 5;
        String acks = "all";

        static Options parse(String... args) {
            Options o = new Options();
            BenchArgs.parse(args, o::set);
            return o;
        }

        private void set(String name, String value) {
            switch (name) {
                case "clients" -> clients = List.of(value.split(","));
                case "records" -> records = Long.parseLong(value);
                case "first" -> first = Integer.parseInt(value);
                case "warmup" -> warmup = Long.parseLong(value);
                case "delay-ms" -> delayMs = Long.parseLong(value);
                case "partitions" -> partitions = Integer.parseInt(value);
                case "linger" -> linger = Integer.parseInt(value);
                case "acks" -> acks = value;
                default -> throw new IllegalArgumentException("unknown option --" + name);
            }
        }
    }
}
