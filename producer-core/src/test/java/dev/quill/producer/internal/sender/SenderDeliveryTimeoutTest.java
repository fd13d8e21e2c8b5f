package dev.quill.producer.internal.sender;

import static dev.quill.producer.internal.sender.Deliveries.failure;
import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.protocol.ApiKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.quill.producer.errors.DeliveryTimeoutException;
import dev.quill.producer.internal.accumulator.PendingRecord;

/** {@code delivery.timeout.ms} bounds a record's life however its requests go. */
class SenderDeliveryTimeoutTest {

    private static final SenderFixture.Options OPTIONS = SenderFixture.Options.DEFAULTS.deliveryTimeoutMs(60_000);

    private final SenderFixture fixture = SenderFixture.started(OPTIONS);

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void whenNoBrokerEverAnswersThenTheRecordFailsOnceDeliveryTimeoutIsExceeded() {
        PendingRecord record = fixture.send("a");
        fixture.runOnce();

        // request.timeout.ms ends the unanswered request; within delivery.timeout.ms the batch is tried again.
        fixture.advance(OPTIONS.requestTimeoutMs() + 1);
        fixture.runOnce();
        assertThat(record).isNotDone();
        fixture.advancePastRetryBackoff();
        fixture.runOnce();
        assertThat(fixture.broker.sent(ApiKeys.PRODUCE)).hasSize(2);

        fixture.advance(OPTIONS.requestTimeoutMs() + 1);
        fixture.runOnce();

        assertThat(failure(record)).isInstanceOf(DeliveryTimeoutException.class)
                .hasMessageStartingWith("Expiring 1 record(s) for orders-0: ")
                .hasMessageContaining("(delivery.timeout.ms=60000) after 2 attempt(s)")
                .hasMessageContaining("request.timeout.ms");
        fixture.advancePastRetryBackoff();
        fixture.runOnce();
        assertThat(fixture.broker.sent(ApiKeys.PRODUCE)).hasSize(2);
    }
}
