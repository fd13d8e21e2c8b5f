package dev.quill.producer.internal.sender;

import java.util.function.LongSupplier;

/**
 * Holds the first request of a transaction begun right after the previous one ended, until the coordinator has most
 * likely finished that transaction.
 *
 * <p>A transaction's first request adds a partition to it: AddPartitionsToTxn before transaction version 2, the first
 * Produce from it on (KIP-890). While the coordinator still writes the previous transaction's markers, it answers
 * {@code CONCURRENT_TRANSACTIONS}: the producer retries AddPartitionsToTxn after 20 ms, and the broker retries a
 * Produce after {@code add.partitions.to.txn.retry.backoff.ms}, 20 ms by default. The EndTxn response comes before
 * those markers, so a producer that starts its next transaction at once meets that retry often (measured with one
 * broker: the first Produce of 55% of back-to-back transactions took about 24 ms). Holding that request for
 * {@link #SETTLE_NANOS} after the EndTxn response avoids most of them for the cost of that wait, and the transaction's
 * records gather into fewer batches meanwhile. A transaction that begins later is not held.
 */
final class MarkerSettling {

    /** Long enough for one broker's markers (measured: 0.25 ms already halves the retries); short beside 20 ms. */
    static final long SETTLE_NANOS = 1_000_000;

    private final LongSupplier nanoClock;
    private long endedAtNanos;
    private boolean settling;

    /** @param nanoClock a monotonic clock in nanoseconds, {@link System#nanoTime} outside tests */
    MarkerSettling(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** The coordinator answered an EndTxn: it writes the transaction's markers now. */
    void transactionEnded() {
        endedAtNanos = nanoClock.getAsLong();
        settling = true;
    }

    /** Whether a transaction's first request may go now. */
    boolean settled() {
        if (settling && nanoClock.getAsLong() - endedAtNanos >= SETTLE_NANOS) {
            settling = false;
        }
        return !settling;
    }

    /** Milliseconds until {@link #settled()}, at least 1 while it is not; {@link Long#MAX_VALUE} once it is. */
    long msUntilSettled() {
        if (settled()) {
            return Long.MAX_VALUE;
        }
        long remainingNanos = SETTLE_NANOS - (nanoClock.getAsLong() - endedAtNanos);
        return Math.max(1, (remainingNanos + 999_999) / 1_000_000);
    }
}
