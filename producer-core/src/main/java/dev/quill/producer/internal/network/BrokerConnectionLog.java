package dev.quill.producer.internal.network;

import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.quill.producer.errors.ProducerException;
import dev.quill.producer.internal.log.ProducerLogger;
import dev.quill.producer.internal.log.RateLimitedLog;

/**
 * Tells the operator when a broker cannot be reached or a connection to it is lost (WARN, with the reason), and
 * when it is reachable again (INFO, with how long it was not). Without it a producer that cannot reach its cluster
 * is silent: it retries for ever, and its records wait.
 *
 * <p>Each broker has its own {@link RateLimitedLog}: its first failure is logged at once, and the failures that
 * follow while the producer keeps retrying are counted into one line per interval. Bootstrap servers (negative node
 * ids) are brokers of their own here, since until metadata arrives they are all the producer knows; once it connects
 * to a broker by its id it needs them no more, so their runs end then, with their counts but without a line of
 * their own. A connection the producer closes on purpose (idle, or to authenticate again) is no failure and says
 * nothing.
 *
 * <p>Events arrive on the I/O thread; {@link #flush()} may be called on any.
 */
public final class BrokerConnectionLog implements ConnectionListener {

    private final ProducerLogger log;
    private final long intervalMs;
    private final Map<Integer, Broker> brokers = new ConcurrentHashMap<>();

    /** @param intervalMs how long repeated failures of a broker are counted before they are logged */
    public BrokerConnectionLog(ProducerLogger log, long intervalMs) {
        this.log = log;
        this.intervalMs = intervalMs;
    }

    @Override
    public void onConnected(Node node) {
        if (node.id() >= 0) {
            brokers.forEach((id, bootstrap) -> {
                if (id < 0 && bootstrap.downSinceMs != 0) {
                    bootstrap.downSinceMs = 0;
                    bootstrap.failures.flush();
                }
            });
        }
        Broker broker = broker(node);
        long downSince = broker.downSinceMs;
        if (downSince != 0) {
            broker.downSinceMs = 0;
            // The count of the outage first, so that the line saying it is over comes last.
            broker.failures.flush();
            log.info("Connected to " + node + " again after "
                    + ProducerLogger.duration(System.currentTimeMillis() - downSince));
        }
    }

    @Override
    public void onDisconnected(Node node, ProducerException cause) {
        if (cause == null) {
            return;
        }
        Broker broker = broker(node);
        if (broker.downSinceMs == 0) {
            broker.downSinceMs = System.currentTimeMillis();
        }
        String reason = cause.getMessage();
        broker.failures.event(1, null, reason, () -> capitalized(reason) + " (the producer keeps retrying; "
                + "further failures to reach it are counted and logged every "
                + ProducerLogger.duration(intervalMs) + ")");
    }

    /** Logs what was counted and not logged yet, for every broker: at close, so that no count is lost. */
    public void flush() {
        brokers.values().forEach(b -> b.failures.flush());
    }

    private Broker broker(Node node) {
        Broker broker = brokers.computeIfAbsent(node.id(), id -> new Broker());
        broker.node = node;
        return broker;
    }

    private static String capitalized(String text) {
        return text == null || text.isEmpty() ? "Connection failed" : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private final class Broker {
        final RateLimitedLog failures = new RateLimitedLog(log, Level.WARNING, intervalMs, this::summary);
        /** The broker as last seen (metadata may move it); the summary names it. */
        volatile Node node;
        /** When the current run of failures began; 0 while the broker is reachable as far as we know. */
        volatile long downSinceMs;

        private String summary(RateLimitedLog.Repeats repeats) {
            return "Connection to " + node + " failed " + ProducerLogger.count(repeats.count()) + " more "
                    + (repeats.count() == 1 ? "time" : "times") + " in the last "
                    + ProducerLogger.duration(repeats.periodMs()) + "; latest: " + repeats.latest();
        }
    }
}
