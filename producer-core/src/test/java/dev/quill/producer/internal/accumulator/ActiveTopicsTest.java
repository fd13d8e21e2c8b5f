package dev.quill.producer.internal.accumulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.quill.producer.CompressionType;
import dev.quill.producer.internal.record.Codecs;
import dev.quill.producer.errors.ProducerException;

/** Which topics the producer keeps asking metadata for ({@code metadata.max.idle.ms}). */
class ActiveTopicsTest {

    private static final long MAX_IDLE_MS = 5_000;
    private static final long START = 1_000_000;

    private final RecordAccumulator accumulator = new RecordAccumulator(
            new AccumulatorSettings(16384, 5, Codecs.forType(CompressionType.NONE), 0, 120_000, 5, true, 0, false, false),
            new BufferPool(1 << 20, 16384), () -> { }, new IgnoreFailures());

    @Test
    void topicSentToWithinTheIdleTimeIsAsked() throws Exception {
        append("orders", START);

        assertThat(accumulator.activeTopicNames(START + MAX_IDLE_MS, MAX_IDLE_MS)).containsExactly("orders");
    }

    @Test
    void topicIdleForLongerIsDroppedOnceItsBatchesLeft() throws Exception {
        append("orders", START);
        accumulator.registerTopic("audit", START + MAX_IDLE_MS);
        long later = START + MAX_IDLE_MS + 1_001;

        assertThat(accumulator.activeTopicNames(later, MAX_IDLE_MS))
                .as("orders still has a queued batch").containsExactlyInAnyOrder("orders", "audit");

        accumulator.abortUndrained(new ProducerException("test drains the queue"));

        assertThat(accumulator.activeTopicNames(later, MAX_IDLE_MS)).containsExactly("audit");
    }

    @Test
    void sendingAgainMakesAnIdleTopicActive() throws Exception {
        accumulator.registerTopic("orders", START);
        long later = START + MAX_IDLE_MS + 1_001;
        assertThat(accumulator.activeTopicNames(later, MAX_IDLE_MS)).isEmpty();

        append("orders", later);

        assertThat(accumulator.activeTopicNames(later, MAX_IDLE_MS)).containsExactly("orders");
    }

    private void append(String topic, long nowMs) throws InterruptedException {
        PendingRecord record = PendingRecords.of(topic, new byte[] {1, 2, 3}, nowMs);
        accumulator.append(accumulator.topic(record.topic()), record, 0, 0, nowMs);
        assertThat(record).isNotDone();
    }

    private static final class IgnoreFailures implements FailureObserver {
        @Override
        public void batchFailed(ProducerBatch batch, ProducerException error) {
        }

        @Override
        public void recordFailed(String topic, ProducerException error) {
        }
    }
}
