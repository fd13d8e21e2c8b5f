package dev.quill.producer.internal.accumulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

class CacheLinesTest {

    @Test
    void whenBufferIsLimitedBelowItsCapacityThenOnlyBytesBeforeTheLimitAreWritten() {
        ByteBuffer buffer = ByteBuffer.allocate(1000);
        Arrays.fill(buffer.array(), (byte) 7);
        buffer.limit(130);

        CacheLines.claim(buffer);

        assertThat(buffer.position()).isZero();
        assertThat(buffer.limit()).isEqualTo(130);
        assertThat(buffer.get(0)).isZero();
        assertThat(buffer.get(64)).isZero();
        assertThat(buffer.get(128)).isZero();
        assertThat(buffer.array()[192]).isEqualTo((byte) 7);
    }
}
