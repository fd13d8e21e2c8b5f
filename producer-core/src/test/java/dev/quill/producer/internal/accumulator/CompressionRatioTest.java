package dev.quill.producer.internal.accumulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

import dev.quill.producer.CompressionType;
import dev.quill.producer.internal.record.Codecs;

class CompressionRatioTest {

    private static AccumulatorSettings settings(CompressionType compression) {
        return new AccumulatorSettings(16_384, 5, Codecs.forType(compression), 0, 120_000, 5, true, 0, true, false);
    }

    @Test
    void whenBatchesCompressWellThenTheEstimateImprovesSlowly() {
        CompressionRatio ratio = new CompressionRatio();
        ratio.observe(10_000, 2_000);
        assertThat(ratio.estimate()).isCloseTo(0.995, within(1e-9));
        for (int i = 0; i < 1_000; i++) {
            ratio.observe(10_000, 2_000);
        }
        assertThat(ratio.estimate()).isCloseTo(0.2, within(1e-9));
    }

    @Test
    void whenBatchesCompressWorseThenTheEstimateFollowsAtOnce() {
        CompressionRatio ratio = new CompressionRatio();
        for (int i = 0; i < 1_000; i++) {
            ratio.observe(10_000, 2_000);
        }
        ratio.observe(10_000, 9_000);
        assertThat(ratio.estimate()).isCloseTo(0.9, within(1e-9));
    }

    @Test
    void whenCompressionIsOnThenTheBudgetGrowsWithTheRatioUpToTwiceTheBatchSize() {
        AccumulatorSettings lz4 = settings(CompressionType.LZ4);
        assertThat(lz4.pooledBufferSize()).isEqualTo(32_768);
        assertThat(lz4.uncompressedBudget(1.0)).isEqualTo(16_384);
        assertThat(lz4.uncompressedBudget(0.8)).isEqualTo(20_480);
        assertThat(lz4.uncompressedBudget(0.1)).isEqualTo(32_768);
        AccumulatorSettings none = settings(CompressionType.NONE);
        assertThat(none.pooledBufferSize()).isEqualTo(16_384);
        assertThat(none.uncompressedBudget(0.1)).isEqualTo(16_384);
    }
}
