package dev.quill.producer.internal.log;

import java.lang.System.Logger.Level;
import java.util.Locale;

/**
 * The operator's view of one producer: lines through {@link System.Logger} {@code dev.quill.producer} (which reaches
 * SLF4J or Logback when the application routes {@code System.Logger} there), each tagged with the producer's client id
 * as kafka-clients tags its own, so that an application with several producers can tell them apart.
 */
public final class ProducerLogger {

    /** The logger every producer line goes to; applications configure this name. */
    public static final String NAME = "dev.quill.producer";

    private static final System.Logger LOG = System.getLogger(NAME);

    private final String prefix;

    public ProducerLogger(String clientId) {
        this.prefix = "[Producer clientId=" + clientId + "] ";
    }

    public boolean isLoggable(Level level) {
        return LOG.isLoggable(level);
    }

    public void log(Level level, String line) {
        LOG.log(level, prefix + line);
    }

    public void info(String line) {
        log(Level.INFO, line);
    }

    public void warn(String line) {
        log(Level.WARNING, line);
    }

    /** A count as an operator reads it: {@code 32,521}, whatever the default locale. */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** {@code 1 record}, {@code 32,521 records}. */
    public static String records(long n) {
        return count(n) + (n == 1 ? " record" : " records");
    }

    /** A duration as an operator reads it: {@code 250 ms}, {@code 40 s}, {@code 12 min}. */
    public static String duration(long ms) {
        if (ms < 1_000) {
            return ms + " ms";
        }
        if (ms < 120_000) {
            return Math.round(ms / 1_000.0) + " s";
        }
        return Math.round(ms / 60_000.0) + " min";
    }
}
