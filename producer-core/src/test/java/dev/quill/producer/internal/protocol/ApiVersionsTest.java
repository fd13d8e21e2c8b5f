package dev.quill.producer.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quill.producer.errors.Errors;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.common.message.ApiVersionsRequestData;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.types.RawTaggedField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ApiVersionsTest {

    static IntStream versions() {
        return IntStream.rangeClosed(ApiKey.API_VERSIONS.oldestVersion(), ApiKey.API_VERSIONS.latestVersion());
    }

    @ParameterizedTest(name = "v{0}")
    @MethodSource("versions")
    void requestParsesWithKafka(int v) {
        short version = (short) v;
        ByteBuffer frame = new ApiVersionsRequest("quill-java", "1.2.3").encode(version, 17, "client-1");

        ByteBuffer body = KafkaWire.requestBody(frame, ApiKeys.API_VERSIONS, version, 17, "client-1");
        ApiVersionsRequestData data = new ApiVersionsRequestData(KafkaWire.accessor(body), version);
        assertThat(body.hasRemaining()).isFalse();
        if (version >= 3) {
            assertThat(data.clientSoftwareName()).isEqualTo("quill-java");
            assertThat(data.clientSoftwareVersion()).isEqualTo("1.2.3");
        }
    }

    @ParameterizedTest(name = "v{0}")
    @MethodSource("versions")
    void responseWrittenByKafkaParses(int v) {
        short version = (short) v;
        ApiVersionsResponseData data = new ApiVersionsResponseData().setErrorCode((short) 0);
        data.apiKeys().add(apiVersion(0, 3, 13));
        data.apiKeys().add(apiVersion(3, 0, 13));
        data.apiKeys().add(apiVersion(18, 0, 4));
        if (version >= 1) {
            data.setThrottleTimeMs(25);
        }
        if (version >= 3) {
            // Tagged fields Quill does not model must be skipped.
            data.supportedFeatures().add(new ApiVersionsResponseData.SupportedFeatureKey()
                    .setName("metadata.version").setMinVersion((short) 7).setMaxVersion((short) 27));
            data.setFinalizedFeaturesEpoch(12L);
            data.setZkMigrationReady(true);
        }
        ByteBuffer frame = KafkaWire.responseFrame(ApiKeys.API_VERSIONS, data, version, 99);

        assertThat(ResponseHeader.correlationId(frame)).isEqualTo(99);
        ApiVersionsResponse response = ApiVersionsResponse.parse(frame, version);

        assertThat(frame.hasRemaining()).isFalse();
        assertThat(response.error()).isEqualTo(Errors.NONE);
        assertThat(response.throttleTimeMs()).isEqualTo(version >= 1 ? 25 : 0);
        assertThat(response.apiKeys()).containsExactly(
                new ApiVersionsResponse.ApiVersion((short) 0, (short) 3, (short) 13),
                new ApiVersionsResponse.ApiVersion((short) 3, (short) 0, (short) 13),
                new ApiVersionsResponse.ApiVersion((short) 18, (short) 0, (short) 4));
        assertThat(response.finalizedFeaturesEpoch()).isEqualTo(version >= 3 ? 12L : -1L);
        assertThat(response.finalizedFeatures()).isEmpty();
    }

    @ParameterizedTest(name = "v{0}")
    @MethodSource("versions")
    void finalizedFeaturesWrittenByKafkaParse(int v) {
        short version = (short) v;
        ApiVersionsResponseData data = new ApiVersionsResponseData().setErrorCode((short) 0);
        data.apiKeys().add(apiVersion(26, 0, 5));
        // What the broker could enable is not what the cluster runs at: it must not be read as finalized.
        data.supportedFeatures().add(new ApiVersionsResponseData.SupportedFeatureKey()
                .setName("group.version").setMinVersion((short) 0).setMaxVersion((short) 1));
        data.setFinalizedFeaturesEpoch(5L);
        data.finalizedFeatures().add(new ApiVersionsResponseData.FinalizedFeatureKey()
                .setName("transaction.version").setMinVersionLevel((short) 0).setMaxVersionLevel((short) 2));
        if (version >= 3) {
            data.finalizedFeatures().find("transaction.version").unknownTaggedFields()
                    .add(new RawTaggedField(4, new byte[] {1}));
        }
        ByteBuffer frame = KafkaWire.responseFrame(ApiKeys.API_VERSIONS, data, version, 7);

        ApiVersionsResponse response = ApiVersionsResponse.parse(frame, version);

        assertThat(frame.hasRemaining()).isFalse();
        // Before v3 there is nowhere to put features; Kafka's writer drops them.
        if (version >= 3) {
            assertThat(response.finalizedFeaturesEpoch()).isEqualTo(5L);
            assertThat(response.finalizedFeatures()).isEqualTo(Map.of("transaction.version", (short) 2));
            assertThat(response.finalizedLevel("transaction.version")).isEqualTo((short) 2);
        } else {
            assertThat(response.finalizedFeaturesEpoch()).isEqualTo(ApiVersionsResponse.NO_FEATURES_EPOCH);
            assertThat(response.finalizedFeatures()).isEmpty();
            assertThat(response.finalizedLevel("transaction.version")).isZero();
        }
        assertThat(response.finalizedLevel("group.version")).isZero();
        assertThat(response.apiKeys()).containsExactly(
                new ApiVersionsResponse.ApiVersion((short) 26, (short) 0, (short) 5));
    }

    @Test
    void unsupportedVersionAnswerInV0FormTellsWhichVersionToRetry() {
        ApiVersionsResponseData data = new ApiVersionsResponseData()
                .setErrorCode(org.apache.kafka.common.protocol.Errors.UNSUPPORTED_VERSION.code());
        data.apiKeys().add(apiVersion(18, 0, 2));
        // What an old broker sends back to a v4 request it does not know.
        ByteBuffer frame = KafkaWire.responseFrame(data, (short) 0, (short) 0, 5);

        ApiVersionsResponse response = ApiVersionsResponse.parse(frame, (short) 4);

        assertThat(response.error()).isEqualTo(Errors.UNSUPPORTED_VERSION);
        assertThat(response.retryVersion()).isEqualTo((short) 2);
        assertThatThrownBy(() -> NegotiatedVersions.of("b1:9092", response))
                .hasMessageContaining("UNSUPPORTED_VERSION")
                .hasMessageContaining("b1:9092");
    }

    @Test
    void retryVersionIsCappedByQuillsOwnRangeAndDefaultsToZero() {
        ApiVersionsResponse newer = new ApiVersionsResponse((short) 35,
                List.of(new ApiVersionsResponse.ApiVersion((short) 18, (short) 0, (short) 9)), 0,
                ApiVersionsResponse.NO_FEATURES_EPOCH, Map.of());
        assertThat(newer.retryVersion()).isEqualTo((short) 4);
        assertThat(new ApiVersionsResponse((short) 35, List.of(), 0, ApiVersionsResponse.NO_FEATURES_EPOCH, Map.of())
                .retryVersion()).isZero();
    }

    @Test
    void truncatedResponseIsMalformed() {
        ApiVersionsResponseData data = new ApiVersionsResponseData();
        data.apiKeys().add(apiVersion(0, 3, 13));
        ByteBuffer frame = KafkaWire.responseFrame(ApiKeys.API_VERSIONS, data, (short) 3, 1);
        frame.limit(frame.limit() - 4);
        assertThatThrownBy(() -> ApiVersionsResponse.parse(frame, (short) 3))
                .isInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("ApiVersions");
    }

    static ApiVersionsResponseData.ApiVersion apiVersion(int key, int min, int max) {
        return new ApiVersionsResponseData.ApiVersion()
                .setApiKey((short) key).setMinVersion((short) min).setMaxVersion((short) max);
    }
}
