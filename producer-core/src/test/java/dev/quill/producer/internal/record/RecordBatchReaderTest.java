package dev.quill.producer.internal.record;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.quill.producer.CompressionType;
import dev.quill.producer.Headers;

class RecordBatchReaderTest {

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void whenABatchIsReadBackThenEveryRecordIsAsWritten(CompressionType compression) {
        byte[] large = new byte[100_000];
        for (int i = 0; i < large.length; i++) {
            large[i] = (byte) (i % 251);
        }
        RecordBatchBuilder builder = new RecordBatchBuilder(ByteBuffer.allocate(300_000), compression,
                CompressionLevels.defaultLevel(compression));
        Headers headers = new Headers().add("trace", "t-1".getBytes(UTF_8)).add("ключ", null);
        assertThat(builder.tryAppend(1_000L, "k1".getBytes(UTF_8), "v1".getBytes(UTF_8), headers)).isTrue();
        assertThat(builder.tryAppend(999L, null, null, new Headers())).isTrue();
        assertThat(builder.tryAppend(1_500L, new byte[0], large, null)).isTrue();

        List<RecordBatchReader.Entry> entries = RecordBatchReader.read(builder.close());

        assertThat(entries).hasSize(3);
        assertThat(entries.get(0).timestamp()).isEqualTo(1_000L);
        assertThat(entries.get(0).key()).isEqualTo("k1".getBytes(UTF_8));
        assertThat(entries.get(0).value()).isEqualTo("v1".getBytes(UTF_8));
        assertThat(entries.get(0).headers()).isEqualTo(headers);
        assertThat(entries.get(1).timestamp()).isEqualTo(999L);
        assertThat(entries.get(1).key()).isNull();
        assertThat(entries.get(1).value()).isNull();
        assertThat(entries.get(1).headers().isEmpty()).isTrue();
        assertThat(entries.get(2).key()).isEmpty();
        assertThat(entries.get(2).value()).isEqualTo(large);
    }
}
