package dev.quill.producer.internal.sender;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class MarkerSettlingTest {

    private final AtomicLong nanos = new AtomicLong(5_000_000_000L);
    private final MarkerSettling markers = new MarkerSettling(nanos::get);

    @Test
    void beforeAnyTransactionEndedTheFirstProduceIsNotHeld() {
        assertThat(markers.settled()).isTrue();
        assertThat(markers.msUntilSettled()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void rightAfterAnEndTheFirstProduceWaitsUntilTheHoldIsOver() {
        markers.transactionEnded();

        nanos.addAndGet(MarkerSettling.SETTLE_NANOS - 1);
        assertThat(markers.settled()).isFalse();
        assertThat(markers.msUntilSettled()).isEqualTo(1);

        nanos.addAndGet(1);
        assertThat(markers.settled()).isTrue();
        assertThat(markers.msUntilSettled()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void theTimerNeverAsksForLessThanAMillisecondWhileHolding() {
        markers.transactionEnded();

        assertThat(markers.msUntilSettled()).isEqualTo((MarkerSettling.SETTLE_NANOS + 999_999) / 1_000_000);
        nanos.addAndGet(MarkerSettling.SETTLE_NANOS / 2);
        assertThat(markers.msUntilSettled()).isEqualTo(1);
    }

    @Test
    void aTransactionThatBeginsAfterTheHoldIsNotHeld() {
        markers.transactionEnded();
        nanos.addAndGet(MarkerSettling.SETTLE_NANOS * 3);

        assertThat(markers.settled()).isTrue();
    }

    @Test
    void eachEndStartsAHoldOfItsOwn() {
        markers.transactionEnded();
        nanos.addAndGet(MarkerSettling.SETTLE_NANOS);
        assertThat(markers.settled()).isTrue();

        markers.transactionEnded();
        assertThat(markers.settled()).isFalse();
    }
}
