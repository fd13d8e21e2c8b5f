package dev.quill.producer.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/**
 * Proves {@link ScaleBenchmark} still runs end to end against the null broker (every scenario, every client, the
 * broker's counts, the tables) at a tiny size, so that it does not rot between the times someone runs it.
 * Correctness only, never timing.
 */
class ScaleBenchmarkSmokeTest {

    @Test
    void everyScenarioRunsVerifiesAndPrintsItsTable() throws Exception {
        ScaleOptions options = ScaleOptions.parse("--topics=2 --partitions=5 --records=3000 --producers=3 "
                + "--records-per-producer=1000 --heap-records=2000 --repeats=1 --warmup=false");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        boolean ok;
        try (BenchBroker broker = NullBroker.start(options.sharedPartitions);
             PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            ok = ScaleBenchmark.run(broker, options, out);
        }
        String output = printed.toString(StandardCharsets.UTF_8);
        System.out.print(output);

        assertThat(ok).as(output).isTrue();
        assertThat(output).contains("PARTITIONS:", "PRODUCERS:", "HEAP:", "io us/req", "heap KB/partition", "xcore ns",
                "heap at rest MB", "heap sending MB", "threads", "counted by the null broker");
        assertThat(output.lines()).as(output)
                .anySatisfy(line -> assertThat(line).startsWith("scenario").contains("client", "rec/s", "records"))
                .anySatisfy(line -> assertThat(line).startsWith("10 partitions").contains("quill").endsWith("yes"))
                .anySatisfy(line -> assertThat(line).startsWith("3 producers").contains("quill-group").endsWith("yes"))
                .anySatisfy(line -> assertThat(line).contains(" qg/k "))
                .anySatisfy(line -> assertThat(line).contains(" q/k "));
    }
}
