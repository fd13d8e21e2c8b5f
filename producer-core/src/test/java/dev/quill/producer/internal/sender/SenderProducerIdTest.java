package dev.quill.producer.internal.sender;

import static dev.quill.producer.internal.sender.BrokerResponses.producerIdError;
import static dev.quill.producer.internal.sender.Deliveries.failure;
import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.protocol.ApiKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.quill.producer.errors.AuthorizationException;
import dev.quill.producer.errors.Errors;
import dev.quill.producer.internal.accumulator.PendingRecord;

/** The idempotent producer sends nothing without a producer id; some refusals to give one are final. */
class SenderProducerIdTest {

    private final SenderFixture fixture = new SenderFixture(SenderFixture.Options.DEFAULTS);

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void whenTheClusterRefusesIdempotentWriteThenQueuedRecordsFailAndLaterOnesFailAtOnce() {
        fixture.loadMetadata();
        PendingRecord queued = fixture.send("a");
        fixture.runOnce();
        fixture.broker.inFlight(ApiKeys.INIT_PRODUCER_ID).respond(producerIdError(Errors.CLUSTER_AUTHORIZATION_FAILED));
        fixture.runOnce();

        assertThat(failure(queued)).isInstanceOf(AuthorizationException.class)
                .hasMessageContaining("IdempotentWrite")
                .hasMessageContaining("CLUSTER_AUTHORIZATION_FAILED");
        // What send checks before taking a record: from now on it refuses every one.
        assertThat(fixture.sender.fatalError()).isSameAs(failure(queued));
        PendingRecord later = fixture.send("b");
        fixture.runOnce();
        assertThat(failure(later)).isSameAs(failure(queued));
        assertThat(fixture.broker.sent(ApiKeys.PRODUCE)).isEmpty();
        assertThat(fixture.broker.sent(ApiKeys.INIT_PRODUCER_ID)).hasSize(1);
    }

    @Test
    void whenInitProducerIdMeetsARetriableErrorThenTheLoopSleepsOnlyUntilTheRetry() {
        fixture.loadMetadata();
        fixture.send("a");
        fixture.runOnce();
        fixture.broker.inFlight(ApiKeys.INIT_PRODUCER_ID).respond(producerIdError(Errors.COORDINATOR_LOAD_IN_PROGRESS));
        fixture.runOnce();

        // retry.backoff.ms with its jitter; nothing else would wake the loop before its longest sleep.
        assertThat(fixture.broker.lastPollTimeoutMs()).isBetween(1L, SenderFixture.RETRY_BACKOFF_MS * 6 / 5);
        fixture.advancePastRetryBackoff();
        fixture.runOnce();
        assertThat(fixture.broker.sent(ApiKeys.INIT_PRODUCER_ID)).hasSize(2);
    }
}
