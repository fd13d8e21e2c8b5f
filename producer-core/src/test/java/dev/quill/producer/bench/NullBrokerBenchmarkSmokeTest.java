package dev.quill.producer.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import dev.quill.producer.bench.BenchmarkHarness.Settings;
import dev.quill.producer.bench.BenchmarkHarness.ThroughputResult;

/**
 * Proves the null-broker mode of {@link ProducerBenchmark} still works with both clients: the null broker
 * satisfies each client's handshake and every record sent is acknowledged, once. Correctness only, never
 * timing.
 */
class NullBrokerBenchmarkSmokeTest {

    @Test
    void bothClientsHaveEveryRecordAcknowledgedByTheNullBroker() throws Exception {
        try (NullBroker broker = NullBroker.start(3)) {
            BenchmarkHarness harness = new BenchmarkHarness(broker);
            Payloads payloads = new Payloads(100, 64, 1);
            for (String acks : new String[] {"all", "0"}) {
                Settings settings = new Settings(100, 16384, "lz4", 5, acks);
                for (String client : new String[] {"quill", "kafka"}) {
                    ThroughputResult t = harness.throughput(client, settings, payloads, 3_000);
                    assertThat(t.errors()).as(client + " acks=" + acks + " errors").isZero();
                    assertThat(t.brokerCount()).as(client + " acks=" + acks + " records acknowledged")
                            .isEqualTo(3_001);
                    if (acks.equals("all")) {
                        // Every response arrived, so the broker has counted every request the records took.
                        assertThat(t.produceRequests()).as(client + " Produce requests counted").isPresent();
                        assertThat(t.recordsPerRequest()).as(client + " records per Produce request")
                                .isBetween(1.0, 3_000.0);
                    }
                }
            }
        }
    }

    @Test
    void idempotentProducersGetAProducerIdAndEveryRecordIsAcknowledged() throws Exception {
        try (NullBroker broker = NullBroker.start(2)) {
            Payloads payloads = new Payloads(100, 64, 1);
            for (String client : new String[] {"quill", "kafka"}) {
                String topic = broker.createTopic("idempotent-" + client);
                long idsBefore = broker.producerIdsIssued();
                Map<String, Object> config = new Settings(100, 16384, "none", 1, "all")
                        .producerConfig(broker.bootstrapServers(), "idempotent-" + client);
                config.put("enable.idempotence", "true");
                AtomicLong acked = new AtomicLong();
                AtomicLong failed = new AtomicLong();
                try (BenchProducer producer = BenchProducer.create(client, config, error -> {
                    if (error != null) {
                        failed.incrementAndGet();
                    }
                    acked.incrementAndGet();
                })) {
                    for (int i = 0; i < 1_000; i++) {
                        producer.send(topic, payloads.get(i));
                    }
                    producer.flush();
                    producer.sendAndWait(topic, payloads.get(0));
                }
                assertThat(broker.producerIdsIssued()).as(client + " asked for a producer id").isGreaterThan(idsBefore);
                assertThat(failed.get()).as(client + " failed sends").isZero();
                assertThat(broker.recordsOn(topic, 1_001)).as(client + " records acknowledged").isEqualTo(1_001);
            }
        }
    }

    @Test
    void theBenchmarkRunsEndToEndAgainstTheNullBroker() throws Exception {
        ProducerBenchmark.Options options = ProducerBenchmark.Options.parse(new String[] {
                "--broker=null --values=100 --batches=16384 --compression=none --records=2000 --warmup=false "
                        + "--latency-linger=0 --rate=2000 --seconds=0.5"});
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        boolean ok;
        try (BenchBroker broker = ProducerBenchmark.startBroker(options)) {
            ok = ProducerBenchmark.run(broker, options, new PrintStream(text, true, StandardCharsets.UTF_8));
        }
        String printed = text.toString(StandardCharsets.UTF_8);
        assertThat(ok).as(printed).isTrue();
        assertThat(printed).contains("send user us/rec", "cores", "xcore ns", "counted by the null broker");
    }
}
