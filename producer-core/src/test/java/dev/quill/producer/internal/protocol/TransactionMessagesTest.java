package dev.quill.producer.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quill.producer.errors.Errors;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.common.message.AddOffsetsToTxnRequestData;
import org.apache.kafka.common.message.AddOffsetsToTxnResponseData;
import org.apache.kafka.common.message.AddPartitionsToTxnRequestData;
import org.apache.kafka.common.message.AddPartitionsToTxnResponseData;
import org.apache.kafka.common.message.EndTxnRequestData;
import org.apache.kafka.common.message.EndTxnResponseData;
import org.apache.kafka.common.message.TxnOffsetCommitRequestData;
import org.apache.kafka.common.message.TxnOffsetCommitResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.types.RawTaggedField;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TransactionMessagesTest {

    static IntStream addPartitionsVersions() {
        return versions(ApiKey.ADD_PARTITIONS_TO_TXN);
    }

    static IntStream addOffsetsVersions() {
        return versions(ApiKey.ADD_OFFSETS_TO_TXN);
    }

    static IntStream txnOffsetCommitVersions() {
        return versions(ApiKey.TXN_OFFSET_COMMIT);
    }

    static IntStream endTxnVersions() {
        return versions(ApiKey.END_TXN);
    }

    private static IntStream versions(ApiKey api) {
        return IntStream.rangeClosed(api.oldestVersion(), api.latestVersion());
    }

    // AddPartitionsToTxn

    @ParameterizedTest(name = "v{0}")
    @MethodSource("addPartitionsVersions")
    void addPartitionsRequestParsesWithKafka(int v) {
        short version = (short) v;
        Map<String, List<Integer>> partitions = new LinkedHashMap<>();
        partitions.put("orders", List.of(2, 0));
        partitions.put("audit", List.of(7));
        partitions.put("empty", List.of());
        ByteBuffer frame = new AddPartitionsToTxnRequest("tx-1", 4000L, (short) 3, partitions).encode(version, 5, "c");

        ByteBuffer body = KafkaWire.requestBody(frame, ApiKeys.ADD_PARTITIONS_TO_TXN, version, 5, "c");
        AddPartitionsToTxnRequestData data = new AddPartitionsToTxnRequestData(KafkaWire.accessor(body), version);
        assertThat(body.hasRemaining()).isFalse();
        assertThat(data.v3AndBelowTransactionalId()).isEqualTo("tx-1");
        assertThat(data.v3AndBelowProducerId()).isEqualTo(4000L);
        assertThat(data.v3AndBelowProducerEpoch()).isEqualTo((short) 3);
        assertThat(data.transactions()).isEmpty();
        assertThat(data.v3AndBelowTopics()).extracting(AddPartitionsToTxnRequestData.AddPartitionsToTxnTopic::name)
                .containsExactly("orders", "audit", "empty");
        assertThat(data.v3AndBelowTopics().find("orders").partitions()).containsExactly(2, 0);
        assertThat(data.v3AndBelowTopics().find("audit").partitions()).containsExactly(7);
        assertThat(data.v3AndBelowTopics().find("empty").partitions()).isEmpty();
    }

    @ParameterizedTest(name = "v{0}")
    @MethodSource("addPartitionsVersions")
    void addPartitionsResponseWrittenByKafkaParses(int v) {
        short version = (short) v;
        AddPartitionsToTxnResponseData data = new AddPartitionsToTxnResponseData().setThrottleTimeMs(6);
        AddPartitionsToTxnResponseData.AddPartitionsToTxnTopicResult orders =
                new AddPartitionsToTxnResponseData.AddPartitionsToTxnTopicResult().setName("orders");
        orders.resultsByPartition().add(new AddPartitionsToTxnResponseData.AddPartitionsToTxnPartitionResult()
                .setPartitionIndex(2).setPartitionErrorCode((short) 0));
        orders.resultsByPartition().add(new AddPartitionsToTxnResponseData.AddPartitionsToTxnPartitionResult()
                .setPartitionIndex(0).setPartitionErrorCode((short) 51));
        AddPartitionsToTxnResponseData.AddPartitionsToTxnTopicResult audit =
                new AddPartitionsToTxnResponseData.AddPartitionsToTxnTopicResult().setName("audit");
        audit.resultsByPartition().add(new AddPartitionsToTxnResponseData.AddPartitionsToTxnPartitionResult()
                .setPartitionIndex(7).setPartitionErrorCode((short) 90));
        data.resultsByTopicV3AndBelow().add(orders);
        data.resultsByTopicV3AndBelow().add(audit);
        if (version >= 3) {
            orders.unknownTaggedFields().add(new RawTaggedField(4, new byte[] {1, 2}));
            audit.resultsByPartition().find(7).unknownTaggedFields().add(new RawTaggedField(5, new byte[] {3}));
        }
        ByteBuffer frame = responseFrame(ApiKeys.ADD_PARTITIONS_TO_TXN, data, version, 50);

        AddPartitionsToTxnResponse response = AddPartitionsToTxnResponse.parse(frame, version);

        assertThat(frame.hasRemaining()).isFalse();
        assertThat(response).isEqualTo(new AddPartitionsToTxnResponse(6, List.of(
                new PartitionError("orders", 2, (short) 0),
                new PartitionError("orders", 0, (short) 51),
                new PartitionError("audit", 7, (short) 90))));
        assertThat(response.results()).extracting(PartitionError::error)
                .containsExactly(Errors.NONE, Errors.CONCURRENT_TRANSACTIONS, Errors.PRODUCER_FENCED);
    }

    // AddOffsetsToTxn

    @ParameterizedTest(name = "v{0}")
    @MethodSource("addOffsetsVersions")
    void addOffsetsRequestParsesWithKafka(int v) {
        short version = (short) v;
        ByteBuffer frame = new AddOffsetsToTxnRequest("tx-1", 4000L, (short) 3, "group-1").encode(version, 6, "c");

        ByteBuffer body = KafkaWire.requestBody(frame, ApiKeys.ADD_OFFSETS_TO_TXN, version, 6, "c");
        AddOffsetsToTxnRequestData data = new AddOffsetsToTxnRequestData(KafkaWire.accessor(body), version);
        assertThat(body.hasRemaining()).isFalse();
        assertThat(data.transactionalId()).isEqualTo("tx-1");
        assertThat(data.producerId()).isEqualTo(4000L);
        assertThat(data.producerEpoch()).isEqualTo((short) 3);
        assertThat(data.groupId()).isEqualTo("group-1");
    }

    @ParameterizedTest(name = "v{0}")
    @MethodSource("addOffsetsVersions")
    void addOffsetsResponseWrittenByKafkaParses(int v) {
        short version = (short) v;
        AddOffsetsToTxnResponseData data = new AddOffsetsToTxnResponseData()
                .setThrottleTimeMs(4).setErrorCode((short) 16);
        ByteBuffer frame = responseFrame(ApiKeys.ADD_OFFSETS_TO_TXN, data, version, 51);

        AddOffsetsToTxnResponse response = AddOffsetsToTxnResponse.parse(frame, version);

        assertThat(frame.hasRemaining()).isFalse();
        assertThat(response).isEqualTo(new AddOffsetsToTxnResponse(4, (short) 16));
        assertThat(response.error()).isEqualTo(Errors.NOT_COORDINATOR);
    }

    // TxnOffsetCommit

    @ParameterizedTest(name = "v{0}")
    @MethodSource("txnOffsetCommitVersions")
    void txnOffsetCommitRequestParsesWithKafka(int v) {
        short version = (short) v;
        ByteBuffer frame = new TxnOffsetCommitRequest("tx-1", "group-1", 4000L, (short) 3, 11, "member-a",
                "instance-a", List.of(
                        new TxnOffsetCommitRequest.Offset("orders", 2, 100L, 4, "meta"),
                        new TxnOffsetCommitRequest.Offset("audit", 0, 7L, TxnOffsetCommitRequest.Offset.NO_LEADER_EPOCH,
                                null),
                        new TxnOffsetCommitRequest.Offset("orders", 0, 55L, 5, "")))
                .encode(version, 7, "c");

        ByteBuffer body = KafkaWire.requestBody(frame, ApiKeys.TXN_OFFSET_COMMIT, version, 7, "c");
        TxnOffsetCommitRequestData data = new TxnOffsetCommitRequestData(KafkaWire.accessor(body), version);
        assertThat(body.hasRemaining()).isFalse();
        assertThat(data.transactionalId()).isEqualTo("tx-1");
        assertThat(data.groupId()).isEqualTo("group-1");
        assertThat(data.producerId()).isEqualTo(4000L);
        assertThat(data.producerEpoch()).isEqualTo((short) 3);
        // Before v3 the group metadata cannot be sent; Kafka's reader then shows its defaults.
        assertThat(data.generationId()).isEqualTo(version >= 3 ? 11 : -1);
        assertThat(data.memberId()).isEqualTo(version >= 3 ? "member-a" : "");
        assertThat(data.groupInstanceId()).isEqualTo(version >= 3 ? "instance-a" : null);
        assertThat(data.topics()).extracting(TxnOffsetCommitRequestData.TxnOffsetCommitRequestTopic::name)
                .containsExactly("orders", "audit");

        List<TxnOffsetCommitRequestData.TxnOffsetCommitRequestPartition> orders = data.topics().get(0).partitions();
        assertThat(orders).hasSize(2);
        assertPartition(orders.get(0), 2, 100L, version >= 2 ? 4 : -1, "meta");
        assertPartition(orders.get(1), 0, 55L, version >= 2 ? 5 : -1, "");
        List<TxnOffsetCommitRequestData.TxnOffsetCommitRequestPartition> audit = data.topics().get(1).partitions();
        assertThat(audit).hasSize(1);
        assertPartition(audit.get(0), 0, 7L, -1, null);
    }

    @ParameterizedTest(name = "v{0}")
    @MethodSource("txnOffsetCommitVersions")
    void txnOffsetCommitWithoutGroupMetadataParsesWithKafka(int v) {
        short version = (short) v;
        ByteBuffer frame = new TxnOffsetCommitRequest("tx-1", "group-1", 4000L, (short) 3,
                TxnOffsetCommitRequest.UNKNOWN_GENERATION_ID, "", null, List.of())
                .encode(version, 8, "c");

        ByteBuffer body = KafkaWire.requestBody(frame, ApiKeys.TXN_OFFSET_COMMIT, version, 8, "c");
        TxnOffsetCommitRequestData data = new TxnOffsetCommitRequestData(KafkaWire.accessor(body), version);
        assertThat(body.hasRemaining()).isFalse();
        assertThat(data.generationId()).isEqualTo(-1);
        assertThat(data.memberId()).isEmpty();
        assertThat(data.groupInstanceId()).isNull();
        assertThat(data.topics()).isEmpty();
    }

    @ParameterizedTest(name = "v{0}")
    @MethodSource("txnOffsetCommitVersions")
    void txnOffsetCommitResponseWrittenByKafkaParses(int v) {
        short version = (short) v;
        TxnOffsetCommitResponseData.TxnOffsetCommitResponseTopic orders =
                new TxnOffsetCommitResponseData.TxnOffsetCommitResponseTopic().setName("orders");
        orders.partitions().add(new TxnOffsetCommitResponseData.TxnOffsetCommitResponsePartition()
                .setPartitionIndex(2).setErrorCode((short) 0));
        orders.partitions().add(new TxnOffsetCommitResponseData.TxnOffsetCommitResponsePartition()
                .setPartitionIndex(0).setErrorCode((short) 16));
        TxnOffsetCommitResponseData.TxnOffsetCommitResponseTopic audit =
                new TxnOffsetCommitResponseData.TxnOffsetCommitResponseTopic().setName("audit");
        audit.partitions().add(new TxnOffsetCommitResponseData.TxnOffsetCommitResponsePartition()
                .setPartitionIndex(7).setErrorCode((short) 22));
        TxnOffsetCommitResponseData data = new TxnOffsetCommitResponseData().setThrottleTimeMs(9)
                .setTopics(List.of(orders, audit));
        if (version >= 3) {
            audit.unknownTaggedFields().add(new RawTaggedField(2, new byte[] {8}));
            orders.partitions().get(1).unknownTaggedFields().add(new RawTaggedField(6, new byte[] {1, 1}));
        }
        ByteBuffer frame = responseFrame(ApiKeys.TXN_OFFSET_COMMIT, data, version, 52);

        TxnOffsetCommitResponse response = TxnOffsetCommitResponse.parse(frame, version);

        assertThat(frame.hasRemaining()).isFalse();
        assertThat(response).isEqualTo(new TxnOffsetCommitResponse(9, List.of(
                new PartitionError("orders", 2, (short) 0),
                new PartitionError("orders", 0, (short) 16),
                new PartitionError("audit", 7, (short) 22))));
        assertThat(response.results()).extracting(PartitionError::error)
                .containsExactly(Errors.NONE, Errors.NOT_COORDINATOR, Errors.ILLEGAL_GENERATION);
    }

    // EndTxn

    @ParameterizedTest(name = "v{0}")
    @MethodSource("endTxnVersions")
    void endTxnRequestParsesWithKafka(int v) {
        short version = (short) v;
        for (boolean committed : new boolean[] {true, false}) {
            ByteBuffer frame = new EndTxnRequest("tx-1", 4000L, (short) 3, committed).encode(version, 9, "c");

            ByteBuffer body = KafkaWire.requestBody(frame, ApiKeys.END_TXN, version, 9, "c");
            EndTxnRequestData data = new EndTxnRequestData(KafkaWire.accessor(body), version);
            assertThat(body.hasRemaining()).isFalse();
            assertThat(data.transactionalId()).isEqualTo("tx-1");
            assertThat(data.producerId()).isEqualTo(4000L);
            assertThat(data.producerEpoch()).isEqualTo((short) 3);
            assertThat(data.committed()).isEqualTo(committed);
        }
    }

    @ParameterizedTest(name = "v{0}")
    @MethodSource("endTxnVersions")
    void endTxnResponseWrittenByKafkaParses(int v) {
        short version = (short) v;
        EndTxnResponseData data = new EndTxnResponseData()
                .setThrottleTimeMs(2).setErrorCode((short) 0).setProducerId(4000L).setProducerEpoch((short) 4);
        ByteBuffer frame = responseFrame(ApiKeys.END_TXN, data, version, 53);

        EndTxnResponse response = EndTxnResponse.parse(frame, version);

        assertThat(frame.hasRemaining()).isFalse();
        // Before v5 the new epoch cannot be sent (Kafka's writer drops it): -1/-1.
        assertThat(response).isEqualTo(version >= 5
                ? new EndTxnResponse(2, (short) 0, 4000L, (short) 4)
                : new EndTxnResponse(2, (short) 0, -1L, (short) -1));
        assertThat(response.error()).isEqualTo(Errors.NONE);
    }

    @ParameterizedTest(name = "v{0}")
    @MethodSource("endTxnVersions")
    void fencedEndTxnResponseParses(int v) {
        short version = (short) v;
        EndTxnResponseData data = new EndTxnResponseData().setThrottleTimeMs(0).setErrorCode((short) 90);
        ByteBuffer frame = responseFrame(ApiKeys.END_TXN, data, version, 54);

        EndTxnResponse response = EndTxnResponse.parse(frame, version);

        assertThat(frame.hasRemaining()).isFalse();
        assertThat(response).isEqualTo(new EndTxnResponse(0, (short) 90, -1L, (short) -1));
        assertThat(response.error()).isEqualTo(Errors.PRODUCER_FENCED);
    }

    /** The response as a broker sends it, with an unknown tagged field on flexible versions. */
    private static ByteBuffer responseFrame(ApiKeys api, ApiMessage data, short version, int correlationId) {
        if (api.responseHeaderVersion(version) >= 1) {
            data.unknownTaggedFields().add(new RawTaggedField(9, new byte[] {7, 7}));
        }
        ByteBuffer frame = KafkaWire.responseFrame(api, data, version, correlationId);
        assertThat(ResponseHeader.correlationId(frame)).isEqualTo(correlationId);
        return frame;
    }

    private static void assertPartition(TxnOffsetCommitRequestData.TxnOffsetCommitRequestPartition partition,
                                        int index, long offset, int leaderEpoch, String metadata) {
        assertThat(partition.partitionIndex()).isEqualTo(index);
        assertThat(partition.committedOffset()).isEqualTo(offset);
        assertThat(partition.committedLeaderEpoch()).isEqualTo(leaderEpoch);
        assertThat(partition.committedMetadata()).isEqualTo(metadata);
    }
}
