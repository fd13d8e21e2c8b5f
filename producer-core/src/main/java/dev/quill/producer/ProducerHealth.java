package dev.quill.producer;

import java.time.Instant;
import java.util.List;

/**
 * The producer's own view of the cluster, from {@link QuillProducer#health()}. It comes from the
 * producer's existing connections and metadata; asking for it sends nothing to any broker.
 *
 * @param status UP when metadata has arrived and the latest connection attempt to a broker succeeded (the
 *     connections themselves may since have been closed as idle); DOWN when authentication failed, or when the
 *     latest connection attempt failed and none has succeeded since; UNKNOWN before the first attempt ended
 * @param brokersKnown brokers named by the latest metadata
 * @param brokersConnected connections to brokers open and ready now, bootstrap connections not counted: they are
 *     opened when there are records to send and closed when idle, so 0 is normal for an idle producer that is UP
 * @param lastError the latest connection error, or null
 * @param lastErrorAt when it happened, or null
 * @param lastConnectedAt when a connection to a broker last succeeded, or null: a {@code lastError} before it
 *     is resolved
 * @param lastMetadataRefresh when metadata was last refreshed, or null
 * @param bufferUsedBytes buffer memory holding records
 * @param bufferTotalBytes {@code buffer.memory}
 * @param requestsInFlight requests awaiting a response
 * @param partitionsBelowMinInsyncReplicas partitions ({@code topic-partition}) whose latest produce was refused
 *     with {@code NOT_ENOUGH_REPLICAS}: with {@code acks=all} they accept nothing until enough replicas
 *     are back in sync; empty when all is well (and always with {@code acks} 0 or 1)
 */
public record ProducerHealth(Status status, int brokersKnown, int brokersConnected, String lastError,
                             Instant lastErrorAt, Instant lastConnectedAt, Instant lastMetadataRefresh, long bufferUsedBytes,
                             long bufferTotalBytes, int requestsInFlight, List<String> partitionsBelowMinInsyncReplicas) {

    public ProducerHealth {
        partitionsBelowMinInsyncReplicas = List.copyOf(partitionsBelowMinInsyncReplicas);
    }

    /** Whether {@link #lastError} happened after the latest successful connection, and so still stands. */
    public boolean lastErrorUnresolved() {
        return lastErrorAt != null && (lastConnectedAt == null || lastErrorAt.isAfter(lastConnectedAt));
    }

    public enum Status { UP, DOWN, UNKNOWN }
}
