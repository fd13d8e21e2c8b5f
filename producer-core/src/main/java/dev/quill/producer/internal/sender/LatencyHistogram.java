package dev.quill.producer.internal.sender;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

import dev.quill.producer.ProducerMetrics;

/**
 * A distribution of latencies in microseconds, in log-linear buckets: exact below 16 µs, then 16 buckets per
 * power of two, so that a percentile read from it is within about 3% of the true value. Written by one thread
 * (the I/O thread) without allocating, read by any thread.
 */
final class LatencyHistogram {

    private static final int SUB_BUCKET_BITS = 4;
    private static final int SUB_BUCKETS = 1 << SUB_BUCKET_BITS;
    /** Latencies of 2^41 µs (25 days) and more share the last bucket. */
    private static final int MAX_EXPONENT = 40;

    private final AtomicLongArray counts = new AtomicLongArray(bucketIndex(Long.MAX_VALUE) + 1);
    private final AtomicLong count = new AtomicLong();
    private final AtomicLong totalMicros = new AtomicLong();
    private final AtomicLong maxMicros = new AtomicLong();

    void record(long micros) {
        long value = Math.max(0, micros);
        counts.incrementAndGet(bucketIndex(value));
        totalMicros.addAndGet(value);
        maxMicros.accumulateAndGet(value, Math::max);
        count.incrementAndGet();
    }

    ProducerMetrics.Latency snapshot() {
        long[] snapshot = new long[counts.length()];
        long n = 0;
        for (int i = 0; i < snapshot.length; i++) {
            snapshot[i] = counts.get(i);
            n += snapshot[i];
        }
        if (n == 0) {
            return ProducerMetrics.Latency.NONE;
        }
        long max = maxMicros.get();
        return new ProducerMetrics.Latency(n, millis((double) totalMicros.get() / Math.max(1, count.get())),
                millis(percentile(snapshot, n, 0.50, max)), millis(percentile(snapshot, n, 0.99, max)),
                millis(percentile(snapshot, n, 0.999, max)), millis(max));
    }

    /** The middle of the bucket that holds the value of rank {@code ceil(q * n)}, never above the maximum. */
    private static double percentile(long[] snapshot, long n, double q, long max) {
        long rank = Math.max(1, (long) Math.ceil(q * n));
        long seen = 0;
        for (int i = 0; i < snapshot.length; i++) {
            seen += snapshot[i];
            if (seen >= rank) {
                return Math.min(max, lowerBound(i) + (width(i) - 1) / 2.0);
            }
        }
        return max;
    }

    static int bucketIndex(long micros) {
        if (micros < SUB_BUCKETS) {
            return (int) micros;
        }
        int exponent = 63 - Long.numberOfLeadingZeros(micros);
        if (exponent > MAX_EXPONENT) {
            return SUB_BUCKETS + (MAX_EXPONENT - SUB_BUCKET_BITS + 1) * SUB_BUCKETS - 1;
        }
        int sub = (int) ((micros >>> (exponent - SUB_BUCKET_BITS)) & (SUB_BUCKETS - 1));
        return SUB_BUCKETS + (exponent - SUB_BUCKET_BITS) * SUB_BUCKETS + sub;
    }

    static long lowerBound(int index) {
        if (index < SUB_BUCKETS) {
            return index;
        }
        int exponent = (index - SUB_BUCKETS) / SUB_BUCKETS + SUB_BUCKET_BITS;
        int sub = (index - SUB_BUCKETS) % SUB_BUCKETS;
        return (1L << exponent) + ((long) sub << (exponent - SUB_BUCKET_BITS));
    }

    private static long width(int index) {
        return index < SUB_BUCKETS ? 1 : 1L << ((index - SUB_BUCKETS) / SUB_BUCKETS);
    }

    private static double millis(double micros) {
        return micros / 1000.0;
    }
}
