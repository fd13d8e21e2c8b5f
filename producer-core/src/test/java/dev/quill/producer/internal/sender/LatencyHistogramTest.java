package dev.quill.producer.internal.sender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;

import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;

import dev.quill.producer.ProducerMetrics;

class LatencyHistogramTest {

    @Test
    void nothingRecordedGivesNone() {
        assertThat(new LatencyHistogram().snapshot()).isEqualTo(ProducerMetrics.Latency.NONE);
    }

    @Test
    void smallLatenciesAreExact() {
        LatencyHistogram histogram = new LatencyHistogram();
        for (int micros = 1; micros <= 10; micros++) {
            histogram.record(micros);
        }

        ProducerMetrics.Latency latency = histogram.snapshot();

        assertThat(latency.count()).isEqualTo(10);
        assertThat(latency.p50Ms()).isEqualTo(0.005);
        assertThat(latency.p99Ms()).isEqualTo(0.010);
        assertThat(latency.avgMs()).isCloseTo(0.0055, within(1e-9));
        assertThat(latency.maxMs()).isEqualTo(0.010);
    }

    @Test
    void percentilesOfASpreadOfLatenciesAreWithinThreePercentOfTheExactOnes() {
        Random random = new Random(7);
        LatencyHistogram histogram = new LatencyHistogram();
        long[] values = new long[100_000];
        for (int i = 0; i < values.length; i++) {
            // From microseconds to tens of seconds, as request round trips range.
            values[i] = (long) Math.exp(random.nextDouble() * Math.log(30_000_000));
            histogram.record(values[i]);
        }
        Arrays.sort(values);

        ProducerMetrics.Latency latency = histogram.snapshot();

        assertThat(latency.p50Ms()).isCloseTo(exact(values, 0.50), Percentage.withPercentage(3.2));
        assertThat(latency.p99Ms()).isCloseTo(exact(values, 0.99), Percentage.withPercentage(3.2));
        assertThat(latency.p999Ms()).isCloseTo(exact(values, 0.999), Percentage.withPercentage(3.2));
        assertThat(latency.maxMs()).isEqualTo(values[values.length - 1] / 1000.0);
        assertThat(latency.avgMs()).isCloseTo(Arrays.stream(values).average().orElseThrow() / 1000.0, within(1e-6));
    }

    @Test
    void everyValueFallsInTheBucketThatCoversIt() {
        long[] probes = {0, 1, 15, 16, 17, 31, 32, 33, 1_000, 65_535, 65_536, 1L << 40, (1L << 41) - 1};
        for (long value : probes) {
            int index = LatencyHistogram.bucketIndex(value);
            assertThat(LatencyHistogram.lowerBound(index)).as("lower bound for %d", value).isLessThanOrEqualTo(value);
            assertThat(LatencyHistogram.lowerBound(index + 1)).as("next bucket for %d", value).isGreaterThan(value);
        }
    }

    @Test
    void latenciesBeyondTheLastBucketAreCountedThere() {
        LatencyHistogram histogram = new LatencyHistogram();
        histogram.record(Long.MAX_VALUE / 2);
        histogram.record(-5);

        ProducerMetrics.Latency latency = histogram.snapshot();

        assertThat(latency.count()).isEqualTo(2);
        assertThat(latency.p50Ms()).isZero();
        assertThat(latency.maxMs()).isEqualTo(Long.MAX_VALUE / 2 / 1000.0);
    }

    private static double exact(long[] sorted, double q) {
        return sorted[(int) Math.ceil(q * sorted.length) - 1] / 1000.0;
    }
}
