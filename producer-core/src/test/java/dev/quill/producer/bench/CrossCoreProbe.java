package dev.quill.producer.bench;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * How long a cache line takes to go from one core to another and back, measured by two threads passing a counter
 * through two cache lines.
 *
 * <p>On a virtual machine the host may run two virtual CPUs on cores that share a cache, or on chiplets or sockets
 * that do not, and it moves them between such placements for seconds to minutes at a time. On the 2-core machine the
 * README's figures come from, the round trip is about 100 ns in one placement and about 500 ns in the other. Both
 * clients pass every batch and every acknowledgement from one thread to another, so a run in the far placement goes
 * slower for reasons outside either client. Each run records the round trip measured just before it is timed, and
 * the table prints it, so that runs in different placements are not compared as if they were alike.
 */
final class CrossCoreProbe {

    /** Longs per 128 bytes: the two counters sit on lines of their own, with the adjacent-line prefetcher in mind. */
    private static final int SPACING = 16;
    private static final int SAMPLES = 5;
    private static final int ROUND_TRIPS_PER_SAMPLE = 4_000;
    /** When the echoing thread gets no core of its own, every round trip waits for the scheduler: give up then. */
    private static final long MAX_SAMPLE_NS = 20_000_000;

    private CrossCoreProbe() {
    }

    /** The median round trip of a few samples, in nanoseconds; NaN when the two threads could not run at once. */
    static double roundTripNs() throws InterruptedException {
        AtomicLongArray lines = new AtomicLongArray(3 * SPACING);
        int ping = SPACING;
        int pong = 2 * SPACING;
        Thread echo = new Thread(() -> {
            long seen = 0;
            while (true) {
                long value;
                while ((value = lines.get(ping)) == seen) {
                    // spin: a parked thread would measure the scheduler instead
                }
                if (value < 0) {
                    return;
                }
                seen = value;
                lines.set(pong, value);
            }
        }, "cross-core-probe");
        echo.setDaemon(true);
        echo.start();
        double[] samples = new double[SAMPLES];
        long counter = 0;
        try {
            for (int s = 0; s < SAMPLES; s++) {
                long start = System.nanoTime();
                long deadline = start + MAX_SAMPLE_NS;
                int trips = 0;
                while (trips < ROUND_TRIPS_PER_SAMPLE) {
                    lines.set(ping, ++counter);
                    while (lines.get(pong) != counter) {
                        if (System.nanoTime() > deadline) {
                            return Double.NaN;
                        }
                    }
                    trips++;
                }
                samples[s] = (System.nanoTime() - start) / (double) trips;
            }
        } finally {
            lines.set(ping, -1);
            echo.join();
        }
        Arrays.sort(samples);
        return samples[SAMPLES / 2];
    }
}
