package dev.quill.producer.internal.accumulator;

/**
 * How well a topic's batches compress, learned from the batches closed so far, so that a compressed batch
 * can hold about {@code batch.size} bytes on the wire rather than {@code batch.size} bytes before
 * compression. Starts at 1 (no gain assumed); moves quickly towards a worse ratio, so that batches rarely
 * overshoot, and slowly towards a better one, as kafka-clients' estimator does.
 */
final class CompressionRatio {

    private static final double IMPROVING_STEP = 0.005;
    private static final double DETERIORATING_STEP = 0.05;

    private volatile double estimate = 1.0;

    double estimate() {
        return estimate;
    }

    void observe(int uncompressedBytes, int compressedBytes) {
        if (uncompressedBytes <= 0) {
            return;
        }
        double observed = (double) compressedBytes / uncompressedBytes;
        double current = estimate;
        // Racing updates from several sending threads may lose one; the estimate only steers batch sizes.
        estimate = observed > current
                ? Math.max(current + DETERIORATING_STEP, observed)
                : Math.max(current - IMPROVING_STEP, observed);
    }
}
