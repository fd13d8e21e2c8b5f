package dev.quill.producer.internal.sender;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.quill.producer.PartitionInfo;
import dev.quill.producer.errors.Errors;
import dev.quill.producer.internal.metadata.Cluster;
import dev.quill.producer.internal.network.Node;
import dev.quill.producer.internal.protocol.MetadataResponse;

/** Turns a Metadata response into the {@link Cluster} the producer routes by. */
final class MetadataResponses {

    private MetadataResponses() {
    }

    static Cluster toCluster(MetadataResponse response) {
        Map<Integer, Node> nodes = new HashMap<>();
        for (MetadataResponse.Broker b : response.brokers()) {
            nodes.put(b.nodeId(), new Node(b.nodeId(), b.host(), b.port(), b.rack()));
        }
        Map<String, List<PartitionInfo>> partitions = new HashMap<>();
        Map<String, Errors> errors = new HashMap<>();
        for (MetadataResponse.Topic topic : response.topics()) {
            if (topic.name() == null) {
                continue;
            }
            if (topic.error() != Errors.NONE) {
                errors.put(topic.name(), topic.error());
                continue;
            }
            List<PartitionInfo> infos = new ArrayList<>(topic.partitions().size());
            for (MetadataResponse.Partition p : topic.partitions()) {
                // A partition whose leader is offline keeps its slot, without a leader, so that
                // keyed records still map to the same partition numbers.
                int leader = p.leaderId() >= 0 && nodes.containsKey(p.leaderId()) ? p.leaderId() : PartitionInfo.NO_LEADER;
                infos.add(new PartitionInfo(topic.name(), p.partitionIndex(), leader, p.replicaNodes(), p.isrNodes()));
            }
            infos.sort(Comparator.comparingInt(PartitionInfo::partition));
            partitions.put(topic.name(), List.copyOf(infos));
        }
        return new Cluster(response.clusterId(), nodes, partitions, errors);
    }

    /** Whether some topic still lacks metadata or a leader, so another refresh should follow soon. */
    static boolean isIncomplete(Cluster cluster) {
        for (Errors error : cluster.topicErrors().values()) {
            if (error.isRetriable()) {
                return true;
            }
        }
        for (List<PartitionInfo> partitions : cluster.partitionsByTopic().values()) {
            for (PartitionInfo p : partitions) {
                if (!p.hasLeader()) {
                    return true;
                }
            }
        }
        return false;
    }
}
