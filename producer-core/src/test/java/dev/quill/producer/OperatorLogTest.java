package dev.quill.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.quill.producer.errors.ProducerException;
import dev.quill.producer.testkit.FaultProxy;
import dev.quill.producer.testkit.KafkaCluster;
import dev.quill.producer.testkit.LogCapture;

/**
 * What an operator reads in the log when a producer starts, cannot reach its broker, gets it back, fails records and
 * closes: the lines themselves, as captured from {@code System.Logger} (see {@link LogCapture}). Repeats are counted
 * over a short interval here, so that their summaries come out within the test.
 */
class OperatorLogTest {

    /** Nothing listens on port 1: connections are refused at once. */
    private static final String UNREACHABLE = "127.0.0.1:1";
    private static final Duration SHORT_INTERVAL = Duration.ofMillis(500);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Pattern CONNECTION_SUMMARY = Pattern.compile(
            "Connection to bootstrap server 127\\.0\\.0\\.1:1 failed (\\d+) more times? in the last \\d+ m?s; latest: "
                    + "could not connect to bootstrap server 127\\.0\\.0\\.1:1: Connection refused");
    private static final Pattern RECORDS_FIRST = Pattern.compile("Failed to send (\\d+) records? to topic (\\S+): ");
    private static final Pattern RECORDS_SUMMARY = Pattern.compile("Failed to send ([\\d,]+) more records? in the last");

    private static String uniqueClientId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static QuillProducer<String, String> producer(String bootstrap, String clientId, Duration interval,
                                                          Map<String, Object> overrides) {
        Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", bootstrap);
        props.put("client.id", clientId);
        props.put("reconnect.backoff.ms", 20);
        props.put("reconnect.backoff.max.ms", 50);
        props.putAll(overrides);
        return QuillProducer.create(ProducerConfig.from(props), Serializers.string(), Serializers.string(), interval);
    }

    private static List<String> texts(List<LogCapture.Line> lines) {
        return lines.stream().map(LogCapture.Line::text).toList();
    }

    @Test
    void oneInfoLineAtStartNamesTheSettingsAndNoSecret() {
        String clientId = uniqueClientId("start-line");
        String password = "pa55-" + UUID.randomUUID();
        try (LogCapture log = LogCapture.of(clientId)) {
            try (QuillProducer<String, String> producer = producer(UNREACHABLE, clientId, SHORT_INTERVAL, Map.of(
                    "security.protocol", "SASL_PLAINTEXT",
                    "sasl.mechanism", "PLAIN",
                    "sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required "
                            + "username=\"alice\" password=\"" + password + "\";",
                    "compression.type", "gzip"))) {
                assertThat(log.matching(t -> t.contains(" started"))).hasSize(1);
                LogCapture.Line start = log.lines().get(0);
                assertThat(start.level()).isEqualTo(Level.INFO);
                assertThat(start.text()).isEqualTo("[Producer clientId=" + clientId + "] Quill producer started: "
                        + "bootstrap.servers=[127.0.0.1:1], acks=all, enable.idempotence=true, compression.type=gzip, "
                        + "security.protocol=SASL_PLAINTEXT, sasl.mechanism=PLAIN");
            }
            assertThat(log.describe()).doesNotContain(password);
        }
    }

    @Test
    void anUnreachableBrokerIsOneWarningAtOnceThenOneCountedLinePerInterval() {
        String clientId = uniqueClientId("unreachable");
        try (LogCapture log = LogCapture.of(clientId);
             // A failed assertion closes without a time limit: the record must not hold it up for long.
             QuillProducer<String, String> producer = producer(UNREACHABLE, clientId, SHORT_INTERVAL,
                     Map.of("max.block.ms", 5_000))) {
            producer.send(ProducerRecord.of("waits", "k", "v"));

            LogCapture.Line summary = log.await(t -> CONNECTION_SUMMARY.matcher(t).find(), "a counted summary", WAIT);

            List<LogCapture.Line> upToSummary = log.lines().subList(0, log.lines().indexOf(summary) + 1);
            assertThat(texts(upToSummary)).as(log.describe()).hasSize(3);
            assertThat(upToSummary.get(1).level()).isEqualTo(Level.WARNING);
            assertThat(upToSummary.get(1).text()).endsWith("] Could not connect to bootstrap server 127.0.0.1:1: "
                    + "Connection refused (the producer keeps retrying; further failures to reach it are counted "
                    + "and logged every 500 ms)");
            assertThat(summary.level()).isEqualTo(Level.WARNING);
            Matcher count = CONNECTION_SUMMARY.matcher(summary.text());
            assertThat(count.find()).isTrue();
            assertThat(Integer.parseInt(count.group(1))).isPositive();
            // The record would wait max.block.ms for its topic: close without waiting for it.
            producer.close(Duration.ZERO);
        }
    }

    @Test
    void aBrokerThatComesBackIsAnInfoLineAfterTheCountOfItsOutage() throws Exception {
        KafkaCluster cluster = KafkaCluster.shared();
        String topic = cluster.createTopic(KafkaCluster.uniqueTopic("log-recovery"), 1, 1);
        String clientId = uniqueClientId("recovery");
        try (FaultProxy proxy = FaultProxy.inFrontOf(cluster);
             LogCapture log = LogCapture.of(clientId);
             // A long interval: the outage's count must come out when the broker is back, not from the timer.
             QuillProducer<String, String> producer = producer(proxy.bootstrapServers(), clientId, Duration.ofHours(1),
                     Map.of())) {
            producer.send(ProducerRecord.of(topic, "k", "before")).get(30, TimeUnit.SECONDS);

            Instant wentAway = Instant.now();
            proxy.goAway();
            LogCapture.Line lost = log.await(t -> t.contains("Lost connection to broker "), "a lost connection", WAIT);
            assertThat(lost.level()).isEqualTo(Level.WARNING);
            KafkaCluster.awaitCondition(WAIT, "a refused reconnection to the broker", () -> {
                ProducerException latest = producer.lastErrorSince(wentAway);
                return latest != null && latest.getMessage().startsWith("could not connect to broker ");
            });
            assertThat(log.matching(t -> t.contains("Could not connect"))).as("counted, not logged").isEmpty();
            proxy.comeBack();
            producer.send(ProducerRecord.of(topic, "k", "after")).get(30, TimeUnit.SECONDS);

            LogCapture.Line back = log.await(t -> t.matches(".*Connected to broker \\d+ .* again after .*"),
                    "the broker's recovery line", WAIT);
            assertThat(back.level()).isEqualTo(Level.INFO);
            assertThat(back.text()).matches(".*\\] Connected to broker \\d+ \\(" + Pattern.quote(proxy.bootstrapServers())
                    + "\\) again after \\d+ m?s");
            List<String> lines = texts(log.lines());
            int backAt = lines.indexOf(back.text());
            assertThat(lines.get(backAt - 1)).as(log.describe())
                    .containsPattern("Connection to broker \\d+ \\(.*\\) failed \\d+ more times? in the last ");
        }
    }

    @Test
    void failingRecordsAreOneWarningThenACountPerIntervalWhoeverHoldsTheirFutures() {
        KafkaCluster cluster = KafkaCluster.shared();
        String topic = cluster.createTopic(KafkaCluster.uniqueTopic("log-failures"), 1, 1,
                Map.of("max.message.bytes", "512"));
        String clientId = uniqueClientId("failures");
        int records = 100;
        try (LogCapture log = LogCapture.of(clientId);
             QuillProducer<String, String> producer = producer(cluster.bootstrapServers(), clientId, SHORT_INTERVAL,
                     Map.of("linger.ms", 20))) {
            long start = System.nanoTime();
            List<CompletableFuture<RecordMetadata>> futures = new ArrayList<>();
            for (int i = 0; i < records; i++) {
                futures.add(producer.send(ProducerRecord.of(topic, "k", "x".repeat(600))));
            }
            for (CompletableFuture<RecordMetadata> f : futures) {
                assertThatThrownBy(() -> f.get(60, TimeUnit.SECONDS)).hasMessageContaining("MESSAGE_TOO_LARGE");
            }

            KafkaCluster.awaitCondition(WAIT, "every failure counted in the log", () -> loggedFailures(log) == records);
            // One line for the first failure, then at most one per interval while failures go on (a loaded machine
            // makes the splitting of the too-large batches take longer), and one when the producer logs what is left.
            long intervals = Duration.ofNanos(System.nanoTime() - start).toMillis() / SHORT_INTERVAL.toMillis();
            List<LogCapture.Line> lines = log.matching(t -> t.contains("Failed to send"));
            assertThat(lines).as(log.describe()).hasSizeLessThanOrEqualTo((int) (2 + intervals))
                    .hasSizeLessThan(records / 10)
                    .allSatisfy(l -> assertThat(l.level()).isEqualTo(Level.WARNING));
            assertThat(lines.get(0).text()).contains("to topic " + topic + ": MESSAGE_TOO_LARGE: ");
            assertThat(lines.get(1).text()).contains(" to " + topic + " (MESSAGE_TOO_LARGE); latest: MESSAGE_TOO_LARGE");
        }
    }

    /** Records counted by the failure lines so far: the first line's, plus every summary's. */
    private static long loggedFailures(LogCapture log) {
        long total = 0;
        for (LogCapture.Line line : log.lines()) {
            Matcher first = RECORDS_FIRST.matcher(line.text());
            Matcher summary = RECORDS_SUMMARY.matcher(line.text());
            if (first.find()) {
                total += Long.parseLong(first.group(1));
            } else if (summary.find()) {
                total += Long.parseLong(summary.group(1).replace(",", ""));
            }
        }
        return total;
    }

    @Test
    void closeSaysWhatItWaitsForAndWhatItRejectedWhenTheBrokerIsUnreachable() {
        String clientId = uniqueClientId("close-unreachable");
        try (LogCapture log = LogCapture.of(clientId)) {
            QuillProducer<String, String> producer = producer(UNREACHABLE, clientId, Duration.ofHours(1), Map.of());
            for (int i = 0; i < 5; i++) {
                producer.send(ProducerRecord.of("waits", "k", "v" + i));
            }
            log.await("Could not connect to bootstrap server", WAIT);

            producer.close(Duration.ofMillis(300));

            List<String> lines = texts(log.lines());
            String prefix = "[Producer clientId=" + clientId + "] ";
            assertThat(lines).as(log.describe()).contains(prefix + "Closing: waiting for up to 300 ms for 5 records "
                    + "not sent yet (in batches, or waiting for metadata or a schema id); no broker is connected, "
                    + "latest error: could not connect to bootstrap server 127.0.0.1:1: Connection refused");
            LogCapture.Line closed = log.lines().get(log.lines().size() - 1);
            assertThat(closed.level()).isEqualTo(Level.WARNING);
            assertThat(closed.text()).matches(Pattern.quote(prefix) + "Closed after \\d+ ms \\(the timeout passed; "
                    + "what was left failed\\): 0 records sent while closing, 5 rejected or failed "
                    + "\\(ProducerClosedException: 5\\)");
            // Counted while closing, with nothing after to trigger them: logged by close, before its last line.
            assertThat(lines).anySatisfy(l -> assertThat(l).contains("Connection to bootstrap server 127.0.0.1:1 "
                    + "failed"));
            assertThat(lines).anySatisfy(l -> assertThat(l).contains("Failed to send 4 more records in the last"));
        }
    }

    @Test
    void closeSaysHowManyRecordsItSentWhileClosing() {
        KafkaCluster cluster = KafkaCluster.shared();
        String topic = cluster.createTopic(KafkaCluster.uniqueTopic("log-close"), 1, 1);
        String clientId = uniqueClientId("close-sent");
        try (LogCapture log = LogCapture.of(clientId)) {
            // Records stay in their batch until close makes them sendable.
            QuillProducer<String, String> producer = producer(cluster.bootstrapServers(), clientId, SHORT_INTERVAL,
                    Map.of("linger.ms", 600_000));
            producer.partitionsFor(topic);
            for (int i = 0; i < 50; i++) {
                producer.send(ProducerRecord.of(topic, "k", "v" + i));
            }

            producer.close();

            String prefix = "[Producer clientId=" + clientId + "] ";
            List<String> lines = texts(log.lines());
            assertThat(lines).as(log.describe()).hasSize(3);
            assertThat(lines.get(1)).isEqualTo(prefix + "Closing: waiting without a time limit for 50 records not sent "
                    + "yet (in batches, or waiting for metadata or a schema id)");
            assertThat(lines.get(2)).matches(Pattern.quote(prefix)
                    + "Closed after \\d+ m?s: 50 records sent while closing, 0 rejected or failed");
            assertThat(log.lines().get(2).level()).isEqualTo(Level.INFO);
        }
    }

    @Test
    void recordsRejectedAfterCloseAreCountedEvenWhenNothingElseHappens() {
        String clientId = uniqueClientId("after-close");
        try (LogCapture log = LogCapture.of(clientId)) {
            // Long enough for the thousand rejections to fall in one interval, however slow the machine.
            QuillProducer<String, String> producer = producer(UNREACHABLE, clientId, Duration.ofSeconds(2), Map.of());
            producer.close(Duration.ZERO);
            for (int i = 0; i < 1_000; i++) {
                producer.send(ProducerRecord.of("late", "k", "v"));
            }

            LogCapture.Line summary = log.await(t -> RECORDS_SUMMARY.matcher(t).find(), "the count of rejections", WAIT);
            assertThat(summary.text()).contains("Failed to send 999 more records in the last ",
                    ": 999 to late (ProducerClosedException); latest: ProducerClosedException: Cannot send to topic "
                            + "late: the producer is closed");
            assertThat(log.matching(t -> t.contains("Failed to send"))).hasSize(2);
        }
    }
}
