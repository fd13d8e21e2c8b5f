package dev.quill.producer.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quill.producer.errors.ProducerException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NegotiatedVersionsTest {

    @Test
    void picksTheHighestVersionBothSidesSupport() {
        NegotiatedVersions versions = NegotiatedVersions.of("b1:9092", response(
                range(0, 3, 13), range(3, 0, 9), range(18, 0, 3), range(22, 0, 5)));

        assertThat(versions.versionFor(ApiKey.PRODUCE)).isEqualTo((short) 12);
        assertThat(versions.versionFor(ApiKey.METADATA)).isEqualTo((short) 9);
        assertThat(versions.versionFor(ApiKey.API_VERSIONS)).isEqualTo((short) 3);
        assertThat(versions.versionFor(ApiKey.INIT_PRODUCER_ID)).isEqualTo((short) 5);
        assertThat(versions.supports(ApiKey.SASL_HANDSHAKE)).isFalse();
        assertThat(versions.supports(ApiKey.FIND_COORDINATOR)).isFalse();
    }

    @Test
    void transactionApisNegotiateWithinQuillsRanges() {
        // The ranges a Kafka 4.1 broker lists.
        NegotiatedVersions versions = NegotiatedVersions.of("b1:9092", response(
                range(10, 0, 6), range(24, 0, 5), range(25, 0, 4), range(26, 0, 5), range(28, 0, 5)));

        assertThat(versions.versionFor(ApiKey.FIND_COORDINATOR)).isEqualTo((short) 6);
        assertThat(versions.versionFor(ApiKey.ADD_PARTITIONS_TO_TXN)).isEqualTo((short) 3);
        assertThat(versions.versionFor(ApiKey.ADD_OFFSETS_TO_TXN)).isEqualTo((short) 4);
        assertThat(versions.versionFor(ApiKey.END_TXN)).isEqualTo((short) 5);
        assertThat(versions.versionFor(ApiKey.TXN_OFFSET_COMMIT)).isEqualTo((short) 5);
    }

    @Test
    void findCoordinatorV0OnlyIsAMismatch() {
        NegotiatedVersions versions = NegotiatedVersions.of("b:1", response(range(10, 0, 0)));
        assertThatThrownBy(() -> versions.versionFor(ApiKey.FIND_COORDINATOR))
                .hasMessage("broker at b:1 supports FindCoordinator v0..v0, Quill needs v1..v6");
    }

    @Test
    void disjointRangesNameTheApiAndBothRanges() {
        NegotiatedVersions versions = NegotiatedVersions.of("kafka-1:9092", response(range(0, 0, 2)));

        assertThat(versions.supports(ApiKey.PRODUCE)).isFalse();
        assertThatThrownBy(() -> versions.versionFor(ApiKey.PRODUCE))
                .isExactlyInstanceOf(ProducerException.class)
                .hasMessage("broker at kafka-1:9092 supports Produce v0..v2, Quill needs v3..v12");
    }

    @Test
    void brokerAboveQuillsRangeIsAlsoAMismatch() {
        NegotiatedVersions versions = NegotiatedVersions.of("b:1", response(range(3, 13, 20)));
        assertThatThrownBy(() -> versions.versionFor(ApiKey.METADATA))
                .hasMessage("broker at b:1 supports Metadata v13..v20, Quill needs v4..v12");
    }

    @Test
    void missingApiSaysSo() {
        NegotiatedVersions versions = NegotiatedVersions.of("b:1", response());
        assertThatThrownBy(() -> versions.versionFor(ApiKey.INIT_PRODUCER_ID))
                .hasMessage("broker at b:1 does not support InitProducerId, Quill needs InitProducerId v0..v5");
    }

    private static ApiVersionsResponse response(ApiVersionsResponse.ApiVersion... ranges) {
        return new ApiVersionsResponse((short) 0, List.of(ranges), 0, ApiVersionsResponse.NO_FEATURES_EPOCH, Map.of());
    }

    private static ApiVersionsResponse.ApiVersion range(int key, int min, int max) {
        return new ApiVersionsResponse.ApiVersion((short) key, (short) min, (short) max);
    }
}
