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
        long lingerMs = 100;
        try (SenderFixture fixture = SenderFixture.started(
                SenderFixture.Options.DEFAULTS.notIdempotent().lingerMs(lingerMs))) {
            fixture.send(BATCH_FILLING);
            fixture.send(BATCH_FILLING); // closes the first batch, and opens the second with room left
            fixture.runOnce();
            assertThat(fixture.broker.sent(ApiKeys.PRODUCE)).as("the full batch alone").hasSize(1);
            fixture.produceInFlight().respond(BrokerResponses.produced(SenderFixture.TOPIC, 0, 0));
            fixture.runOnce();
            assertThat(fixture.broker.sent(ApiKeys.PRODUCE)).as("before the open batch's linger is over").hasSize(1);

            fixture.advance(lingerMs);
            fixture.runOnce();
            assertThat(fixture.broker.sent(ApiKeys.PRODUCE)).as("the open batch, once its linger is over").hasSize(2);
        }
    }

    @Test
    void whenADrainLeavesAnOpenBatchFirstInItsQueueThenTheLoopWakesForThatBatchsLinger() {
        long lingerMs = 100;
        try (SenderFixture fixture = SenderFixture.started(
                SenderFixture.Options.DEFAULTS.notIdempotent().lingerMs(lingerMs))) {
            fixture.send(BATCH_FILLING);
            fixture.send(BATCH_FILLING);
            fixture.runOnce();

            // The readiness check came before the drain, when the open batch was second in its queue; without an
            // answer or an append, nothing else would wake the loop before its longest sleep.
            assertThat(fixture.broker.lastPollTimeoutMs()).isBetween(0L, lingerMs);
        }
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
