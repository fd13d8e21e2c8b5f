package dev.quill.producer.internal.partition;

/**
 * What appending a record tells its topic's {@link StickyPartition}, packed into one {@code int} so that the
 * append allocates nothing: the bytes the record added to its batch, and whether the partition's newest batch was
 * full right after it, as seen under the partition's lock.
 */
public final class Appended {

    private static final int BATCH_FULL = 1 << 31;

    private Appended() {
    }

    /** @param bytes at least 0 */
    public static int of(int bytes, boolean batchFull) {
        return batchFull ? bytes | BATCH_FULL : bytes;
    }

    public static int bytes(int appended) {
        return appended & ~BATCH_FULL;
    }

    public static boolean batchFull(int appended) {
        return (appended & BATCH_FULL) != 0;
    }
}
