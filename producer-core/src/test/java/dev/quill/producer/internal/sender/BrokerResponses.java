package dev.quill.producer.internal.sender;

import java.util.List;
import java.util.stream.IntStream;

import org.apache.kafka.common.message.AddPartitionsToTxnResponseData;
import org.apache.kafka.common.message.FindCoordinatorResponseData;
import org.apache.kafka.common.message.InitProducerIdResponseData;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.message.ProduceResponseData;

import dev.quill.producer.errors.Errors;
import dev.quill.producer.internal.network.Node;

/** Responses as a broker writes them, built with kafka-clients' message classes. */
final class BrokerResponses {

    private BrokerResponses() {
    }

    /** The brokers, and one topic whose partitions all have {@code leader} as leader and only replica. */
    static MetadataResponseData metadata(List<Node> brokers, String topic, int partitions, int leader) {
        MetadataResponseData response = new MetadataResponseData().setClusterId("test-cluster").setControllerId(leader);
        for (Node node : brokers) {
            response.brokers().add(new MetadataResponseData.MetadataResponseBroker()
                    .setNodeId(node.id()).setHost(node.host()).setPort(node.port()).setRack(node.rack()));
        }
        MetadataResponseData.MetadataResponseTopic t = new MetadataResponseData.MetadataResponseTopic().setName(topic);
        IntStream.range(0, partitions).forEach(p -> t.partitions().add(
                new MetadataResponseData.MetadataResponsePartition().setPartitionIndex(p).setLeaderId(leader)
                        .setLeaderEpoch(0).setReplicaNodes(List.of(leader)).setIsrNodes(List.of(leader))));
        response.topics().add(t);
        return response;
    }

    /** {@code node} coordinates {@code key}, as FindCoordinator v4 and later answer it. */
    static FindCoordinatorResponseData coordinator(String key, Node node) {
        return new FindCoordinatorResponseData().setCoordinators(List.of(new FindCoordinatorResponseData.Coordinator()
                .setKey(key).setNodeId(node.id()).setHost(node.host()).setPort(node.port())));
    }

    /** AddPartitionsToTxn's answer (up to v3) for partitions of one topic, each with the same error. */
    static AddPartitionsToTxnResponseData partitionsAdded(String topic, Errors error, int... partitions) {
        AddPartitionsToTxnResponseData.AddPartitionsToTxnPartitionResultCollection results =
                new AddPartitionsToTxnResponseData.AddPartitionsToTxnPartitionResultCollection();
        for (int partition : partitions) {
            results.add(new AddPartitionsToTxnResponseData.AddPartitionsToTxnPartitionResult()
                    .setPartitionIndex(partition).setPartitionErrorCode(error.code()));
        }
        AddPartitionsToTxnResponseData.AddPartitionsToTxnTopicResultCollection topics =
                new AddPartitionsToTxnResponseData.AddPartitionsToTxnTopicResultCollection();
        topics.add(new AddPartitionsToTxnResponseData.AddPartitionsToTxnTopicResult().setName(topic)
                .setResultsByPartition(results));
        return new AddPartitionsToTxnResponseData().setResultsByTopicV3AndBelow(topics);
    }

    static InitProducerIdResponseData producerId(long producerId, short epoch) {
        return new InitProducerIdResponseData().setProducerId(producerId).setProducerEpoch(epoch);
    }

    static InitProducerIdResponseData producerIdError(Errors error) {
        return new InitProducerIdResponseData().setErrorCode(error.code()).setProducerId(-1).setProducerEpoch((short) -1);
    }

    /** The partition's records were written from {@code baseOffset} on. */
    static ProduceResponseData produced(String topic, int partition, long baseOffset) {
        return produce(topic, partition(partition, Errors.NONE).setBaseOffset(baseOffset));
    }

    /** The partition's batch was refused with the error. */
    static ProduceResponseData produceError(String topic, int partition, Errors error) {
        return produce(topic, partition(partition, error));
    }

    static ProduceResponseData produce(String topic, ProduceResponseData.PartitionProduceResponse partition) {
        ProduceResponseData response = new ProduceResponseData();
        response.responses().add(new ProduceResponseData.TopicProduceResponse().setName(topic)
                .setPartitionResponses(List.of(partition)));
        return response;
    }

    /** A partition's answer without offsets, to amend. */
    static ProduceResponseData.PartitionProduceResponse partition(int partition, Errors error) {
        return new ProduceResponseData.PartitionProduceResponse().setIndex(partition).setErrorCode(error.code())
                .setBaseOffset(-1).setLogAppendTimeMs(-1).setLogStartOffset(-1);
    }
}
