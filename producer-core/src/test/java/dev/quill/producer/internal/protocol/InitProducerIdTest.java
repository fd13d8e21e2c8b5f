package dev.quill.producer.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quill.producer.errors.Errors;
import java.nio.ByteBuffer;
import java.util.stream.IntStream;
import org.apache.kafka.common.message.InitProducerIdRequestData;
import org.apache.kafka.common.message.InitProducerIdResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.types.RawTaggedField;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class InitProducerIdTest {

    static IntStream versions() {
        return IntStream.rangeClosed(ApiKey.INIT_PRODUCER_ID.oldestVersion(), ApiKey.INIT_PRODUCER_ID.latestVersion());
    }

    @ParameterizedTest(name = "v{0}")
    @MethodSource("versions")
    void idempotentRequestParsesWithKafka(int v) {
        short version = (short) v;
        ByteBuffer frame = new InitProducerIdRequest(null, Integer.MAX_VALUE,
                InitProducerIdRequest.NO_PRODUCER_ID, InitProducerIdRequest.NO_PRODUCER_EPOCH)
                .encode(version, 3, "c");

        ByteBuffer body = KafkaWire.requestBody(frame, ApiKeys.INIT_PRODUCER_ID, version, 3, "c");
        InitProducerIdRequestData data = new InitProducerIdRequestData(KafkaWire.accessor(body), version);
        assertThat(body.hasRemaining()).isFalse();
        assertThat(data.transactionalId()).isNull();
        assertThat(data.transactionTimeoutMs()).isEqualTo(Integer.MAX_VALUE);
        assertThat(data.producerId()).isEqualTo(-1L);
        assertThat(data.producerEpoch()).isEqualTo((short) -1);
    }

    @ParameterizedTest(name = "v{0}")
    @MethodSource("versions")
    void epochBumpRequestParsesWithKafka(int v) {
        short version = (short) v;
        ByteBuffer frame = new InitProducerIdRequest("tx-1", 60_000, 4000L, (short) 7).encode(version, 4, "c");

        ByteBuffer body = KafkaWire.requestBody(frame, ApiKeys.INIT_PRODUCER_ID, version, 4, "c");
        InitProducerIdRequestData data = new InitProducerIdRequestData(KafkaWire.accessor(body), version);
        assertThat(data.transactionalId()).isEqualTo("tx-1");
        assertThat(data.transactionTimeoutMs()).isEqualTo(60_000);
        // Before v3 the ids cannot be sent; Kafka's reader then shows its defaults.
        assertThat(data.producerId()).isEqualTo(version >= 3 ? 4000L : -1L);
        assertThat(data.producerEpoch()).isEqualTo(version >= 3 ? (short) 7 : (short) -1);
    }

    @ParameterizedTest(name = "v{0}")
    @MethodSource("versions")
    void responseWrittenByKafkaParses(int v) {
        short version = (short) v;
        InitProducerIdResponseData data = new InitProducerIdResponseData()
                .setThrottleTimeMs(3).setErrorCode((short) 0).setProducerId(123_456L).setProducerEpoch((short) 2);
        if (version >= 2) {
            data.unknownTaggedFields().add(new RawTaggedField(1, new byte[] {5, 5}));
        }
        ByteBuffer frame = KafkaWire.responseFrame(ApiKeys.INIT_PRODUCER_ID, data, version, 77);

        assertThat(ResponseHeader.correlationId(frame)).isEqualTo(77);
        InitProducerIdResponse response = InitProducerIdResponse.parse(frame, version);

        assertThat(frame.hasRemaining()).isFalse();
        assertThat(response).isEqualTo(new InitProducerIdResponse(3, (short) 0, 123_456L, (short) 2));
        assertThat(response.error()).isEqualTo(Errors.NONE);
    }
}
