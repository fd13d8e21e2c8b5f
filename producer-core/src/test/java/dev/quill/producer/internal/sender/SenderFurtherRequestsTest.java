package dev.quill.producer.internal.sender;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.protocol.ApiKeys;
import org.junit.jupiter.api.Test;

/**
 * When a partition has more full batches than one request takes, the loop that sends the first sends the others as
 * well, each in a request of its own, up to the partition's requests in flight; a batch still open waits for its
 * linger.
 */
class SenderFurtherRequestsTest {

    /** A record that fills a batch: the next one does not fit beside it, so each such record closes a batch. */
    private static final String BATCH_FILLING = "x".repeat(SenderFixture.BATCH_SIZE * 3 / 5);
    private static final int MAX_IN_FLIGHT = 5;
    private static final long LINGER_MS = 100;

    @Test
    void whenSeveralBatchesOfAPartitionAreDueThenOneLoopSendsThemUpToTheRequestsInFlight() {
        try (SenderFixture fixture = SenderFixture.started(SenderFixture.Options.DEFAULTS.notIdempotent())) {
            for (int i = 0; i < MAX_IN_FLIGHT + 2; i++) {
                fixture.send(BATCH_FILLING);
            }
            fixture.runOnce();

            assertThat(fixture.broker.sent(ApiKeys.PRODUCE)).hasSize(MAX_IN_FLIGHT)
                    .allSatisfy(request -> assertThat(request.batches()).hasSize(1));
        }
    }

    @Test
    void whenThePartitionsNextBatchIsStillOpenThenItWaitsForItsLinger() {
        try (SenderFixture fixture = fullBatchThenAnOpenOne()) {
            assertThat(fixture.broker.sent(ApiKeys.PRODUCE)).as("the full batch alone").hasSize(1);
            fixture.produceInFlight().respond(BrokerResponses.produced(SenderFixture.TOPIC, 0, 0));
            fixture.runOnce();
            assertThat(fixture.broker.sent(ApiKeys.PRODUCE)).as("before the open batch's linger is over").hasSize(1);

            fixture.advance(LINGER_MS);
            fixture.runOnce();
            assertThat(fixture.broker.sent(ApiKeys.PRODUCE)).as("the open batch, once its linger is over").hasSize(2);
        }
    }

    @Test
    void whenADrainLeavesAnOpenBatchFirstInItsQueueThenTheLoopWakesForThatBatchsLinger() {
        try (SenderFixture fixture = fullBatchThenAnOpenOne()) {
            // The readiness check came before the drain, when the open batch was second in its queue; without an
            // answer or an append, nothing else would wake the loop before its longest sleep.
            assertThat(fixture.broker.lastPollTimeoutMs()).isBetween(0L, LINGER_MS);
        }
    }

    /** A producer with a linger whose partition holds a full batch and an open one behind it, after one loop. */
    private static SenderFixture fullBatchThenAnOpenOne() {
        SenderFixture fixture = SenderFixture.started(
                SenderFixture.Options.DEFAULTS.notIdempotent().lingerMs(LINGER_MS));
        fixture.send(BATCH_FILLING);
        fixture.send(BATCH_FILLING); // closes the first batch, and opens the second with room left
        fixture.runOnce();
        return fixture;
    }

    @Test
    void anIdempotentProducerSendsOneBatchOfAPartitionUntilTheBrokerKnowsItsSequence() {
        try (SenderFixture fixture = SenderFixture.started(SenderFixture.Options.DEFAULTS)) {
            fixture.send(BATCH_FILLING);
            fixture.send(BATCH_FILLING);
            fixture.runOnce();

            assertThat(fixture.broker.sent(ApiKeys.PRODUCE)).hasSize(1);
        }
    }
}
