package dev.quill.producer.internal.partition;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;

class Murmur2Test {

    private static final int[] PARTITION_COUNTS = {1, 2, 3, 7, 12, 100, 1000};

    @Test
    void hashAndKeyedPartitionEqualKafkaClientsForRandomKeys() {
        // Fixed seed: a failure must be reproducible.
        SplittableRandom random = new SplittableRandom(0x5eed);
        int mismatches = 0;
        for (int i = 0; i < 100_000; i++) {
            byte[] key = new byte[random.nextInt(65)];
            for (int j = 0; j < key.length; j++) {
                key[j] = (byte) random.nextInt(256);
            }
            int hash = Murmur2.hash(key);
            if (hash != Utils.murmur2(key)) {
                mismatches++;
            }
            for (int n : PARTITION_COUNTS) {
                int ours = BuiltInPartitioning.partitionForKey(key, n);
                if (ours != BuiltInPartitioner.partitionForKey(key, n)) {
                    mismatches++;
                }
                assertThat(ours).isBetween(0, n - 1);
            }
        }
        assertThat(mismatches).isZero();
    }

    @Test
    void everyTailLengthAndSignBitCaseMatches() {
        // Bytes >= 0x80 exercise sign extension in every position of a block and of the 1..3 byte tail.
        for (int length = 0; length <= 16; length++) {
            byte[] key = new byte[length];
            Arrays.fill(key, (byte) 0xff);
            assertThat(Murmur2.hash(key)).as("0xff x %d", length).isEqualTo(Utils.murmur2(key));
            Arrays.fill(key, (byte) 0x80);
            assertThat(Murmur2.hash(key)).as("0x80 x %d", length).isEqualTo(Utils.murmur2(key));
        }
    }

    @Test
    void sliceOfALargerArrayHashesLikeTheCopy() {
        byte[] buffer = "xxhello worldyy".getBytes(StandardCharsets.UTF_8);
        byte[] key = "hello world".getBytes(StandardCharsets.UTF_8);
        assertThat(Murmur2.hash(buffer, 2, key.length)).isEqualTo(Murmur2.hash(key));
        assertThat(BuiltInPartitioning.partitionForKey(buffer, 2, key.length, 12))
                .isEqualTo(BuiltInPartitioner.partitionForKey(key, 12));
    }

    @Test
    void knownKeysKeepTheirPartitions() {
        // Computed once with kafka-clients 4.1.2 and pinned, so that a change shows without comparing at run time.
        assertHash("", 275646681, 0, 9);
        assertHash("k1", 1684045097, 2, 5);
        assertHash("order-42", 501153024, 0, 0);
        assertHash("h\u00e9llo", 614509002, 0, 6);
    }

    private static void assertHash(String key, int hash, int of3, int of12) {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        assertThat(Murmur2.hash(bytes)).as(key).isEqualTo(hash);
        assertThat(BuiltInPartitioning.partitionForKey(bytes, 3)).as(key).isEqualTo(of3);
        assertThat(BuiltInPartitioning.partitionForKey(bytes, 12)).as(key).isEqualTo(of12);
    }

    @Test
    void toPositiveClearsOnlyTheSignBit() {
        assertThat(Murmur2.toPositive(Integer.MIN_VALUE)).isZero();
        assertThat(Murmur2.toPositive(-1)).isEqualTo(Integer.MAX_VALUE);
        assertThat(Murmur2.toPositive(42)).isEqualTo(42);
        for (int n : new int[] {Integer.MIN_VALUE, -1, -12345, 0, 7, Integer.MAX_VALUE}) {
            assertThat(Murmur2.toPositive(n)).isEqualTo(Utils.toPositive(n));
        }
    }
}
