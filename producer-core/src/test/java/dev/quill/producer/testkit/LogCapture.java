package dev.quill.producer.testkit;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The lines one producer writes to its operator's log, as a test reads them.
 *
 * <p>How the lines get here: the producer logs through {@link System.Logger} {@code dev.quill.producer}. The tests
 * put no {@code System.LoggerFinder} on the class path (slf4j-simple is an SLF4J binding, not a finder; nothing
 * bridges {@code System.Logger} to SLF4J or Log4j here), so the JDK's default finder hands out loggers backed by
 * {@code java.util.logging}, one per name. A {@link Handler} on the JUL logger of that name therefore sees every
 * line, at the level it was logged with ({@code WARNING}, {@code INFO}), whichever thread logged it. Opening a
 * capture checks that this routing holds, so that a change of class path fails here, clearly, rather than as a
 * missing line in some test. Lines are kept only when they carry the producer's client id, so producers of other
 * tests in the same JVM do not interfere.
 */
public final class LogCapture implements AutoCloseable {

    /** A captured line: its JUL level and its text. */
    public record Line(Level level, String text) {
        @Override
        public String toString() {
            return level + " " + text;
        }
    }

    private static final String LOGGER = "dev.quill.producer";

    /** Held here: JUL keeps loggers only weakly, and a collected logger would drop the handler. */
    private final Logger logger = Logger.getLogger(LOGGER);
    private final String tag;
    private final List<Line> lines = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            String text = record.getMessage();
            if (text != null && text.contains(tag)) {
                lines.add(new Line(record.getLevel(), text));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private LogCapture(String clientId) {
        this.tag = "[Producer clientId=" + clientId + "]";
        handler.setLevel(Level.ALL);
        logger.addHandler(handler);
        String probe = tag + " probe";
        System.getLogger(LOGGER).log(System.Logger.Level.INFO, probe);
        if (!lines.remove(new Line(Level.INFO, probe))) {
            close();
            throw new IllegalStateException("System.Logger " + LOGGER + " does not reach java.util.logging: is a "
                    + "System.LoggerFinder on the test class path?");
        }
    }

    /** Captures the lines of the producer with this client id, from now until {@link #close()}. */
    public static LogCapture of(String clientId) {
        return new LogCapture(clientId);
    }

    public List<Line> lines() {
        return List.copyOf(lines);
    }

    public List<Line> lines(Level level) {
        return lines.stream().filter(l -> l.level().equals(level)).toList();
    }

    public List<Line> matching(Predicate<String> text) {
        return lines.stream().filter(l -> text.test(l.text())).toList();
    }

    /** Waits until a line contains the text, and returns it; fails with every line captured when none does in time. */
    public Line await(String text, Duration timeout) {
        return await(t -> t.contains(text), "a line containing \"" + text + "\"", timeout);
    }

    public Line await(Predicate<String> text, String description, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (Line line : lines) {
                if (text.test(line.text())) {
                    return line;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + description
                        + "; captured:\n" + String.join("\n", lines.stream().map(Line::toString).toList()));
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + description, e);
            }
        }
    }

    /** Every captured line, one per line, for an assertion's description. */
    public String describe() {
        return String.join("\n", lines.stream().map(Line::toString).toList());
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
    }
}
