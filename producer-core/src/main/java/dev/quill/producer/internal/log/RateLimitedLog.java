package dev.quill.producer.internal.log;

import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Supplier;

/**
 * One line for the first of a run of like events (a broker refusing connections, records failing), then at most one
 * line per interval counting the rest: an outage reads the same in the log whether it repeats once a second or a
 * thousand times, and no line is ever written per record.
 *
 * <p>The count is never lost. When an interval ends with events counted, their summary is logged by a timer, without
 * waiting for a next event that may never come (the outage ended, the producer closed), and a new interval starts;
 * an interval that ends with none counted ends the run, so the next event is logged at once again. The owner may
 * {@link #flush()} earlier, when the run is known to be over: before saying that a broker is back, at close.
 *
 * <p>Thread-safe. An event takes a lock for a few field updates; lines are composed and logged outside it. With the
 * level switched off, an event costs one check.
 */
public final class RateLimitedLog {

    /** The label summaries count events under once {@link #MAX_LABELS} others are taken. */
    public static final String OTHER_LABEL = "other";

    private static final int MAX_LABELS = 10;

    /** Phrases the line that counts the events of an interval. */
    @FunctionalInterface
    public interface Summary {
        String line(Repeats repeats);
    }

    /**
     * The events counted since the last line.
     *
     * @param count how many (an event may stand for many, such as the records of a failed batch)
     * @param periodMs time since the last line
     * @param byLabel the count per label, in the order first seen (at most 10, then {@link #OTHER_LABEL})
     * @param latest what the latest event said
     */
    public record Repeats(long count, long periodMs, Map<String, Long> byLabel, String latest) {
    }

    private final ProducerLogger log;
    private final Level level;
    private final long intervalMs;
    private final Summary summary;

    // Guarded by this.
    private boolean running;
    private long lastLineMs;
    private long count;
    private Map<String, Long> byLabel = new LinkedHashMap<>();
    private String latest;
    /** Numbers the intervals, so that the timer of one flushed early ends nothing when it fires. */
    private long interval;
    private ScheduledFuture<?> intervalEnd;

    /**
     * @param intervalMs how long events are counted before their summary is logged
     * @param summary phrases the summary line
     */
    public RateLimitedLog(ProducerLogger log, Level level, long intervalMs, Summary summary) {
        this.log = log;
        this.level = level;
        this.intervalMs = Math.max(1, intervalMs);
        this.summary = summary;
    }

    /**
     * An event: logged at once when no run is going on, otherwise counted for the interval's summary.
     *
     * @param n how many events this stands for
     * @param label what the summary counts it under, or null
     * @param detail what the summary says when this is the latest event
     * @param firstLine the line when logged at once; only asked for then
     */
    public void event(long n, String label, String detail, Supplier<String> firstLine) {
        if (!log.isLoggable(level)) {
            return;
        }
        boolean first;
        synchronized (this) {
            first = !running;
            if (first) {
                running = true;
                lastLineMs = System.currentTimeMillis();
                startInterval();
            } else {
                count += n;
                latest = detail;
                if (label != null) {
                    String key = byLabel.size() < MAX_LABELS || byLabel.containsKey(label) ? label : OTHER_LABEL;
                    byLabel.merge(key, n, Long::sum);
                }
            }
        }
        if (first) {
            log.log(level, firstLine.get());
        }
    }

    /** Logs the summary of what was counted, if anything, now; the next event is logged at once. */
    public void flush() {
        Repeats repeats = null;
        synchronized (this) {
            if (!running) {
                return;
            }
            if (count > 0) {
                repeats = take();
            }
            running = false;
            interval++;
            if (intervalEnd != null) {
                intervalEnd.cancel(false);
                intervalEnd = null;
            }
        }
        if (repeats != null) {
            log.log(level, summary.line(repeats));
        }
    }

    /** Whether a run is going on: an event was logged and the interval after it has not ended quiet. */
    public synchronized boolean running() {
        return running;
    }

    private void startInterval() {
        long id = ++interval;
        intervalEnd = LogTimer.schedule(() -> intervalEnded(id), intervalMs);
    }

    private void intervalEnded(long id) {
        Repeats repeats;
        synchronized (this) {
            if (!running || id != interval) {
                return;
            }
            if (count == 0) {
                running = false;
                intervalEnd = null;
                return;
            }
            repeats = take();
            startInterval();
        }
        log.log(level, summary.line(repeats));
    }

    private Repeats take() {
        long now = System.currentTimeMillis();
        Repeats repeats = new Repeats(count, now - lastLineMs, byLabel, latest);
        lastLineMs = now;
        count = 0;
        byLabel = new LinkedHashMap<>();
        latest = null;
        return repeats;
    }
}
