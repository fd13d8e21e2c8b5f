package dev.quill.producer.internal.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Random;
import java.util.stream.LongStream;
import org.apache.kafka.common.utils.ByteUtils;
import org.junit.jupiter.api.Test;

class VarintsTest {

    private static final long[] EDGES = {0, 1, -1, 63, 64, -64, -65, 127, 128, 8191, 8192, Integer.MAX_VALUE,
            Integer.MIN_VALUE, Integer.MAX_VALUE + 1L, Integer.MIN_VALUE - 1L, Long.MAX_VALUE, Long.MIN_VALUE};

    @Test
    void intsMatchKafka() {
        for (long candidate : values()) {
            int value = (int) candidate;
            assertSameBytes(Varints::writeVarint, ByteUtils::writeVarint, value);
            assertSameBytes(Varints::writeUnsignedVarint, ByteUtils::writeUnsignedVarint, value);
            assertThat(Varints.sizeOfVarint(value)).as("sizeOfVarint(%d)", value).isEqualTo(ByteUtils.sizeOfVarint(value));
            assertThat(Varints.sizeOfUnsignedVarint(value)).as("sizeOfUnsignedVarint(%d)", value)
                    .isEqualTo(ByteUtils.sizeOfUnsignedVarint(value));

            ByteBuffer buffer = ByteBuffer.allocate(10);
            ByteUtils.writeVarint(value, buffer);
            ByteUtils.writeUnsignedVarint(value, buffer.flip().limit(10).position(5));
            buffer.position(0);
            assertThat(Varints.readVarint(buffer)).isEqualTo(value);
            buffer.position(5);
            assertThat(Varints.readUnsignedVarint(buffer)).isEqualTo(value);
        }
    }

    @Test
    void longsMatchKafka() {
        for (long value : values()) {
            ByteBuffer ours = ByteBuffer.allocate(10);
            ByteBuffer theirs = ByteBuffer.allocate(10);
            Varints.writeVarlong(ours, value);
            ByteUtils.writeVarlong(value, theirs);
            assertThat(ours.flip()).as("varlong %d", value).isEqualTo(theirs.flip());
            assertThat(Varints.sizeOfVarlong(value)).isEqualTo(ByteUtils.sizeOfVarlong(value)).isEqualTo(ours.remaining());
            assertThat(Varints.readVarlong(ours)).isEqualTo(value);
        }
    }

    private static long[] values() {
        Random random = new Random(7);
        return LongStream.concat(LongStream.of(EDGES), LongStream.concat(
                random.longs(2_000),
                random.ints(2_000).asLongStream())).toArray();
    }

    private interface OurWriter {
        void write(ByteBuffer out, int value);
    }

    private interface KafkaWriter {
        void write(int value, ByteBuffer out);
    }

    private static void assertSameBytes(OurWriter ours, KafkaWriter theirs, int value) {
        ByteBuffer a = ByteBuffer.allocate(5);
        ByteBuffer b = ByteBuffer.allocate(5);
        ours.write(a, value);
        theirs.write(value, b);
        assertThat(a.flip()).as("encoding of %d", value).isEqualTo(b.flip());
    }
}
