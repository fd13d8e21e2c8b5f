package dev.quill.producer.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.quill.producer.bench.BenchmarkHarness.Settings;
import dev.quill.producer.bench.PartitionSpreadRun.Result;

/** {@link ScaleBenchmark}'s partitions scenario: one producer spreading 100-byte records over many partitions. */
final class PartitionsScenario {

    private static final int VALUE_SIZE = 100;
    private static final Settings SETTINGS = new Settings(VALUE_SIZE, ScaleBenchmark.DEFAULT_BATCH_SIZE, "none",
            ScaleBenchmark.LINGER_MS, "all");
    private static final List<String> CLIENTS = List.of("quill", "kafka");

    private static final List<TableColumn<Result>> COLUMNS = List.of(
            new TableColumn<>("rec/s", "%,11.0f", r -> r.throughput().recordsPerSec()),
            new TableColumn<>("send us/rec", "%11.3f", r -> r.throughput().sendCpuUsPerRecord()),
            new TableColumn<>("io us/rec", "%9.3f", r -> r.throughput().ioCpuUsPerRecord()),
            new TableColumn<>("send user us/rec", "%16.3f", r -> r.throughput().sendUserUsPerRecord()),
            new TableColumn<>("io user us/rec", "%14.3f", r -> r.throughput().ioUserUsPerRecord()),
            new TableColumn<>("io us/req", "%9.2f", r -> r.throughput().ioUsPerRequest()),
            new TableColumn<>("rec/req", "%8.1f", r -> r.throughput().recordsPerRequest()),
            new TableColumn<>("batch B", "%8.0f", r -> r.throughput().avgBatchBytes()),
            new TableColumn<>("heap KB/partition", "%17.2f", Result::heapKbPerPartition),
            new TableColumn<>("xcore ns", "%8.0f", r -> r.throughput().crossCoreNs()));

    private PartitionsScenario() {
    }

    static boolean run(BenchBroker broker, ScaleOptions o, PrintStream out) throws Exception {
        out.printf(Locale.ROOT, "Partitions: one producer, %d topics x %d partitions...%n", o.topics, o.partitions);
        Payloads payloads = new Payloads(VALUE_SIZE, 4096, 42);
        PartitionSpreadRun spread = new PartitionSpreadRun(broker, o.topics, o.partitions);
        AtomicBoolean ok = new AtomicBoolean(true);
        Map<String, List<Result>> runs = AlternatedRuns.collect(CLIENTS, o.repeats, o.warmup, (client, warmup) -> {
            // Even a warm-up sends a few records to every partition, so that every partition's path is compiled.
            long records = warmup ? Math.max(o.records / 10, 4L * o.totalPartitions()) : o.records;
            Result r = spread.run(client, SETTINGS, payloads, records);
            if (!warmup) {
                out.printf(Locale.ROOT, "  %-11s %,12.0f rec/s, heap %,8.2f KB/partition %s%n", client,
                        r.throughput().recordsPerSec(), r.heapKbPerPartition(), r.verified() ? "ok" : "FAILED");
            }
            if (!r.verified()) {
                out.printf(Locale.ROOT, "  FAILED verification: %s sent %d (+%d priming), errors %d, broker counted "
                                + "%d; open batches stayed open: %s; heap run verified: %s%n", client, records,
                        r.throughput().primed(), r.throughput().errors(), r.throughput().brokerCount(),
                        r.batchesStayedOpen(), r.heapRunVerified());
                ok.set(false);
            }
            return r;
        });
        out.println();
        out.printf(Locale.ROOT, "PARTITIONS: one producer, %d topics x %d partitions, %d-byte values to partition i mod %d "
                        + "(named explicitly), linger.ms=%d, batch.size=%d; %s%n", o.topics, o.partitions, VALUE_SIZE,
                o.totalPartitions(), ScaleBenchmark.LINGER_MS, ScaleBenchmark.DEFAULT_BATCH_SIZE, ScaleBenchmark.runs(o));
        out.println("us = CPU microseconds of the sending (send) and I/O (io) thread, user time shown apart; io us/req = "
                + "I/O thread CPU per Produce request the broker received, rec/req = records per request (n/a: not "
                + "counted by this broker); batch B = average batch on the wire; heap KB/partition = used heap after "
                + "full GC with one open batch on every partition, less the heap before the producer, per partition");
        ScaleTable.print(out, o.totalPartitions() + " partitions", COLUMNS, runs, Result::verified,
                r -> r.throughput().records());
        out.println("q/k = Quill / kafka-clients: above 1 is better for rec/s, rec/req and batch B; below 1 is better "
                + "for CPU and heap.");
        return ok.get();
    }
}
