package dev.quill.producer.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.quill.producer.bench.BenchmarkHarness.LatencyResult;
import dev.quill.producer.bench.BenchmarkHarness.Settings;
import dev.quill.producer.bench.BenchmarkHarness.ThroughputResult;
import dev.quill.producer.testkit.KafkaCluster;

/**
 * Proves the benchmark harness still works (both adapters, thread metering, broker-side verification)
 * with a few thousand records, so that {@link ProducerBenchmark} does not rot between the times someone
 * runs it. Asserts on correctness only, never on timing: CI machines vary too much.
 */
class ProducerBenchmarkSmokeTest {

    @Test
    void bothClientsRunThroughTheHarnessAndEveryRecordArrives() throws Exception {
        BenchmarkHarness harness = new BenchmarkHarness(new KafkaClusterBroker(KafkaCluster.shared(), 2, false));
        Settings settings = new Settings(100, 16384, "none", 5, "all");
        Payloads payloads = new Payloads(100, 64, 1);
        for (String client : new String[] {"quill", "kafka"}) {
            ThroughputResult t = harness.throughput(client, settings, payloads, 2_000);
            assertThat(t.errors()).as(client + " errors").isZero();
            assertThat(t.brokerCount()).as(client + " records on the broker").isEqualTo(2_001);
            assertThat(t.cost().sendCpuNs()).as(client + " send thread CPU").isPositive();
            assertThat(t.cost().ioCpuNs()).as(client + " I/O thread CPU").isPositive();

            LatencyResult l = harness.latency(client, settings, payloads, 2_000, 0.5);
            assertThat(l.verified()).as(client + " latency run verified: " + l).isTrue();
            assertThat(l.p50Us()).as(client + " p50").isPositive();
        }
    }

    @Test
    void theReplayClientsRecordsAllArriveInSequenceOnTheBroker() throws Exception {
        BenchmarkHarness harness = new BenchmarkHarness(new KafkaClusterBroker(KafkaCluster.shared(), 2, false));
        Settings idempotent = new Settings(100, 16384, "none", 5, "all", true);
        // Several full requests and a tail of its own: the broker rejects any sequence number out of place.
        ThroughputResult t = harness.throughput("replay", idempotent, new Payloads(100, 64, 1), 2_000);

        assertThat(t.errors()).as("errors").isZero();
        assertThat(t.brokerCount()).as("records on the broker").isEqualTo(2_001);
        assertThat(t.cost().ioCpuNs()).as("no I/O thread").isZero();
    }
}
