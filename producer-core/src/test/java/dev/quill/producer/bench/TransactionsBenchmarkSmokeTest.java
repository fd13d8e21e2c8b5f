package dev.quill.producer.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import dev.quill.producer.testkit.KafkaCluster;

/**
 * Proves {@link TransactionsBenchmark} still runs end to end (both clients, the read_committed check, the table) with
 * a few transactions, so that it does not rot between the times someone runs it. Asserts that it completes and
 * prints its rows, never on timing.
 */
class TransactionsBenchmarkSmokeTest {

    @Test
    void bothClientsRunTheirTransactionsAndTheTablePrints() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        boolean ok;
        try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            ok = TransactionsBenchmark.run(KafkaCluster.shared(),
                    TransactionsBenchmark.Options.parse("--transactions=4 --seconds=1 --records=3 --repeats=1"), out);
        }
        String output = printed.toString(StandardCharsets.UTF_8);
        System.out.print(output);

        assertThat(ok).as(output).isTrue();
        assertThat(output.lines()).as(output)
                .anySatisfy(line -> assertThat(line).startsWith("client").contains("threads", "heap MB", "tx/s"))
                .anySatisfy(line -> assertThat(line).startsWith("quill "))
                .anySatisfy(line -> assertThat(line).startsWith("kafka "))
                .anySatisfy(line -> assertThat(line).startsWith("quill/kafka "))
                .anySatisfy(line -> assertThat(line).startsWith("All runs verified"));
    }
}
