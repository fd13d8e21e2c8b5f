package dev.quill.producer.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.types.RawTaggedField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MetadataTest {

    static IntStream versions() {
        return IntStream.rangeClosed(ApiKey.METADATA.oldestVersion(), ApiKey.METADATA.latestVersion());
    }

    @ParameterizedTest(name = "v{0}")
    @MethodSource("versions")
    void requestForTopicsParsesWithKafka(int v) {
        short version = (short) v;
        ByteBuffer frame = new MetadataRequest(List.of("orders", "payments-ü"), true).encode(version, 7, "app");

        ByteBuffer body = KafkaWire.requestBody(frame, ApiKeys.METADATA, version, 7, "app");
        MetadataRequestData data = new MetadataRequestData(KafkaWire.accessor(body), version);
        assertThat(body.hasRemaining()).isFalse();
        assertThat(data.topics()).extracting(MetadataRequestData.MetadataRequestTopic::name)
                .containsExactly("orders", "payments-ü");
        assertThat(data.topics()).allMatch(t -> t.topicId().equals(Uuid.ZERO_UUID));
        assertThat(data.allowAutoTopicCreation()).isTrue();
        assertThat(data.includeClusterAuthorizedOperations()).isFalse();
        assertThat(data.includeTopicAuthorizedOperations()).isFalse();
    }

    @ParameterizedTest(name = "v{0}")
    @MethodSource("versions")
    void requestForAllTopicsSendsANullArray(int v) {
        short version = (short) v;
        ByteBuffer frame = MetadataRequest.allTopics().encode(version, 8, null);

        ByteBuffer body = KafkaWire.requestBody(frame, ApiKeys.METADATA, version, 8, null);
        MetadataRequestData data = new MetadataRequestData(KafkaWire.accessor(body), version);
        assertThat(data.topics()).isNull();
        assertThat(data.allowAutoTopicCreation()).isFalse();
    }

    @ParameterizedTest(name = "v{0}")
    @MethodSource("versions")
    void responseWrittenByKafkaParses(int v) {
        short version = (short) v;
        Uuid topicId = Uuid.randomUuid();
        MetadataResponseData data = new MetadataResponseData()
                .setThrottleTimeMs(10)
                .setClusterId("cluster-A")
                .setControllerId(2);
        data.brokers().add(new MetadataResponseData.MetadataResponseBroker()
                .setNodeId(1).setHost("b1.example").setPort(9092).setRack("rack-a"));
        data.brokers().add(new MetadataResponseData.MetadataResponseBroker()
                .setNodeId(2).setHost("b2.example").setPort(9093).setRack(null));
        MetadataResponseData.MetadataResponseTopic orders = new MetadataResponseData.MetadataResponseTopic()
                .setErrorCode((short) 0)
                .setName("orders")
                .setTopicId(topicId)
                .setIsInternal(false)
                .setPartitions(List.of(
                        new MetadataResponseData.MetadataResponsePartition()
                                .setErrorCode((short) 0).setPartitionIndex(0).setLeaderId(1).setLeaderEpoch(4)
                                .setReplicaNodes(List.of(1, 2)).setIsrNodes(List.of(1, 2))
                                .setOfflineReplicas(List.of()),
                        new MetadataResponseData.MetadataResponsePartition()
                                .setErrorCode((short) 5).setPartitionIndex(1).setLeaderId(-1).setLeaderEpoch(9)
                                .setReplicaNodes(List.of(2, 1)).setIsrNodes(List.of(1))
                                .setOfflineReplicas(List.of(2))));
        MetadataResponseData.MetadataResponseTopic missing = new MetadataResponseData.MetadataResponseTopic()
                .setErrorCode((short) 3)
                .setName("missing")
                .setIsInternal(true)
                .setPartitions(List.of());
        if (version >= 8) {
            orders.setTopicAuthorizedOperations(0x0F);
        }
        if (version >= 8 && version <= 10) {
            data.setClusterAuthorizedOperations(0x1F);
        }
        data.topics().add(orders);
        data.topics().add(missing);
        if (version >= 9) {
            data.unknownTaggedFields().add(new RawTaggedField(3, new byte[] {1, 2, 3}));
            orders.unknownTaggedFields().add(new RawTaggedField(0, new byte[] {9}));
        }
        ByteBuffer frame = KafkaWire.responseFrame(ApiKeys.METADATA, data, version, 1234);

        assertThat(ResponseHeader.correlationId(frame)).isEqualTo(1234);
        MetadataResponse response = MetadataResponse.parse(frame, version);

        assertThat(frame.hasRemaining()).isFalse();
        assertThat(response.throttleTimeMs()).isEqualTo(10);
        assertThat(response.clusterId()).isEqualTo("cluster-A");
        assertThat(response.controllerId()).isEqualTo(2);
        assertThat(response.brokers()).containsExactly(
                new MetadataResponse.Broker(1, "b1.example", 9092, "rack-a"),
                new MetadataResponse.Broker(2, "b2.example", 9093, null));
        assertThat(response.topics()).hasSize(2);

        MetadataResponse.Topic quillOrders = response.topics().get(0);
        assertThat(quillOrders.name()).isEqualTo("orders");
        assertThat(quillOrders.errorCode()).isZero();
        assertThat(quillOrders.isInternal()).isFalse();
        assertThat(quillOrders.topicId()).isEqualTo(version >= 10
                ? new UUID(topicId.getMostSignificantBits(), topicId.getLeastSignificantBits())
                : new UUID(0, 0));
        assertThat(quillOrders.topicAuthorizedOperations())
                .isEqualTo(version >= 8 ? 0x0F : MetadataResponse.AUTHORIZED_OPERATIONS_OMITTED);
        assertThat(quillOrders.partitions()).containsExactly(
                new MetadataResponse.Partition((short) 0, 0, 1, version >= 7 ? 4 : -1,
                        List.of(1, 2), List.of(1, 2), List.of()),
                new MetadataResponse.Partition((short) 5, 1, -1, version >= 7 ? 9 : -1,
                        List.of(2, 1), List.of(1), version >= 5 ? List.of(2) : List.of()));

        MetadataResponse.Topic quillMissing = response.topics().get(1);
        assertThat(quillMissing.name()).isEqualTo("missing");
        assertThat(quillMissing.error()).isEqualTo(dev.quill.producer.errors.Errors.UNKNOWN_TOPIC_OR_PARTITION);
        assertThat(quillMissing.isInternal()).isTrue();
        assertThat(quillMissing.partitions()).isEmpty();
    }

    @Test
    void v12TopicAskedForByIdMayHaveNoName() {
        short version = 12;
        Uuid topicId = Uuid.randomUuid();
        MetadataResponseData data = new MetadataResponseData().setClusterId(null).setControllerId(-1);
        data.topics().add(new MetadataResponseData.MetadataResponseTopic()
                .setErrorCode((short) 100).setName(null).setTopicId(topicId).setPartitions(List.of()));
        ByteBuffer frame = KafkaWire.responseFrame(ApiKeys.METADATA, data, version, 1);

        MetadataResponse response = MetadataResponse.parse(frame, version);

        assertThat(response.clusterId()).isNull();
        assertThat(response.brokers()).isEmpty();
        MetadataResponse.Topic topic = response.topics().get(0);
        assertThat(topic.name()).isNull();
        assertThat(topic.error()).isEqualTo(dev.quill.producer.errors.Errors.UNKNOWN_TOPIC_ID);
        assertThat(topic.topicId()).isEqualTo(new UUID(topicId.getMostSignificantBits(), topicId.getLeastSignificantBits()));
    }
}
