package dev.quill.producer;

import java.time.Instant;
import java.util.List;

/**
 * The producer's own view of the cluster, from {@link QuillProducer#health()}. It comes from the
 * producer's existing connections and metadata; asking for it sends nothing to any broker.
 *
 * @param status UP when metadata is fresh and a broker connection is up; DOWN when no broker could be
 *     reached since the last success (or authentication failed); UNKNOWN before the first attempt ended
 * @param brokersKnown brokers named by the latest metadata
 * @param brokersConnected broker connections ready for requests
 * @param lastError the latest connection or request error, or null
 * @param lastErrorAt when it happened, or null
 * @param lastMetadataRefresh when metadata was last refreshed, or null
 * @param bufferUsedBytes buffer memory holding records
 * @param bufferTotalBytes {@code buffer.memory}
 * @param requestsInFlight requests awaiting a response
 * @param partitionsBelowMinInsyncReplicas partitions ({@code topic-partition}) whose latest produce was refused
 *     with {@code NOT_ENOUGH_REPLICAS}: with {@code acks=all} they accept nothing until enough replicas
 *     are back in sync; empty when all is well (and always with {@code acks} 0 or 1)
 */
public record ProducerHealth(Status status, int brokersKnown, int brokersConnected, String lastError,
                             Instant lastErrorAt, Instant lastMetadataRefresh, long bufferUsedBytes,
                             long bufferTotalBytes, int requestsInFlight, List<String> partitionsBelowMinInsyncReplicas) {

    public ProducerHealth {
        partitionsBelowMinInsyncReplicas = List.copyOf(partitionsBelowMinInsyncReplicas);
    }

    public enum Status { UP, DOWN, UNKNOWN }
}
