package dev.quill.producer.internal.accumulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import dev.quill.producer.CompressionType;
import dev.quill.producer.Headers;
import dev.quill.producer.RecordMetadata;
import dev.quill.producer.errors.ProducerException;
import dev.quill.producer.internal.record.RecordBatchBuilder;

/** Which topics the producer keeps asking metadata for ({@code metadata.max.idle.ms}). */
class ActiveTopicsTest {

    private static final long MAX_IDLE_MS = 5_000;
    private static final long START = 1_000_000;

    private final RecordAccumulator accumulator = new RecordAccumulator(
            new AccumulatorSettings(16384, 5, CompressionType.NONE, 0, 120_000, 5, true, 0, false),
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

    @Test
    void topicWithRecordsWaitingForMetadataStaysActive() throws Exception {
        accumulator.park("orders", -1, null, "v", null, new byte[] {1}, new Headers(), 16, START, null, 0, START);

        assertThat(accumulator.activeTopicNames(START + 10 * MAX_IDLE_MS, MAX_IDLE_MS)).containsExactly("orders");
    }

    private void append(String topic, long nowMs) throws InterruptedException {
        byte[] value = {1, 2, 3};
        int bytes = RecordBatchBuilder.sizeInBytesUpperBound(null, value, new Headers());
        CompletableFuture<RecordMetadata> result = accumulator.append(topic, 0, nowMs, null, value, new Headers(),
                bytes, null, null, 0, 0, nowMs);
        assertThat(result).isNotDone();
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
