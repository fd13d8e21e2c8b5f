package dev.quill.producer.internal.accumulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;

import dev.quill.producer.CompressionType;
import dev.quill.producer.PartitionInfo;
import dev.quill.producer.internal.metadata.Cluster;
import dev.quill.producer.internal.partition.Appended;
import dev.quill.producer.internal.record.Codecs;

/**
 * Two threads find a partition's batch full at once: the first opens the next batch, the second's record goes into
 * it. When that record fills it, the I/O thread hears of it then, as after any append that fills a batch, instead of
 * at the next batch or after {@code linger.ms}.
 */
class RacingAppendTest {

    private static final String TOPIC = "t";
    private static final int BATCH_SIZE = 1_000;
    /** 313 bytes as a record: three of them after the 61-byte batch header fill a 1,000-byte batch exactly. */
    private static final byte[] VALUE = new byte[304];
    /** Partition 0 is led by broker 1, partition 1 by broker 2, so that each can be drained alone. */
    private static final Cluster CLUSTER = new Cluster(null, Map.of(), Map.of(TOPIC, List.of(
            new PartitionInfo(TOPIC, 0, 1, List.of(1), List.of(1)),
            new PartitionInfo(TOPIC, 1, 2, List.of(2), List.of(2)))), Map.of());
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private final AtomicInteger wakeUps = new AtomicInteger();
    /** Room for two batches, so that a third append waits for memory: that is where the two threads meet. */
    private final RecordAccumulator accumulator = new RecordAccumulator(
            new AccumulatorSettings(BATCH_SIZE, 60_000, Codecs.forType(CompressionType.NONE), 0, 120_000, 5, false, 0,
                    false, false),
            new BufferPool(2 * BATCH_SIZE, BATCH_SIZE), wakeUps::incrementAndGet, IgnoredFailures.INSTANCE);

    @Test
    void whenARecordFillsABatchAnotherThreadOpenedWhileItWaitedThenTheIoThreadIsWoken() throws Exception {
        for (int i = 0; i < 3; i++) {
            append(0);
        }
        append(1);
        // Both buffers are taken: the next two appends to partition 0 wait for memory, first A, then B.
        CompletableFuture<Integer> first = appendInThread(0, "first");
        awaitWaiting("first");
        CompletableFuture<Integer> second = appendInThread(0, "second");
        awaitWaiting("second");

        acknowledgeFirstBatchOf(2);
        first.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        // A opened partition 0's second batch; one more record leaves room for exactly one.
        assertThat(Appended.batchFull(append(0))).isFalse();
        int wakeUpsBefore = wakeUps.get();

        acknowledgeFirstBatchOf(1);
        int appended = second.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);

        assertThat(accumulator.queuedBatches(TOPIC, 0)).as("B's record went into A's batch").isEqualTo(1);
        assertThat(Appended.batchFull(appended)).isTrue();
        assertThat(wakeUps.get()).as("wake-ups after B filled the batch").isEqualTo(wakeUpsBefore + 1);
    }

    private int append(int partition) throws InterruptedException {
        return accumulator.append(accumulator.topic(TOPIC), PendingRecords.of(TOPIC, VALUE, 0), partition,
                DEADLINE.toMillis(), 0);
    }

    private CompletableFuture<Integer> appendInThread(int partition, String name) {
        CompletableFuture<Integer> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(append(partition));
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return result;
    }

    /** Sends and acknowledges the oldest batch of the broker's partition, which frees its buffer. */
    private void acknowledgeFirstBatchOf(int broker) {
        List<ProducerBatch> drained = accumulator.drain(CLUSTER, Set.of(broker), Integer.MAX_VALUE, PartitionGate.OPEN, 0)
                .get(broker);
        assertThat(drained).hasSize(1);
        ProducerBatch batch = drained.get(0);
        accumulator.onRequestDone(batch, true);
        batch.succeed(0, -1);
        accumulator.deallocate(batch);
    }

    private static void awaitWaiting(String threadName) throws InterruptedException {
        awaitTrue(() -> Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals(threadName) && t.getState() == Thread.State.TIMED_WAITING),
                threadName + " waiting for buffer memory");
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }
}
