package dev.quill.producer.internal.transaction;

/** Hears of each transaction the coordinator ended, on the I/O thread. */
@FunctionalInterface
public interface TransactionListener {

    /** @param micros from {@code beginTransaction()} to the coordinator's answer */
    void onTransactionEnded(boolean committed, long micros);
}
