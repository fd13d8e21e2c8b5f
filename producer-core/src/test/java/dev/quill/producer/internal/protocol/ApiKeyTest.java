package dev.quill.producer.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.protocol.ApiKeys;
import org.junit.jupiter.api.Test;

class ApiKeyTest {

    @Test
    void idsHeadersAndRangesAgreeWithKafka() {
        for (ApiKey quill : ApiKey.values()) {
            ApiKeys kafka = ApiKeys.forId(quill.id());
            assertThat(kafka.name).as("display name").isEqualTo(quill.displayName());
            assertThat(quill.oldestVersion()).isGreaterThanOrEqualTo(kafka.oldestVersion());
            // Only versions Kafka 4.1 calls stable: no broker in production speaks the others.
            assertThat(quill.latestVersion()).isLessThanOrEqualTo(kafka.latestVersion(false));
            for (short v = quill.oldestVersion(); v <= quill.latestVersion(); v++) {
                assertThat(quill.requestHeaderVersion(v)).as("%s v%d request header", quill, v)
                        .isEqualTo(kafka.requestHeaderVersion(v));
                assertThat(quill.responseHeaderVersion(v)).as("%s v%d response header", quill, v)
                        .isEqualTo(kafka.responseHeaderVersion(v));
            }
        }
    }

    @Test
    void quillRanges() {
        assertThat(ApiKey.PRODUCE.versionRange()).isEqualTo("v3..v12");
        assertThat(ApiKey.METADATA.versionRange()).isEqualTo("v4..v12");
        assertThat(ApiKey.API_VERSIONS.versionRange()).isEqualTo("v0..v4");
        assertThat(ApiKey.INIT_PRODUCER_ID.versionRange()).isEqualTo("v0..v5");
        assertThat(ApiKeys.INIT_PRODUCER_ID.latestVersion(false)).isEqualTo((short) 5);
        assertThat(ApiKey.FIND_COORDINATOR.versionRange()).isEqualTo("v1..v6");
        assertThat(ApiKey.ADD_PARTITIONS_TO_TXN.versionRange()).isEqualTo("v0..v3");
        // Clients stop at v3: v4+ is the brokers' own batched verification request.
        assertThat(ApiKeys.ADD_PARTITIONS_TO_TXN.latestVersion(false)).isGreaterThan((short) 3);
        assertThat(ApiKey.ADD_OFFSETS_TO_TXN.versionRange()).isEqualTo("v0..v4");
        assertThat(ApiKey.END_TXN.versionRange()).isEqualTo("v0..v5");
        assertThat(ApiKey.TXN_OFFSET_COMMIT.versionRange()).isEqualTo("v0..v5");
        assertThat(ApiKey.forId((short) 10)).isEqualTo(ApiKey.FIND_COORDINATOR);
        assertThat(ApiKey.forId((short) 28)).isEqualTo(ApiKey.TXN_OFFSET_COMMIT);
        assertThat(ApiKey.forId((short) 18)).isEqualTo(ApiKey.API_VERSIONS);
        assertThat(ApiKey.forId((short) 1)).isNull();
        assertThat(ApiKey.forId((short) 27)).isNull();
    }
}
