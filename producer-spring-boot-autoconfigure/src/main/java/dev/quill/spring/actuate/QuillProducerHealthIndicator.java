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
 * <p>UP when metadata has arrived and the latest connection attempt to a broker succeeded (connections are opened
 * when there are records to send and closed when idle, so {@code brokersConnected} may be 0 while UP); DOWN when
 * authentication failed, or when the latest connection attempt failed and none has succeeded since; UNKNOWN until
 * the first connection attempt ended. Details: {@code clientId}, {@code brokersKnown}, {@code brokersConnected},
 * {@code lastError} and {@code lastErrorAt} (the latest connection error, not yet followed by a successful
 * connection: the reason when DOWN) or, once recovered, {@code lastResolvedError} and {@code lastResolvedErrorAt},
 * {@code lastConnectedAt}, {@code lastMetadataRefresh}, {@code bufferUsedBytes}, {@code bufferTotalBytes},
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
            // An error the producer has recovered from is history: say so rather than show it as the current one.
            String name = health.lastErrorUnresolved() ? "lastError" : "lastResolvedError";
            builder.withDetail(name, health.lastError()).withDetail(name + "At", health.lastErrorAt().toString());
        }
        if (health.lastConnectedAt() != null) {
            builder.withDetail("lastConnectedAt", health.lastConnectedAt().toString());
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
