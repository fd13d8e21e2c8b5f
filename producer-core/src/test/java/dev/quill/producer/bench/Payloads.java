package dev.quill.producer.bench;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Record values for the benchmark, made before timing starts and shared by both clients.
 *
 * <p>Values look like JSON events (repeated field names, varying numbers and ids) so that lz4 has
 * something realistic to do: random bytes would make compression pure overhead, constant bytes would
 * make it unrealistically cheap. A pool of distinct values is cycled so the payload bytes are not all
 * the same cache lines.
 */
final class Payloads {

    private static final String[] EVENTS = {"click", "view", "purchase", "login", "logout", "search", "add_to_cart"};
    private static final String[] COUNTRIES = {"DE", "FR", "US", "GB", "JP", "BR", "IN", "NL"};

    private final byte[][] values;
    private final int mask;

    Payloads(int valueSize, int poolSize, long seed) {
        if (Integer.bitCount(poolSize) != 1) {
            throw new IllegalArgumentException("pool size must be a power of two: " + poolSize);
        }
        Random random = new Random(seed);
        values = new byte[poolSize][];
        for (int i = 0; i < poolSize; i++) {
            values[i] = event(random, valueSize);
        }
        mask = poolSize - 1;
    }

    byte[] get(long i) {
        return values[(int) (i & mask)];
    }

    int valueSize() {
        return values[0].length;
    }

    private static byte[] event(Random random, int size) {
        StringBuilder sb = new StringBuilder(size + 64);
        sb.append("{\"id\":").append(random.nextInt(1_000_000_000))
                .append(",\"user\":\"user-").append(random.nextInt(100_000))
                .append("\",\"event\":\"").append(EVENTS[random.nextInt(EVENTS.length)])
                .append("\",\"country\":\"").append(COUNTRIES[random.nextInt(COUNTRIES.length)])
                .append("\",\"ts\":").append(1_700_000_000_000L + random.nextInt(1_000_000_000))
                .append(",\"items\":[");
        // Pad with more fields of the same shape until the value reaches its size; cut to exactly size.
        while (sb.length() < size) {
            sb.append("{\"sku\":\"SKU-").append(random.nextInt(10_000))
                    .append("\",\"qty\":").append(1 + random.nextInt(9))
                    .append(",\"price\":").append(random.nextInt(100_000) / 100.0).append("},");
        }
        byte[] bytes = sb.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] exact = new byte[size];
        System.arraycopy(bytes, 0, exact, 0, size);
        return exact;
    }
}
