package dev.quill.producer.internal.accumulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import dev.quill.producer.PartitionInfo;
import dev.quill.producer.internal.partition.Appended;
import dev.quill.producer.internal.partition.PartitionLoad;
import dev.quill.producer.internal.partition.StickyPartition;

class StickyPartitionTest {

    private static final int BATCH_SIZE = 1_000;
    private static final long TIMEOUT_MS = 100;
    /** Partitions 0 and 1 are led by broker 1, partitions 2 and 3 by broker 2. */
    private static final List<PartitionInfo> PARTITIONS = List.of(
            partition(0, 1), partition(1, 1), partition(2, 2), partition(3, 2));

    private static PartitionInfo partition(int partition, int leader) {
        return new PartitionInfo("t", partition, leader, List.of(leader), List.of(leader));
    }

    /** Broker 1 had batches due from 0 to 101 ms and took none; broker 2 took its batches at every check. */
    private static NodeAvailability broker1Unavailable(long timeoutMs) {
        NodeAvailability availability = new NodeAvailability(timeoutMs);
        availability.onReadyCheck(Set.of(1, 2), 0);
        availability.onDrained(2, 0);
        availability.onReadyCheck(Set.of(1, 2), 101);
        availability.onDrained(2, 101);
        return availability;
    }

    /** Sticky choices for topic "t" with empty queues, weighing brokers by their availability alone. */
    private static StickyPartition sticky(boolean adaptive, NodeAvailability availability) {
        return new StickyPartition("t", BATCH_SIZE, adaptive, new PartitionLoad() {
            @Override
            public int queuedBatches(String topic, int partition) {
                return 0;
            }

            @Override
            public boolean isAvailable(int nodeId) {
                return availability.isAvailable(nodeId);
            }
        });
    }

    /** The partitions of many keyless choices: each choice gets a batch's worth, so the next record switches. */
    private static Set<Integer> chosenPartitions(StickyPartition sticky) {
        Set<Integer> chosen = new TreeSet<>();
        for (int i = 0; i < 1_000; i++) {
            int partition = sticky.partition(PARTITIONS);
            chosen.add(partition);
            sticky.onAppended(partition, Appended.of(BATCH_SIZE, true));
        }
        return chosen;
    }

    @Test
    void whenTheAvailabilityTimeoutIsZeroThenABrokerThatTakesNoBatchesStillGetsKeylessRecords() {
        StickyPartition sticky = sticky(true, broker1Unavailable(0));
        assertThat(chosenPartitions(sticky)).containsExactly(0, 1, 2, 3);
    }

    @Test
    void whenABrokerHadBatchesDueForLongerThanTheTimeoutWithoutTakingAnyThenNoneOfItsPartitionsIsChosen() {
        StickyPartition sticky = sticky(true, broker1Unavailable(TIMEOUT_MS));
        assertThat(chosenPartitions(sticky)).containsExactly(2, 3);
    }

    @Test
    void whenTheUnavailableBrokerTakesBatchesAgainThenItsPartitionsAreChosenAgain() {
        NodeAvailability availability = broker1Unavailable(TIMEOUT_MS);
        StickyPartition sticky = sticky(true, availability);
        assertThat(chosenPartitions(sticky)).containsExactly(2, 3);

        availability.onDrained(1, 102);
        assertThat(chosenPartitions(sticky)).containsExactly(0, 1, 2, 3);
    }

    @Test
    void whenAdaptivePartitioningIsOffThenTheAvailabilityTimeoutHasNoEffect() {
        StickyPartition sticky = sticky(false, broker1Unavailable(TIMEOUT_MS));
        assertThat(chosenPartitions(sticky)).containsExactly(0, 1, 2, 3);
    }

    @Test
    void whenEveryBrokerIsUnavailableThenAllPartitionsWithALeaderAreChosenAsWithoutTheTimeout() {
        NodeAvailability availability = new NodeAvailability(TIMEOUT_MS);
        availability.onReadyCheck(Set.of(1, 2), 0);
        availability.onReadyCheck(Set.of(1, 2), 101);
        StickyPartition sticky = sticky(true, availability);
        assertThat(chosenPartitions(sticky)).containsExactly(0, 1, 2, 3);
    }

    @Test
    void whenABatchsWorthWentToThePartitionButItsBatchIsNotFullThenRecordsStayUntilItIs() {
        StickyPartition sticky = sticky(false, new NodeAvailability(0));
        int first = sticky.partition(PARTITIONS);

        sticky.onAppended(first, Appended.of(BATCH_SIZE, false));
        assertThat(sticky.partition(PARTITIONS)).as("a batch's worth, batch not full").isEqualTo(first);

        sticky.onAppended(first, Appended.of(1, true));
        int next = sticky.partition(PARTITIONS);
        sticky.onAppended(next, Appended.of(1, true));
        assertThat(sticky.partition(PARTITIONS)).as("a new choice starts counting afresh").isEqualTo(next);
    }

    @Test
    void whenTwoBatchesWorthWentToThePartitionThenTheNextRecordsMoveOnEvenIfItsBatchIsNotFull() {
        StickyPartition sticky = sticky(false, new NodeAvailability(0));
        Set<Integer> chosen = new TreeSet<>();
        for (int i = 0; i < 1_000; i++) {
            int partition = sticky.partition(PARTITIONS);
            chosen.add(partition);
            sticky.onAppended(partition, Appended.of(BATCH_SIZE, false));
            sticky.onAppended(partition, Appended.of(BATCH_SIZE, false));
        }
        assertThat(chosen).containsExactly(0, 1, 2, 3);
    }
}
