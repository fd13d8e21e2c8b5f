package dev.quill.producer.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.quill.producer.ProducerGroup;
import dev.quill.producer.bench.BenchmarkHarness.Settings;
import dev.quill.producer.bench.FleetRun.Result;

/**
 * {@link ScaleBenchmark}'s producers and heap scenarios, both made of {@link FleetRun}s: many producers of 100-byte
 * records, and one producer of 1 KB records.
 */
final class FleetScenario {

    private static final TableColumn<Result> RECORDS_PER_SEC = new TableColumn<>("rec/s", "%,11.0f",
            Result::recordsPerSec);
    private static final TableColumn<Result> HEAP_AT_REST = new TableColumn<>("heap at rest MB", "%15.2f",
            Result::heapAtRestMb);
    private static final TableColumn<Result> HEAP_SENDING = new TableColumn<>("heap sending MB", "%15.2f",
            Result::heapSendingMb);

    private final String label;
    private final String title;
    private final List<String> clients;
    private final int producers;
    private final int valueSize;
    private final long recordsPerProducer;
    private final List<TableColumn<Result>> columns;

    private FleetScenario(String label, String title, List<String> clients, int producers, int valueSize,
                          long recordsPerProducer, List<TableColumn<Result>> columns) {
        this.label = label;
        this.title = title;
        this.clients = clients;
        this.producers = producers;
        this.valueSize = valueSize;
        this.recordsPerProducer = recordsPerProducer;
        this.columns = columns;
    }

    static FleetScenario producers(ScaleOptions o) {
        return new FleetScenario(o.producers + " producers", String.format(Locale.ROOT,
                "PRODUCERS: %d producers in one JVM, each with a sending thread of its own, %,d records of 100 bytes "
                        + "each to one topic of %d partitions, as fast as send() returns; quill-group = %d producers of "
                        + "one ProducerGroup (one I/O thread, up to %d connections, one buffer.memory shared); %s",
                o.producers, o.recordsPerProducer, o.sharedPartitions, o.producers,
                ProducerGroup.DEFAULT_CONNECTIONS_PER_BROKER, ScaleBenchmark.runs(o)),
                ProducerFleet.KINDS, o.producers, 100, o.recordsPerProducer,
                List.of(RECORDS_PER_SEC, new TableColumn<>("threads", "%8.0f", Result::threadsAdded), HEAP_AT_REST,
                        HEAP_SENDING));
    }

    static FleetScenario heap(ScaleOptions o) {
        return new FleetScenario("1 producer 1K", String.format(Locale.ROOT,
                "HEAP: one producer, default buffer.memory (32 MB) and batch.size (%d), %,d records of 1 KB to one "
                        + "topic of %d partitions, as fast as send() returns; %s", ScaleBenchmark.DEFAULT_BATCH_SIZE,
                o.heapRecords, o.sharedPartitions, ScaleBenchmark.runs(o)),
                List.of("quill", "kafka"), 1, 1024, o.heapRecords,
                List.of(RECORDS_PER_SEC, new TableColumn<>("MB/s", "%7.1f", Result::megabytesPerSec), HEAP_AT_REST,
                        HEAP_SENDING));
    }

    boolean run(BenchBroker broker, ScaleOptions o, PrintStream out) throws Exception {
        out.printf(Locale.ROOT, "%s...%n", label);
        Settings settings = new Settings(valueSize, ScaleBenchmark.DEFAULT_BATCH_SIZE, "none", ScaleBenchmark.LINGER_MS,
                "all");
        Payloads payloads = new Payloads(valueSize, 4096, 42);
        FleetRun fleet = new FleetRun(broker);
        AtomicBoolean ok = new AtomicBoolean(true);
        Map<String, List<Result>> runs = AlternatedRuns.collect(clients, o.repeats, o.warmup, (client, warmup) -> {
            long records = warmup ? Math.max(1, recordsPerProducer / 10) : recordsPerProducer;
            Result r = fleet.run(client, producers, o.sharedPartitions, settings, payloads, records);
            if (!warmup) {
                out.printf(Locale.ROOT, "  %-11s %,12.0f rec/s, %3d threads, heap %,8.2f MB at rest, %,8.2f MB "
                                + "sending %s%n", client, r.recordsPerSec(), r.threadsAdded(), r.heapAtRestMb(),
                        r.heapSendingMb(), r.verified() ? "ok" : "FAILED");
            }
            if (!r.verified()) {
                out.printf(Locale.ROOT, "  FAILED verification: %s sent %d (+%d priming), errors %d, broker counted "
                        + "%d%n", client, r.records(), r.primed(), r.errors(), r.brokerCount());
                ok.set(false);
            }
            return r;
        });
        out.println();
        out.println(title);
        out.println("threads = live threads added by the producers; heap at rest = used heap after full GC with the "
                + "producers open and idle after one acknowledged record each, less the heap before them; heap sending "
                + "= the same once half the records were acknowledged (that GC pause is not timed)");
        ScaleTable.print(out, label, columns, runs, Result::verified, Result::records);
        out.println((clients.contains("quill-group") ? "q/k = Quill / kafka-clients, qg/k = Quill's ProducerGroup / "
                + "kafka-clients" : "q/k = Quill / kafka-clients") + ": above 1 is better for rec/s and MB/s; below 1 "
                + "is better for threads and heap.");
        return ok.get();
    }
}
