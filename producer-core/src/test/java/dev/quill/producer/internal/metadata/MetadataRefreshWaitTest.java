package dev.quill.producer.internal.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

import dev.quill.producer.internal.network.Node;

/**
 * A caller that needs a topic's metadata asks for a refresh and waits for it, while the I/O thread may be installing
 * one it asked for earlier: the wait must end with that refresh, not hang for one that nobody asks for any more.
 */
class MetadataRefreshWaitTest {

    private static final Node BOOTSTRAP = new Node(-1, "kafka.example.com", 9092, null);
    private static final Cluster WITHOUT_THE_TOPIC = new Cluster("c1",
            Map.of(1, new Node(1, "broker-1.example.com", 9092, null)), Map.of(), Map.of());

    private final Metadata metadata = new Metadata(List.of(BOOTSTRAP), false, 300_000, 100, 1_000);

    @Test
    void whenARefreshLandsBetweenTheRequestAndTheWaitThenTheWaitEnds() {
        metadata.update(WITHOUT_THE_TOPIC, false, 0);

        CountDownLatch refreshed = metadata.requestUpdateAndWatch();
        // The answer to a request sent before this one: complete, so it clears the request.
        metadata.update(WITHOUT_THE_TOPIC, false, 1);

        assertThat(refreshed.getCount()).as("the wait is over").isZero();
    }

    @Test
    void whenTheRefreshComesAfterTheWaitBeganThenItEndsTheWait() {
        metadata.update(WITHOUT_THE_TOPIC, false, 0);

        CountDownLatch refreshed = metadata.requestUpdateAndWatch();

        assertThat(metadata.timeToNextUpdate(1)).as("a refresh is due").isZero();
        assertThat(refreshed.getCount()).isOne();
        metadata.update(WITHOUT_THE_TOPIC, false, 2);
        assertThat(refreshed.getCount()).isZero();
    }
}
