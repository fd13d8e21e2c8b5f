package dev.quill.producer.internal.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.quill.producer.testkit.KafkaCluster;
import dev.quill.producer.testkit.LogCapture;

class RateLimitedLogTest {

    private static final RateLimitedLog.Summary SUMMARY = r -> "repeated " + r.count() + " times " + r.byLabel()
            + ", latest " + r.latest();

    @Test
    void logsTheFirstEventAtOnceAndTheCountOfTheRestWhenTheIntervalEndsWithoutAFurtherEvent() {
        String id = "rate-limited-" + UUID.randomUUID();
        try (LogCapture log = LogCapture.of(id)) {
            RateLimitedLog limited = new RateLimitedLog(new ProducerLogger(id), Level.WARNING, 200, SUMMARY);

            limited.event(1, "a", "first", () -> "first event");
            for (int i = 0; i < 4; i++) {
                limited.event(2, i % 2 == 0 ? "a" : "b", "event " + i, () -> "not logged: counted");
            }

            assertThat(log.lines()).extracting(LogCapture.Line::text).containsExactly("[Producer clientId=" + id
                    + "] first event");
            LogCapture.Line summary = log.await("repeated", Duration.ofSeconds(10));
            assertThat(summary.text()).endsWith("repeated 8 times {a=4, b=4}, latest event 3");
            assertThat(summary.level()).isEqualTo(java.util.logging.Level.WARNING);

            // An interval with nothing to count ends the run: the next event is news again.
            KafkaCluster.awaitCondition(Duration.ofSeconds(10), "the run to end", () -> !limited.running());
            limited.event(1, "a", "again", () -> "second run");
            assertThat(log.lines()).extracting(LogCapture.Line::text).hasSize(3).last().asString()
                    .endsWith("second run");
        }
    }

    @Test
    void flushLogsTheCountNowAndTheNextEventStartsAFreshRun() {
        String id = "rate-limited-" + UUID.randomUUID();
        try (LogCapture log = LogCapture.of(id)) {
            RateLimitedLog limited = new RateLimitedLog(new ProducerLogger(id), Level.WARNING, 3_600_000, SUMMARY);
            limited.event(1, null, "first", () -> "first event");
            limited.event(1, null, "second", () -> "not logged");
            limited.event(1, null, "third", () -> "not logged");

            limited.flush();
            limited.flush();

            assertThat(log.lines()).extracting(LogCapture.Line::text).containsExactly(
                    "[Producer clientId=" + id + "] first event",
                    "[Producer clientId=" + id + "] repeated 2 times {}, latest third");
            assertThat(limited.running()).isFalse();
            limited.event(1, null, "fourth", () -> "news again");
            assertThat(log.lines()).hasSize(3);
        }
    }

    @Test
    void countsAtMostTenLabelsAndTheRestAsOther() {
        String id = "rate-limited-" + UUID.randomUUID();
        try (LogCapture log = LogCapture.of(id)) {
            RateLimitedLog limited = new RateLimitedLog(new ProducerLogger(id), Level.WARNING, 3_600_000, SUMMARY);
            limited.event(1, "first", "first", () -> "first event");
            for (int i = 0; i < 15; i++) {
                limited.event(1, "topic-" + i, "x", () -> "not logged");
            }
            limited.flush();
            assertThat(log.lines().get(1).text()).contains("topic-9=1", RateLimitedLog.OTHER_LABEL + "=5")
                    .doesNotContain("topic-10");
        }
    }
}
