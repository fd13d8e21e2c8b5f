package dev.quill.producer.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import dev.quill.producer.testkit.KafkaCluster;
import dev.quill.producer.testkit.SchemaRegistry;

/**
 * Proves {@link SlowRegistryBenchmark} still runs end to end (both producers, the slow proxy, broker-side checks, the
 * table) with a few hundred records, so that it does not rot between the times someone runs it. Asserts that it
 * completes and prints its rows, never on timing: CI machines vary too much.
 */
class SlowRegistryBenchmarkSmokeTest {

    @Test
    void bothClientsRunAgainstTheSlowRegistryAndTheTablePrints() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        boolean ok;
        try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            ok = SlowRegistryBenchmark.run(KafkaCluster.shared(), SchemaRegistry.shared(),
                    SlowRegistryBenchmark.Options.parse("--records=300 --first=20 --warmup=100 --partitions=2"), out);
        }
        String output = printed.toString(StandardCharsets.UTF_8);
        System.out.print(output); // in the test's report, for whoever looks at a failure

        assertThat(ok).as(output).isTrue();
        assertThat(output.lines()).as(output)
                .anySatisfy(line -> assertThat(line).startsWith("client").contains("first20 p50", "registry req"))
                .anySatisfy(line -> assertThat(line).startsWith("quill "))
                .anySatisfy(line -> assertThat(line).startsWith("kafka "))
                .anySatisfy(line -> assertThat(line).startsWith("quill/kafka "))
                .anySatisfy(line -> assertThat(line).startsWith("All runs verified"));
    }
}
