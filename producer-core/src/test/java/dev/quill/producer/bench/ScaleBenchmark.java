package dev.quill.producer.bench;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Quill's producer against kafka-clients' KafkaProducer at scale, in one JVM, against one broker, with the same
 * settings, alternated runs and medians, printing Quill/kafka ratios: many partitions from one producer, many
 * producers in one JVM, and the heap one producer keeps with the default buffer.memory. Not a test: it runs only
 * when asked:
 *
 * <pre>
 * mvn -B -o -q -pl producer-core test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:java \
 *     -Dexec.classpathScope=test -Dexec.mainClass=dev.quill.producer.bench.ScaleBenchmark \
 *     -Dexec.args="--quick"
 * </pre>
 *
 * Options ({@code --name=value}): {@code broker} (null: a {@link NullBroker}, which acknowledges without storing, so
 * that the clients alone are measured; kafka: an in-process Kafka broker), {@code scenarios}
 * (partitions,producers,heap), {@code repeats} (3; medians are reported), {@code warmup} (true: one unreported, smaller
 * run per client first), {@code topics} (10) and {@code partitions} (100 per topic), {@code records} (partitions
 * scenario, 2000000), {@code producers} (50), {@code shared-partitions} (6, the topic of the producers and heap
 * scenarios), {@code records-per-producer} (100000), {@code heap-records} (1 KB records of the heap scenario, 1000000),
 * {@code quick} (a twentieth of the record counts not given, and one run per client unless {@code repeats} is given).
 *
 * <p>Every client runs with {@code enable.idempotence=false} (as {@link BenchmarkHarness.Settings} explains), acks=all, linger.ms=5, batch.size=16384 and the default buffer.memory (32 MB).
 *
 * <p><b>partitions</b>: one producer, 100-byte values, record i to partition i mod (topics x partitions), named
 * explicitly so that both clients skip their partitioners and every partition gets the same share. After one record
 * to every partition (connections, metadata, first batches), N records are sent from this thread and flushed; the
 * clock stops when every callback has run.
 * <ul>
 * <li>rec/s: the timed records per second of wall time.</li>
 * <li>send / io us/rec: CPU time of the sending thread and of the producer's I/O thread per record ({@link ThreadMeter};
 *     user time shown apart, the rest being kernel time, mostly socket syscalls).</li>
 * <li>io us/req: the I/O thread's CPU time for the timed records ÷ the Produce requests the broker received
 *     meanwhile; rec/req: records per Produce request. Only the null broker counts requests: with the Kafka
 *     broker, n/a.</li>
 * <li>batch B: the client's own average batch size on the wire.</li>
 * <li>heap KB/partition: in a separate run, a producer with linger.ms=30000 (nothing leaves) gets one record for
 *     every partition, after metadata for every topic; used heap after full GC, less the same before the producer
 *     was made, ÷ partitions. It includes what the producer holds regardless of partitions (its I/O buffers, metrics,
 *     metadata of every partition); the run fails verification if the broker received a Produce request meanwhile.</li>
 * </ul>
 *
 * <p><b>producers</b>: N producers (50) in one JVM, each with a sending thread of its own, sending a fixed number of
 * 100-byte records each to one shared topic (6 partitions) as fast as send() returns; rows quill (independent
 * QuillProducers), quill-group (producers of one {@link dev.quill.producer.ProducerGroup}, non-transactional, which the
 * group allows: one I/O thread, a few connections and one buffer.memory for all) and kafka (independent
 * KafkaProducers). See {@link FleetRun} for the order of measurement.
 * <ul>
 * <li>rec/s: all producers' records ÷ the wall time from the start of the sending threads to the last callback, less
 *     the mid-run GC pause.</li>
 * <li>threads: live JVM threads with the producers open and idle, less those before they were made. Quill's
 *     producers place the records that waited for metadata (every first record, here) on one thread they share,
 *     which ends after a minute idle; it is counted when this run started it.</li>
 * <li>heap at rest MB: used heap after full GC with the producers open and idle, each after one acknowledged record,
 *     less the same before they were made.</li>
 * <li>heap sending MB: used heap after a full GC made once half the records were acknowledged, less the same
 *     before. It shows what the accumulators, buffer pools and in-flight requests hold under load: with 32 MB of
 *     buffer.memory each, independent producers may hold much more than a group.</li>
 * </ul>
 *
 * <p><b>heap</b>: the same measurement for one producer sending 1 KB records, with rec/s and MB/s of value bytes.
 *
 * <p>Heap numbers come from the whole JVM: with the in-process Kafka broker, what the broker keeps per connection or
 * per partition lands in them too; the null broker keeps one counter per partition. Every run is verified: no
 * callback error, and the records the broker counted equal those sent (priming records included).
 */
public final class ScaleBenchmark {

    static final int DEFAULT_BATCH_SIZE = 16384;
    static final int LINGER_MS = 5;

    private ScaleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchLogging.librariesAtWarn();
        ScaleOptions options = ScaleOptions.parse(args);
        boolean ok;
        try (BenchBroker broker = BenchBroker.start(options.broker, options.sharedPartitions)) {
            ok = run(broker, options, System.out);
        }
        // The Kafka broker leaves non-daemon threads behind for a while; do not let exec:java wait for them.
        System.exit(ok ? 0 : 1);
    }

    /** Runs the scenarios the options name and prints their tables; false if any run failed verification. */
    static boolean run(BenchBroker broker, ScaleOptions o, PrintStream out) throws Exception {
        out.printf(Locale.ROOT, "JVM %s, %d CPUs, max heap %d MB; broker=%s, acks=all, linger.ms=%d, "
                        + "enable.idempotence=false (both clients)%n", System.getProperty("java.vm.version"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, o.broker,
                LINGER_MS);
        boolean ok = true;
        for (String scenario : o.scenarios) {
            ok &= switch (scenario) {
                case "partitions" -> PartitionsScenario.run(broker, o, out);
                case "producers" -> FleetScenario.producers(o).run(broker, o, out);
                case "heap" -> FleetScenario.heap(o).run(broker, o, out);
                default -> throw new IllegalArgumentException("--scenarios are partitions, producers and heap, not "
                        + scenario);
            };
            out.println();
        }
        out.println(ok ? "All runs verified: every record acknowledged without error and " + broker.verifiedBy() + "."
                : "SOME RUNS FAILED VERIFICATION (see above).");
        return ok;
    }

    /** For table titles: how many runs a number is the median of. */
    static String runs(ScaleOptions o) {
        return o.repeats > 1 ? "median of " + o.repeats + " runs" : "one run each";
    }
}
