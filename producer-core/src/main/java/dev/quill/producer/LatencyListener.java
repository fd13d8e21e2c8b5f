package dev.quill.producer;

/**
 * Told of each latency the producer measures, as it happens, so that a metrics library can keep its own
 * distribution of them (a Micrometer timer with a histogram, which unlike percentiles aggregates across instances).
 * {@link QuillProducer#metrics()} keeps a distribution of its own either way.
 *
 * <p>Called on the producer's I/O thread: keep it quick and non-blocking. An exception is logged and ignored.
 */
public interface LatencyListener {

    /** A Produce request's round trip, from writing it to its response, in microseconds. */
    void onRequestLatency(long micros);

    /** How long an acknowledged batch waited in the buffer before it was sent, in microseconds. */
    void onRecordQueueTime(long micros);

    /**
     * A transaction ended (transactional producers only): how long from {@code beginTransaction()} to the
     * coordinator's answer, in microseconds.
     */
    default void onTransactionEnded(boolean committed, long micros) {
    }
}
