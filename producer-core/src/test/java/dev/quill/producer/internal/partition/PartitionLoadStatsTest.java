package dev.quill.producer.internal.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quill.producer.PartitionInfo;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.utils.LogContext;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

class PartitionLoadStatsTest {

    @Test
    void weightsAreMaxPlusOneMinusQueueSizeAsARunningSum() {
        PartitionLoadStats stats = PartitionLoadStats.compute(new int[] {0, 3, 1}, new int[] {0, 1, 2}, 3);
        // max 3 -> weights 4, 1, 3
        assertThat(stats.cumulativeFrequencyTable()).containsExactly(4, 5, 8);
        assertThat(stats.rangeEnd()).isEqualTo(8);
        assertThat(stats.choose(0)).isZero();
        assertThat(stats.choose(3)).isZero();
        assertThat(stats.choose(4)).isEqualTo(1);
        assertThat(stats.choose(5)).isEqualTo(2);
        assertThat(stats.choose(7)).isEqualTo(2);
        assertThat(stats.choose(8)).isZero();
    }

    @Test
    void noStatsWhenWeightingChangesNothing() {
        assertThat(PartitionLoadStats.compute(new int[] {5}, new int[] {0}, 1)).as("one partition").isNull();
        assertThat(PartitionLoadStats.compute(new int[] {0, 0}, new int[] {0, 1}, 0)).as("none available").isNull();
        assertThat(PartitionLoadStats.compute(new int[] {2, 2, 2}, new int[] {0, 1, 2}, 3)).as("all equal").isNull();
        // Equal queues but one partition unavailable: the stats restrict the choice to the available ones.
        PartitionLoadStats partial = PartitionLoadStats.compute(new int[] {2, 2, 0}, new int[] {0, 2, 1}, 2);
        assertThat(partial).isNotNull();
        assertThat(partial.partitionIds()).containsExactly(0, 2);
    }

    @Test
    void inputIsNotModified() {
        int[] sizes = {1, 2, 3};
        PartitionLoadStats.compute(sizes, new int[] {0, 1, 2}, 3);
        assertThat(sizes).containsExactly(1, 2, 3);
    }

    @Test
    void rejectsMismatchedArrays() {
        assertThatThrownBy(() -> PartitionLoadStats.compute(new int[2], new int[3], 2))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tableAndChoicesEqualKafkaClients() throws Exception {
        SplittableRandom random = new SplittableRandom(794);
        Field statsField = BuiltInPartitioner.class.getDeclaredField("partitionLoadStats");
        statsField.setAccessible(true);
        for (int round = 0; round < 2_000; round++) {
            int partitions = 1 + random.nextInt(20);
            int available = random.nextInt(partitions + 1);
            int[] sizes = new int[partitions];
            int[] ids = new int[partitions];
            for (int i = 0; i < partitions; i++) {
                sizes[i] = random.nextInt(4) == 0 ? 2 : random.nextInt(50);
                ids[i] = (i * 7 + round) % partitions;
            }
            PartitionLoadStats ours = PartitionLoadStats.compute(sizes, ids, available);

            BuiltInPartitioner kafka = new BuiltInPartitioner(new LogContext(), "t", 16384);
            int[] kafkaSizes = sizes.clone();
            kafka.updatePartitionLoadStats(kafkaSizes, ids.clone(), available);
            Object kafkaStats = statsField.get(kafka);
            if (kafkaStats == null) {
                assertThat(ours).as("round %d", round).isNull();
                continue;
            }
            assertThat(ours).as("round %d", round).isNotNull();
            // kafka-clients builds the table in place in the array it was given.
            int[] kafkaTable = java.util.Arrays.copyOf(kafkaSizes, available);
            assertThat(ours.cumulativeFrequencyTable()).as("round %d", round).containsExactly(kafkaTable);
            assertThat(ours.rangeEnd()).isEqualTo(kafka.loadStatsRangeEnd());
            for (int draw = 0; draw < ours.rangeEnd() + 3; draw++) {
                assertThat(ours.choose(draw)).isEqualTo(kafkaChoice(kafkaTable, ids, available, draw));
            }
        }
    }

    // kafka-clients' nextPartition is private and draws its own random number; this is its lookup for a given draw.
    private static int kafkaChoice(int[] table, int[] ids, int length, int random) {
        int weighted = random % table[length - 1];
        int search = java.util.Arrays.binarySearch(table, 0, length, weighted);
        return ids[Math.abs(search + 1)];
    }

    @Test
    void choicesFollowTheWeights() {
        PartitionLoadStats stats = PartitionLoadStats.compute(new int[] {0, 9}, new int[] {0, 1}, 2);
        int[] counts = new int[2];
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 110_000; i++) {
            counts[stats.choose(random.nextInt(Integer.MAX_VALUE))]++;
        }
        // weights 10 and 1
        assertThat(counts[0] / (double) counts[1]).isBetween(9.0, 11.0);
    }

    @Test
    void uniformChoicePrefersPartitionsWithALeader() {
        List<PartitionInfo> partitions = new ArrayList<>();
        for (int p = 0; p < 4; p++) {
            partitions.add(new PartitionInfo("t", p, p == 1 ? PartitionInfo.NO_LEADER : 1, List.of(1), List.of(1)));
        }
        for (int r = 0; r < 12; r++) {
            assertThat(BuiltInPartitioning.uniformPreferAvailable(r, partitions)).isEqualTo(new int[] {0, 2, 3}[r % 3]);
        }
        List<PartitionInfo> leaderless = List.of(
                new PartitionInfo("t", 0, -1, List.of(), List.of()), new PartitionInfo("t", 1, -1, List.of(), List.of()));
        assertThat(BuiltInPartitioning.uniformPreferAvailable(3, leaderless)).isEqualTo(1);
    }
}
