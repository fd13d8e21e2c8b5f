package dev.quill.producer;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.quill.producer.internal.log.ProducerLogger;

/**
 * The lines that frame a producer's life for the operator: what it connects to and how it sends, once at start; at
 * close, what it waits for and for how long, then what became of it.
 *
 * <p>The start line names settings an operator checks first when records do not arrive, and never a secret: no
 * password, token, JAAS configuration or Schema Registry user info, whatever the configuration holds. It names them
 * by their configuration keys, as they would be looked up.
 */
final class LifecycleLog {

    private final ProducerLogger log;

    LifecycleLog(ProducerLogger log) {
        this.log = log;
    }

    void started(ProducerConfig config) {
        String protocol = config.securityProtocol();
        StringBuilder line = new StringBuilder("Quill producer started: bootstrap.servers=")
                .append(config.bootstrapServers())
                .append(", acks=").append(config.acks().configName)
                .append(", enable.idempotence=").append(config.idempotenceEnabled())
                .append(", compression.type=").append(config.compressionType().configName)
                .append(", security.protocol=").append(protocol);
        if (protocol != null && protocol.startsWith("SASL")) {
            // The mechanism's default (GSSAPI) means nothing without SASL, so it is named only with it.
            line.append(", sasl.mechanism=").append(config.saslMechanism());
        }
        log.info(line.toString());
    }

    /**
     * @param queued records accepted and not sent yet, in batches or waiting for metadata or a schema id
     * @param timeout how long close waits at most
     * @param unreachable why no broker is connected, when none is and one failed lately; else null
     */
    void closing(int queued, Duration timeout, String unreachable) {
        String limit = timeout.toMillis() >= Long.MAX_VALUE / 2 ? "without a time limit"
                : "for up to " + ProducerLogger.duration(timeout.toMillis());
        String pending = ProducerLogger.records(queued) + " not sent yet (in batches, or waiting for metadata or a "
                + "schema id)";
        String line = queued == 0 ? "Closing: no records left to send"
                : timeout.toMillis() <= 0 ? "Closing without waiting: " + pending + " will fail"
                : "Closing: waiting " + limit + " for " + pending;
        if (queued > 0 && unreachable != null) {
            // Whoever waits for this close should know at once that it may well wait for the timeout.
            line += "; no broker is connected, latest error: " + unreachable;
        }
        log.info(line);
    }

    /** Closing from a callback, on the I/O thread: it cannot wait for itself. */
    void closingWithoutWaiting(int queued) {
        log.log(queued == 0 ? Level.INFO : Level.WARNING, "Closing from a callback on the producer's I/O thread, which "
                + "cannot wait for itself: " + ProducerLogger.records(queued) + " not sent yet will fail");
    }

    /**
     * What became of the records while closing: counted from the producer's metrics before and after, so that
     * records sent or rejected while it closed count too.
     *
     * @param timedOut whether close gave up waiting and failed what was left
     */
    void closed(ProducerMetrics before, ProducerMetrics after, long tookMs, boolean timedOut) {
        long sent = after.recordsSent() - before.recordsSent();
        long failed = after.recordsFailed() - before.recordsFailed();
        String line = "Closed after " + ProducerLogger.duration(tookMs)
                + (timedOut ? " (the timeout passed; what was left failed)" : "") + ": "
                + ProducerLogger.records(sent) + " sent while closing, " + ProducerLogger.count(failed)
                + " rejected or failed";
        if (failed > 0) {
            line += " (" + failuresByError(before.failuresByError(), after.failuresByError()) + ")";
        }
        log.log(failed > 0 ? Level.WARNING : Level.INFO, line);
    }

    private static String failuresByError(Map<String, Long> before, Map<String, Long> after) {
        List<String> parts = new ArrayList<>();
        new TreeMap<>(after).forEach((error, count) -> {
            long during = count - before.getOrDefault(error, 0L);
            if (during > 0) {
                parts.add(error + ": " + ProducerLogger.count(during));
            }
        });
        return String.join(", ", parts);
    }
}
