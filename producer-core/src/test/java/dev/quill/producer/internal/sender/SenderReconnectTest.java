package dev.quill.producer.internal.sender;

import static dev.quill.producer.internal.sender.SenderFixture.BOOTSTRAP;
import static dev.quill.producer.internal.sender.SenderFixture.BROKER_1;
import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.protocol.ApiKeys;
import org.junit.jupiter.api.Test;

import dev.quill.producer.internal.network.Node;

/**
 * A broker whose connection failed is tried again as soon as its reconnect backoff allows: not a loop later, and not
 * by a loop that spins until then.
 */
class SenderReconnectTest {

    private static final long BACKOFF_MS = 50;

    @Test
    void whenTheLeadersConnectionIsBackingOffThenTheLoopSleepsOnlyUntilItMayReconnect() {
        try (SenderFixture fixture = SenderFixture.started(SenderFixture.Options.DEFAULTS)) {
            fixture.broker.connectionFailed(BROKER_1.id(), fixture.now() + BACKOFF_MS);
            fixture.send("a");
            assertConnectsWhenTheBackoffEnds(fixture, BROKER_1, ApiKeys.PRODUCE);
        }
    }

    @Test
    void whenTheLeadersConnectionFailsAsItStartsThenTheLoopSleepsOnlyUntilItMayReconnect() {
        try (SenderFixture fixture = SenderFixture.started(SenderFixture.Options.DEFAULTS)) {
            fixture.broker.refusesNextConnection(BROKER_1.id(), BACKOFF_MS);
            fixture.send("a");
            assertConnectsWhenTheBackoffEnds(fixture, BROKER_1, ApiKeys.PRODUCE);
        }
    }

    @Test
    void whenNoBrokerCanBeAskedForMetadataThenTheLoopSleepsUntilTheFirstBackoffEndsInsteadOfSpinning() {
        try (SenderFixture fixture = new SenderFixture(SenderFixture.Options.DEFAULTS)) {
            fixture.broker.connectionFailed(BOOTSTRAP.id(), fixture.now() + BACKOFF_MS);
            assertConnectsWhenTheBackoffEnds(fixture, BOOTSTRAP, ApiKeys.METADATA);
        }
    }

    /**
     * Runs the loop while the node's reconnect backoff holds, then once it is over: the loop must sleep until then
     * (no network event ends a backoff, so without a timer it would sleep its longest, or spin), then connect, then
     * send the request that waited.
     */
    private static void assertConnectsWhenTheBackoffEnds(SenderFixture fixture, Node node, ApiKeys waiting) {
        fixture.runOnce();
        assertThat(fixture.broker.connected()).as("connections tried during the backoff").isEmpty();
        assertThat(fixture.broker.sent(waiting)).isEmpty();
        assertThat(fixture.broker.lastPollTimeoutMs()).as("the I/O loop's wait").isBetween(1L, BACKOFF_MS);

        fixture.advance(BACKOFF_MS);
        fixture.runOnce();
        assertThat(fixture.broker.connected()).containsExactly(node);
        fixture.runOnce();
        assertThat(fixture.broker.sent(waiting)).hasSize(1);
    }

    @Test
    void whenNothingIsDueThenTheLoopSleepsItsLongestWithOrWithoutIdempotence() {
        for (SenderFixture.Options options : new SenderFixture.Options[] {SenderFixture.Options.DEFAULTS,
                SenderFixture.Options.DEFAULTS.notIdempotent()}) {
            try (SenderFixture fixture = SenderFixture.started(options)) {
                fixture.send("a");
                fixture.runOnce();
                fixture.produceInFlight().respond(BrokerResponses.produce(SenderFixture.TOPIC,
                        BrokerResponses.partition(0, dev.quill.producer.errors.Errors.NONE)));
                fixture.runOnce();

                assertThat(fixture.broker.lastPollTimeoutMs()).as("idempotent: %s", options.idempotent())
                        .isEqualTo(IoLoop.MAX_POLL_MS);
            }
        }
    }

    @Test
    void whileAMetadataRequestIsInFlightTheLoopWaitsForItsAnswer() {
        try (SenderFixture fixture = new SenderFixture(SenderFixture.Options.DEFAULTS)) {
            fixture.runOnce();

            assertThat(fixture.broker.sent(ApiKeys.METADATA)).hasSize(1);
            assertThat(fixture.broker.lastPollTimeoutMs()).as("the answer wakes the loop").isPositive();
        }
    }
}
