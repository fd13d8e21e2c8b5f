package dev.quill.producer.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * Keeps the JIT out of measured runs. A single short warm-up round left C2 compiling, and recompiling as the clients
 * took turns, through the first measured runs: on a 2-core machine it took most of a core there, so those runs
 * measured the compiler as much as the client. Warm-up rounds now repeat until the compilers are nearly idle through
 * one ({@link #untilQuiet}), and each run starts once they have paused ({@link #awaitIdle}).
 */
final class JitWarmup {

    /** Compilation time, as a share of a round's wall-clock time, below which the JIT counts as quiet. */
    static final double QUIET_SHARE = 0.05;
    static final int MAX_ROUNDS = 20;
    /** How long the JIT must have finished no compilation before a run may start. */
    static final long IDLE_MS = 100;
    /** The longest a run waits for that: producer creation alone keeps the compilers busy for a while. */
    static final long MAX_IDLE_WAIT_MS = 3_000;

    /** One warm-up round; returns whether all its runs were verified. */
    @FunctionalInterface
    interface Round {
        boolean run() throws Exception;
    }

    /**
     * @param rounds how many rounds ran
     * @param lastCompileShare the JIT's compilation time in the last round, as a share of its wall-clock time
     * @param verified whether every round's runs were verified
     */
    record Outcome(int rounds, double lastCompileShare, boolean verified) {

        String describe() {
            return String.format(Locale.ROOT, "Warm-up: %d round%s; the JIT compiled for %.1f%% of the last one's time",
                    rounds, rounds == 1 ? "" : "s", 100 * lastCompileShare);
        }
    }

    private JitWarmup() {
    }

    /** Runs warm-up rounds until compilation takes under {@link #QUIET_SHARE} of one, at most {@link #MAX_ROUNDS}. */
    static Outcome untilQuiet(Round round) throws Exception {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        boolean verified = true;
        double share = 1;
        int rounds = 0;
        while (rounds < MAX_ROUNDS && share >= QUIET_SHARE) {
            long compiledMsBefore = jit.getTotalCompilationTime();
            long start = System.nanoTime();
            verified &= round.run();
            double elapsedMs = Math.max(1, (System.nanoTime() - start) / 1e6);
            share = (jit.getTotalCompilationTime() - compiledMsBefore) / elapsedMs;
            rounds++;
        }
        return new Outcome(rounds, share, verified);
    }

    /**
     * Waits until the JIT compilers have finished nothing for {@link #IDLE_MS}, up to {@link #MAX_IDLE_WAIT_MS}, so that
     * what a producer's creation and first record queued for compilation is compiled before the clock starts.
     */
    static void awaitIdle() throws InterruptedException {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        long start = System.nanoTime();
        long deadline = start + MAX_IDLE_WAIT_MS * 1_000_000;
        long compiled = jit.getTotalCompilationTime();
        long quietSince = start;
        while (System.nanoTime() - quietSince < IDLE_MS * 1_000_000 && System.nanoTime() < deadline) {
            Thread.sleep(10);
            long now = jit.getTotalCompilationTime();
            if (now != compiled) {
                compiled = now;
                quietSince = System.nanoTime();
            }
        }
    }
}
