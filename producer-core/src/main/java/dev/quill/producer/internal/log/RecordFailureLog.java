package dev.quill.producer.internal.log;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.quill.producer.errors.ProducerException;

/**
 * Tells the operator when records start failing (WARN): how many, to which topics, with which error. The first
 * failure is logged at once, with its full message; the failures that follow are counted per topic and error into
 * one line per interval (see {@link RateLimitedLog}), so a flood of failures is a handful of lines, never a line per
 * record, and its count is logged even when the flood ends with the producer's close.
 *
 * <p>It covers every failed record, not only those nobody listens for (no callback, no one waiting on the future),
 * as an earlier rule did. A caller holding the future is told of each of its records, and may report them itself;
 * but whether it does is the application's choice, while what the operator needs to see does not depend on it: an
 * application whose callback only counts, or that checks its futures much later, otherwise leaves an outage that
 * fails thousands of records silent. Covering all costs an application that logs its own failures one extra line
 * per interval. It also spares the failure path inspecting each record's future for listeners.
 */
public final class RecordFailureLog {

    private final RateLimitedLog failures;
    private final long intervalMs;

    /** @param intervalMs how long failures are counted before they are logged */
    public RecordFailureLog(ProducerLogger log, long intervalMs) {
        this.intervalMs = intervalMs;
        this.failures = new RateLimitedLog(log, Level.WARNING, intervalMs, RecordFailureLog::summary);
    }

    /** {@code records} records to the topic failed with the error. */
    public void failed(String topic, long records, Exception error) {
        String name = error instanceof ProducerException p ? p.errorName() : error.getClass().getSimpleName();
        String message = name + ": " + error.getMessage();
        failures.event(records, "to " + topic + " (" + name + ")", message, () -> "Failed to send "
                + ProducerLogger.records(records) + " to topic " + topic + ": " + message + " (further failures are "
                + "counted and logged every " + ProducerLogger.duration(intervalMs) + ")");
    }

    /** Logs what was counted and not logged yet: at close, so that no count is lost. */
    public void flush() {
        failures.flush();
    }

    private static String summary(RateLimitedLog.Repeats repeats) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, Long> e : repeats.byLabel().entrySet()) {
            String label = e.getKey().equals(RateLimitedLog.OTHER_LABEL) ? "to other topics or with other errors"
                    : e.getKey();
            parts.add(ProducerLogger.count(e.getValue()) + " " + label);
        }
        return "Failed to send " + ProducerLogger.count(repeats.count()) + " more "
                + (repeats.count() == 1 ? "record" : "records") + " in the last "
                + ProducerLogger.duration(repeats.periodMs()) + ": " + String.join(", ", parts) + "; latest: "
                + repeats.latest();
    }
}
