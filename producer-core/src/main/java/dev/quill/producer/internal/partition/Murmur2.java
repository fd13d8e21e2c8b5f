package dev.quill.producer.internal.partition;

/**
 * The 32-bit MurmurHash2 variant kafka-clients uses to place keyed records (seed {@code 0x9747b28c}, little-endian
 * 4-byte blocks). Any difference from kafka-clients' result would move keys to other partitions and break
 * per-key ordering for applications migrating between the clients, so a test compares the two on random keys.
 */
public final class Murmur2 {

    private static final int SEED = 0x9747b28c;
    private static final int M = 0x5bd1e995;
    private static final int R = 24;

    private Murmur2() {
    }

    public static int hash(byte[] data) {
        return hash(data, 0, data.length);
    }

    /** The hash of {@code length} bytes of {@code data} from {@code offset}, for keys already copied into a buffer. */
    public static int hash(byte[] data, int offset, int length) {
        int h = SEED ^ length;
        int end = offset + (length & ~3);
        for (int i = offset; i < end; i += 4) {
            int k = (data[i] & 0xff) | (data[i + 1] & 0xff) << 8 | (data[i + 2] & 0xff) << 16 | (data[i + 3] & 0xff) << 24;
            k *= M;
            k ^= k >>> R;
            k *= M;
            h *= M;
            h ^= k;
        }
        int tail = length & 3;
        if (tail > 0) {
            if (tail == 3) {
                h ^= (data[end + 2] & 0xff) << 16;
            }
            if (tail >= 2) {
                h ^= (data[end + 1] & 0xff) << 8;
            }
            h ^= data[end] & 0xff;
            h *= M;
        }
        h ^= h >>> 13;
        h *= M;
        h ^= h >>> 15;
        return h;
    }

    /**
     * Clears the sign bit. Not {@code Math.abs}: that leaves {@code Integer.MIN_VALUE} negative, and kafka-clients
     * maps hashes with this mask, so using anything else would change partitions for some keys.
     */
    public static int toPositive(int n) {
        return n & 0x7fffffff;
    }
}
