package dev.quill.producer.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * Heap still in use after a full collection: what objects that are alive at that moment retain. Subtract a reading
 * taken before some producers were made from one taken while they are open, and the difference is what they keep.
 */
final class UsedHeap {

    private UsedHeap() {
    }

    /**
     * Used heap, in bytes, right after {@link System#gc()}, from each heap pool's usage as the collection left it.
     * The pools' current usage would be off by up to a megabyte or so: any thread that allocates once the collection
     * is over takes a fresh allocation buffer, which counts as used in full. Called more than once because one
     * collection can leave behind what only became unreachable during it (finalizable or reference-queued objects);
     * G1 and Parallel GC both run a full, stop-the-world collection for each call unless
     * -XX:+ExplicitGCInvokesConcurrent or -XX:+DisableExplicitGC is set, which would make these numbers meaningless.
     */
    static long afterFullGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
                used += pool.getCollectionUsage().getUsed();
            }
        }
        return used;
    }
}
