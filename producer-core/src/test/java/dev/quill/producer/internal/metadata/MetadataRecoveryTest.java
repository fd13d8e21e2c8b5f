package dev.quill.producer.internal.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.quill.producer.internal.network.Node;

/** Which brokers the producer asks for metadata, under each {@code metadata.recovery.strategy}. */
class MetadataRecoveryTest {

    private static final Node BOOTSTRAP = new Node(-1, "kafka.example.com", 9092, null);
    private static final Node BROKER = new Node(1, "broker-1.example.com", 9092, null);
    private static final Cluster KNOWN = new Cluster("c1", Map.of(1, BROKER), Map.of(), Map.of());

    @Test
    void beforeAnyMetadataOnlyTheBootstrapServersAreAsked() {
        assertThat(metadata(true).metadataCandidates()).containsExactly(BOOTSTRAP);
        assertThat(metadata(false).metadataCandidates()).containsExactly(BOOTSTRAP);
    }

    @Test
    void withRebootstrapTheBootstrapServersFollowTheKnownBrokers() {
        Metadata metadata = metadata(true);
        metadata.update(KNOWN, false, 0);

        assertThat(metadata.metadataCandidates()).containsExactly(BROKER, BOOTSTRAP);
    }

    @Test
    void withNoneOnlyTheKnownBrokersAreAskedOnceMetadataNamedThem() {
        Metadata metadata = metadata(false);
        metadata.update(KNOWN, false, 0);

        assertThat(metadata.metadataCandidates()).containsExactly(BROKER);
    }

    private static Metadata metadata(boolean rebootstrap) {
        return new Metadata(List.of(BOOTSTRAP), rebootstrap, 300_000, 100, 1_000);
    }
}
