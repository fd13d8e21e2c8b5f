package dev.quill.producer.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProtocolPrimitivesTest {

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void primitivesRoundTrip(boolean compact) {
        UUID uuid = UUID.randomUUID();
        ProtocolWriter w = new ProtocolWriter(1); // forces growth
        w.writeInt8((byte) -5);
        w.writeBoolean(true);
        w.writeInt16((short) -300);
        w.writeInt32(123_456_789);
        w.writeInt64(Long.MIN_VALUE);
        w.writeUuid(uuid);
        w.writeUnsignedVarint(300);
        w.writeString("héllo ✓", compact);
        w.writeNullableString(null, compact);
        w.writeNullableString("", compact);
        w.writeBytes(ByteBuffer.wrap(new byte[] {1, 2, 3}), compact);
        w.writeNullableBytes(null, compact);
        w.writeInt32Array(new int[] {7, 8}, compact);
        w.writeArrayLength(-1, compact);

        ProtocolReader r = new ProtocolReader(w.toByteBuffer());
        assertThat(r.readInt8()).isEqualTo((byte) -5);
        assertThat(r.readBoolean()).isTrue();
        assertThat(r.readInt16()).isEqualTo((short) -300);
        assertThat(r.readInt32()).isEqualTo(123_456_789);
        assertThat(r.readInt64()).isEqualTo(Long.MIN_VALUE);
        assertThat(r.readUuid()).isEqualTo(uuid);
        assertThat(r.readUnsignedVarint()).isEqualTo(300);
        assertThat(r.readString(compact)).isEqualTo("héllo ✓");
        assertThat(r.readNullableString(compact)).isNull();
        assertThat(r.readNullableString(compact)).isEmpty();
        ByteBuffer bytes = r.readBytes(compact);
        assertThat(bytes.remaining()).isEqualTo(3);
        assertThat(bytes.get(2)).isEqualTo((byte) 3);
        assertThat(r.readNullableBytes(compact)).isNull();
        assertThat(r.readInt32Array(compact)).containsExactly(7, 8);
        assertThat(r.readNullableArray(compact, ProtocolReader::readInt32)).isNull();
        assertThat(r.remaining()).isZero();
    }

    @Test
    void encodingMatchesKafkaAccessor() {
        ProtocolWriter w = new ProtocolWriter(64);
        w.writeCompactString("abc");
        w.writeString("abc");
        w.writeCompactNullableString(null);
        w.writeNullableString(null);
        w.writeUnsignedVarint(1 << 20);

        ByteBufferAccessor kafka = new ByteBufferAccessor(w.toByteBuffer());
        assertThat(kafka.readUnsignedVarint()).isEqualTo(4);
        assertThat(kafka.readString(3)).isEqualTo("abc");
        assertThat(kafka.readShort()).isEqualTo((short) 3);
        assertThat(kafka.readString(3)).isEqualTo("abc");
        assertThat(kafka.readUnsignedVarint()).isZero();
        assertThat(kafka.readShort()).isEqualTo((short) -1);
        assertThat(kafka.readUnsignedVarint()).isEqualTo(1 << 20);
    }

    @Test
    void taggedFieldsExposeKnownAndSkipUnknown() {
        ProtocolWriter w = new ProtocolWriter(32);
        w.writeUnsignedVarint(3);
        w.writeUnsignedVarint(0); // tag
        w.writeUnsignedVarint(4); // size
        w.writeInt32(42);
        w.writeUnsignedVarint(5);
        w.writeUnsignedVarint(2);
        w.writeInt16((short) 9);
        w.writeUnsignedVarint(9);
        w.writeUnsignedVarint(3);
        w.writeRaw(new byte[] {1, 2, 3});
        w.writeInt32(0xCAFE);

        List<String> seen = new ArrayList<>();
        ProtocolReader r = new ProtocolReader(w.toByteBuffer());
        r.readTaggedFields((tag, size, reader) -> {
            seen.add(tag + ":" + size);
            if (tag == 0) {
                assertThat(reader.readInt32()).isEqualTo(42);
            }
            if (tag == 9) {
                reader.readInt8(); // reading part of a field is fine
            }
        });
        assertThat(seen).containsExactly("0:4", "5:2", "9:3");
        assertThat(r.readInt32()).isEqualTo(0xCAFE);

        ProtocolReader skipping = new ProtocolReader(w.toByteBuffer());
        skipping.skipTaggedFields();
        assertThat(skipping.readInt32()).isEqualTo(0xCAFE);
    }

    @Test
    void handlerReadingPastItsFieldIsMalformed() {
        ProtocolWriter w = new ProtocolWriter(16);
        w.writeUnsignedVarint(1);
        w.writeUnsignedVarint(0);
        w.writeUnsignedVarint(1);
        w.writeInt32(1);
        ProtocolReader r = new ProtocolReader(w.toByteBuffer());
        assertThatThrownBy(() -> r.readTaggedFields((tag, size, reader) -> reader.readInt32()))
                .isInstanceOf(MalformedResponseException.class);
    }

    @Test
    void corruptLengthsFailWithoutAllocating() {
        ProtocolWriter w = new ProtocolWriter(16);
        w.writeInt32(Integer.MAX_VALUE);
        assertThatThrownBy(() -> new ProtocolReader(w.toByteBuffer()).readArrayLength(false))
                .isInstanceOf(MalformedResponseException.class);
        assertThatThrownBy(() -> new ProtocolReader(w.toByteBuffer()).readNullableBytes(false))
                .isInstanceOf(MalformedResponseException.class);
        ByteBuffer shortString = ByteBuffer.allocate(3).putShort((short) 10).put((byte) 'a').flip();
        assertThatThrownBy(() -> new ProtocolReader(shortString).readString(false))
                .isInstanceOf(MalformedResponseException.class);
    }

    @Test
    void stringsAreUtf8AndBounded() {
        ProtocolWriter w = new ProtocolWriter(8);
        w.writeString("ü");
        ByteBuffer out = w.toByteBuffer();
        assertThat(out.getShort()).isEqualTo((short) 2);
        byte[] utf8 = new byte[2];
        out.get(utf8);
        assertThat(new String(utf8, StandardCharsets.UTF_8)).isEqualTo("ü");

        assertThatThrownBy(() -> new ProtocolWriter(8).writeString("x".repeat(40_000)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ProtocolWriter(8).writeString(null, true))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsDirectBuffers() {
        ByteBuffer direct = ByteBuffer.allocateDirect(16);
        direct.putShort((short) 2).put((byte) 'o').put((byte) 'k').flip();
        assertThat(new ProtocolReader(direct).readString()).isEqualTo("ok");
    }
}
