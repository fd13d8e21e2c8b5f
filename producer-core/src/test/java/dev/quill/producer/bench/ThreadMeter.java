package dev.quill.producer.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.GarbageCollectorMXBean;

/**
 * CPU time (user and kernel apart) and allocated bytes of individual threads, and of the whole process, read at the start and
 * end of a run. Per-thread numbers matter because the broker runs in this same JVM: process CPU time
 * includes the broker's work, while the sending thread plus the producer's I/O thread is what the
 * producer itself costs.
 */
final class ThreadMeter {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    static {
        // Both are usually on by default on HotSpot; enabling them costs nothing when they already are.
        if (THREADS.isThreadCpuTimeSupported()) {
            THREADS.setThreadCpuTimeEnabled(true);
        }
        if (THREADS.isThreadAllocatedMemorySupported()) {
            THREADS.setThreadAllocatedMemoryEnabled(true);
        }
    }

    /** What one reading saw; subtract two of them for a run's cost. */
    /**
     * CPU is total (user + kernel) time; the user part is read apart because a thread that writes to a socket
     * spends kernel time on every syscall, which says more about request count than about the client's code.
     * On Linux, HotSpot reads user time from /proc in clock ticks (10 ms), total time to the nanosecond: fine
     * for runs of seconds, meaningless for a few milliseconds.
     */
    record Reading(long sendCpuNs, long sendUserNs, long sendAllocBytes, long ioCpuNs, long ioUserNs,
                   long ioAllocBytes, long processCpuNs, long gcCount, long gcTimeMs) {

        Reading minus(Reading start) {
            return new Reading(sendCpuNs - start.sendCpuNs, sendUserNs - start.sendUserNs,
                    sendAllocBytes - start.sendAllocBytes, ioCpuNs - start.ioCpuNs, ioUserNs - start.ioUserNs,
                    ioAllocBytes - start.ioAllocBytes, processCpuNs - start.processCpuNs,
                    gcCount - start.gcCount, gcTimeMs - start.gcTimeMs);
        }
    }

    private static final long NO_THREAD = -1;

    private final long sendThreadId;
    private final long ioThreadId;

    /**
     * @param sendThread the thread that calls send (the caller of {@link #read()} must be this thread,
     *                   so that its allocation counter is read without a safepoint)
     * @param ioThreadName exact name of the producer's network thread; null for a client without one, whose I/O
     *                     figures are then zero
     */
    ThreadMeter(Thread sendThread, String ioThreadName) {
        this.sendThreadId = sendThread.getId();
        this.ioThreadId = ioThreadName == null ? NO_THREAD : findThread(ioThreadName).getId();
    }

    Reading read() {
        long gcCount = 0;
        long gcTime = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcCount += Math.max(0, gc.getCollectionCount());
            gcTime += Math.max(0, gc.getCollectionTime());
        }
        boolean io = ioThreadId != NO_THREAD;
        return new Reading(THREADS.getThreadCpuTime(sendThreadId), THREADS.getThreadUserTime(sendThreadId),
                THREADS.getThreadAllocatedBytes(sendThreadId), io ? THREADS.getThreadCpuTime(ioThreadId) : 0,
                io ? THREADS.getThreadUserTime(ioThreadId) : 0, io ? THREADS.getThreadAllocatedBytes(ioThreadId) : 0,
                OS.getProcessCpuTime(), gcCount, gcTime);
    }

    static Thread findThread(String name) {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals(name)) {
                return t;
            }
        }
        throw new IllegalStateException("no live thread named '" + name + "'");
    }
}
