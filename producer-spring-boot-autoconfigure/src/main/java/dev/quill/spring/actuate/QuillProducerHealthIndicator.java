package dev.quill.spring.actuate;

import java.util.Objects;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import dev.quill.producer.Producer;
import dev.quill.producer.ProducerHealth;
import dev.quill.producer.serialization.LookupStats;

/**
 * The producer's health from its own connections and metadata: a probe reads the producer's state and sends
 * nothing, so a busy health endpoint adds no load on the brokers and never opens a client of its own.
 *
 * <p>UP when metadata was refreshed and a broker connection is ready; DOWN when no broker could be reached
 * since the last success, or authentication failed; UNKNOWN until the first connection attempt ended. Details:
 * {@code clientId}, {@code brokersKnown}, {@code brokersConnected}, {@code lastError} and {@code lastErrorAt}
 * (the reason when DOWN), {@code lastMetadataRefresh}, {@code bufferUsedBytes}, {@code bufferTotalBytes},
 * {@code recordsQueued} (records buffered, not yet sent, those waiting for metadata or a schema id included),
 * {@code requestsInFlight}, {@code schemaRegistryLastError} and {@code schemaRegistryLastErrorAt} when a Schema
 * Registry request of the Avro serializer failed (a registry problem fails its records, not the producer's health),
 * and, when any,
 * {@code partitionsBelowMinInsyncReplicas}: partitions that refused {@code acks=all} writes for lack of in-sync
 * replicas (the producer stays UP: the cluster answers, but those partitions accept nothing for now).
 */
public class QuillProducerHealthIndicator extends AbstractHealthIndicator {

    private final Producer<?, ?> producer;

    public QuillProducerHealthIndicator(Producer<?, ?> producer) {
        super("Quill producer health check failed");
        this.producer = Objects.requireNonNull(producer, "producer");
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        ProducerHealth health = producer.health();
        switch (health.status()) {
            case UP -> builder.up();
            case DOWN -> builder.down();
            case UNKNOWN -> builder.unknown();
        }
        builder.withDetail("clientId", producer.clientId())
                .withDetail("brokersKnown", health.brokersKnown())
                .withDetail("brokersConnected", health.brokersConnected());
        if (health.lastError() != null) {
            builder.withDetail("lastError", health.lastError());
        }
        if (health.lastErrorAt() != null) {
            builder.withDetail("lastErrorAt", health.lastErrorAt().toString());
        }
        if (health.lastMetadataRefresh() != null) {
            builder.withDetail("lastMetadataRefresh", health.lastMetadataRefresh().toString());
        }
        builder.withDetail("bufferUsedBytes", health.bufferUsedBytes())
                .withDetail("bufferTotalBytes", health.bufferTotalBytes())
                .withDetail("recordsQueued", producer.metrics().recordsQueued())
                .withDetail("requestsInFlight", health.requestsInFlight());
        LookupStats lookups = producer.metrics().lookups();
        if (lookups.lastError() != null) {
            builder.withDetail("schemaRegistryLastError", lookups.lastError())
                    .withDetail("schemaRegistryLastErrorAt", lookups.lastErrorAt().toString());
        }
        if (!health.partitionsBelowMinInsyncReplicas().isEmpty()) {
            builder.withDetail("partitionsBelowMinInsyncReplicas", health.partitionsBelowMinInsyncReplicas());
        }
    }
}
