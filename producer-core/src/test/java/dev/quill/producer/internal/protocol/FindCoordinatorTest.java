package dev.quill.producer.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quill.producer.errors.Errors;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.kafka.common.message.FindCoordinatorRequestData;
import org.apache.kafka.common.message.FindCoordinatorResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.types.RawTaggedField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FindCoordinatorTest {

    static IntStream versions() {
        return IntStream.rangeClosed(ApiKey.FIND_COORDINATOR.oldestVersion(), ApiKey.FIND_COORDINATOR.latestVersion());
    }

    @ParameterizedTest(name = "v{0}")
    @MethodSource("versions")
    void transactionCoordinatorRequestParsesWithKafka(int v) {
        short version = (short) v;
        ByteBuffer frame = new FindCoordinatorRequest(FindCoordinatorRequest.KEY_TYPE_TRANSACTION, "tx-ü")
                .encode(version, 8, "c");

        ByteBuffer body = KafkaWire.requestBody(frame, ApiKeys.FIND_COORDINATOR, version, 8, "c");
        FindCoordinatorRequestData data = new FindCoordinatorRequestData(KafkaWire.accessor(body), version);
        assertThat(body.hasRemaining()).isFalse();
        assertThat(data.keyType()).isEqualTo((byte) 1);
        // The single key moved into a list in v4; Kafka's reader shows the other field's default.
        assertThat(data.key()).isEqualTo(version >= 4 ? "" : "tx-ü");
        assertThat(data.coordinatorKeys()).isEqualTo(version >= 4 ? List.of("tx-ü") : List.of());
    }

    @ParameterizedTest(name = "v{0}")
    @MethodSource("versions")
    void groupCoordinatorRequestParsesWithKafka(int v) {
        short version = (short) v;
        ByteBuffer frame = new FindCoordinatorRequest(FindCoordinatorRequest.KEY_TYPE_GROUP, "group-1")
                .encode(version, 9, null);

        ByteBuffer body = KafkaWire.requestBody(frame, ApiKeys.FIND_COORDINATOR, version, 9, null);
        FindCoordinatorRequestData data = new FindCoordinatorRequestData(KafkaWire.accessor(body), version);
        assertThat(body.hasRemaining()).isFalse();
        assertThat(data.keyType()).isEqualTo((byte) 0);
        assertThat(version >= 4 ? data.coordinatorKeys().get(0) : data.key()).isEqualTo("group-1");
    }

    @ParameterizedTest(name = "v{0}")
    @MethodSource("versions")
    void responseWrittenByKafkaParses(int v) {
        short version = (short) v;
        ByteBuffer frame = KafkaWire.responseFrame(ApiKeys.FIND_COORDINATOR,
                response(version, (short) 0, null, 3, "broker-3.example", 9093), version, 41);

        assertThat(ResponseHeader.correlationId(frame)).isEqualTo(41);
        FindCoordinatorResponse response = FindCoordinatorResponse.parse(frame, version);

        assertThat(frame.hasRemaining()).isFalse();
        assertThat(response).isEqualTo(new FindCoordinatorResponse(12, (short) 0, null, 3, "broker-3.example", 9093));
        assertThat(response.error()).isEqualTo(Errors.NONE);
    }

    @ParameterizedTest(name = "v{0}")
    @MethodSource("versions")
    void errorResponseParses(int v) {
        short version = (short) v;
        ByteBuffer frame = KafkaWire.responseFrame(ApiKeys.FIND_COORDINATOR,
                response(version, (short) 15, "loading", -1, "", -1), version, 42);

        FindCoordinatorResponse response = FindCoordinatorResponse.parse(frame, version);

        assertThat(frame.hasRemaining()).isFalse();
        assertThat(response.error()).isEqualTo(Errors.COORDINATOR_NOT_AVAILABLE);
        assertThat(response.errorMessage()).isEqualTo("loading");
        assertThat(response.nodeId()).isEqualTo(-1);
        assertThat(response.host()).isEmpty();
        assertThat(response.port()).isEqualTo(-1);
    }

    @Test
    void v4ResponseWithoutCoordinatorsIsMalformed() {
        short version = 4;
        ByteBuffer frame = KafkaWire.responseFrame(ApiKeys.FIND_COORDINATOR,
                new FindCoordinatorResponseData().setThrottleTimeMs(0), version, 43);

        assertThatThrownBy(() -> FindCoordinatorResponse.parse(frame, version))
                .isInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("FindCoordinator v4")
                .hasMessageContaining("no coordinator");
    }

    private static FindCoordinatorResponseData response(short version, short errorCode, String errorMessage,
                                                        int nodeId, String host, int port) {
        FindCoordinatorResponseData data = new FindCoordinatorResponseData().setThrottleTimeMs(12);
        if (version >= 4) {
            data.coordinators().add(new FindCoordinatorResponseData.Coordinator().setKey("tx-1").setNodeId(nodeId)
                    .setHost(host).setPort(port).setErrorCode(errorCode).setErrorMessage(errorMessage));
            data.coordinators().get(0).unknownTaggedFields().add(new RawTaggedField(7, new byte[] {1}));
        } else {
            data.setErrorCode(errorCode).setErrorMessage(errorMessage).setNodeId(nodeId).setHost(host).setPort(port);
        }
        if (version >= 3) {
            data.unknownTaggedFields().add(new RawTaggedField(3, new byte[] {9, 9, 9}));
        }
        return data;
    }
}
