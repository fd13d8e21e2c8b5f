package dev.quill.producer.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.apache.kafka.common.message.ResponseHeaderData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.ObjectSerializationCache;
import org.apache.kafka.common.requests.RequestHeader;

/** Bridges Quill's frames and kafka-clients' generated message classes in tests. */
public final class KafkaWire {

    private KafkaWire() {
    }

    /** Concatenates a gathered frame, as the socket would see it. */
    public static ByteBuffer join(ByteBuffer... parts) {
        int size = 0;
        for (ByteBuffer part : parts) {
            size += part.remaining();
        }
        ByteBuffer joined = ByteBuffer.allocate(size);
        for (ByteBuffer part : parts) {
            joined.put(part.duplicate());
        }
        return joined.flip();
    }

    /**
     * Checks the size prefix and parses the request header with kafka-clients; the returned buffer is
     * positioned at the body.
     */
    public static ByteBuffer requestBody(ByteBuffer frame, ApiKeys api, short version, int correlationId, String clientId) {
        ByteBuffer buf = frame.duplicate();
        assertThat(buf.getInt()).as("size prefix").isEqualTo(buf.remaining());
        RequestHeader header = RequestHeader.parse(buf);
        assertThat(header.apiKey()).isEqualTo(api);
        assertThat(header.apiVersion()).isEqualTo(version);
        assertThat(header.correlationId()).isEqualTo(correlationId);
        if (clientId == null) {
            // kafka-clients reads a null client id as "", so check the wire: length -1 after key, version, id.
            assertThat(frame.getShort(frame.position() + 4 + 8)).isEqualTo((short) -1);
        } else {
            assertThat(header.clientId()).isEqualTo(clientId);
        }
        assertThat(header.headerVersion()).isEqualTo(api.requestHeaderVersion(version));
        return buf;
    }

    public static ByteBufferAccessor accessor(ByteBuffer buf) {
        return new ByteBufferAccessor(buf);
    }

    /** A response frame body (no size prefix) as a broker would send it. */
    public static ByteBuffer responseFrame(ApiKeys api, ApiMessage data, short version, int correlationId) {
        return responseFrame(data, version, api.responseHeaderVersion(version), correlationId);
    }

    public static ByteBuffer responseFrame(ApiMessage data, short version, short headerVersion, int correlationId) {
        ResponseHeaderData header = new ResponseHeaderData().setCorrelationId(correlationId);
        ObjectSerializationCache cache = new ObjectSerializationCache();
        int size = header.size(cache, headerVersion) + data.size(cache, version);
        ByteBuffer buf = ByteBuffer.allocate(size);
        ByteBufferAccessor accessor = new ByteBufferAccessor(buf);
        header.write(accessor, cache, headerVersion);
        data.write(accessor, cache, version);
        assertThat(buf.hasRemaining()).isFalse();
        return buf.flip();
    }
}
