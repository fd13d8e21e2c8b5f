package dev.quill.producer.internal.metadata;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.quill.producer.PartitionInfo;
import dev.quill.producer.errors.Errors;
import dev.quill.producer.internal.network.Node;

/**
 * An immutable view of the cluster from one metadata response: brokers, and for each topic in use its
 * partitions and their leaders. Replaced whole on every refresh, so readers on any thread see a
 * consistent picture without locks.
 */
public final class Cluster {

    public static final Cluster EMPTY = new Cluster(null, Map.of(), Map.of(), Map.of());

    private final String clusterId;
    private final Map<Integer, Node> nodes;
    private final Map<String, List<PartitionInfo>> partitionsByTopic;
    private final Map<String, Errors> topicErrors;
    private final Map<Integer, List<PartitionInfo>> partitionsByLeader;

    public Cluster(String clusterId, Map<Integer, Node> nodes, Map<String, List<PartitionInfo>> partitionsByTopic,
                   Map<String, Errors> topicErrors) {
        this.clusterId = clusterId;
        this.nodes = Map.copyOf(nodes);
        this.partitionsByTopic = Map.copyOf(partitionsByTopic);
        this.topicErrors = Map.copyOf(topicErrors);
        Map<Integer, List<PartitionInfo>> byLeader = new HashMap<>();
        for (List<PartitionInfo> partitions : partitionsByTopic.values()) {
            for (PartitionInfo p : partitions) {
                if (p.hasLeader()) {
                    byLeader.computeIfAbsent(p.leader(), id -> new ArrayList<>()).add(p);
                }
            }
        }
        byLeader.replaceAll((id, list) -> List.copyOf(list));
        this.partitionsByLeader = Map.copyOf(byLeader);
    }

    public String clusterId() {
        return clusterId;
    }

    public Map<Integer, Node> nodes() {
        return nodes;
    }

    public Node node(int id) {
        return nodes.get(id);
    }

    /** Every partition of the topic ordered by number, or null when the topic is not known (yet). */
    public List<PartitionInfo> partitionsFor(String topic) {
        return partitionsByTopic.get(topic);
    }

    public Map<String, List<PartitionInfo>> partitionsByTopic() {
        return partitionsByTopic;
    }

    /** The error the brokers gave for the topic in the last metadata response, or null. */
    public Errors topicError(String topic) {
        return topicErrors.get(topic);
    }

    public Map<String, Errors> topicErrors() {
        return topicErrors;
    }

    /** The partitions this broker leads. */
    public List<PartitionInfo> partitionsLedBy(int nodeId) {
        return partitionsByLeader.getOrDefault(nodeId, List.of());
    }

    /** The leader's broker id for a partition, or {@link PartitionInfo#NO_LEADER}. */
    public int leaderFor(String topic, int partition) {
        List<PartitionInfo> partitions = partitionsByTopic.get(topic);
        if (partitions == null || partition >= partitions.size()) {
            return PartitionInfo.NO_LEADER;
        }
        return partitions.get(partition).leader();
    }

    /** This cluster with one partition led by {@code leader}; this same object when the partition is unknown. */
    public Cluster withLeader(String topic, int partition, Node leader) {
        List<PartitionInfo> partitions = partitionsByTopic.get(topic);
        if (partitions == null || partition >= partitions.size()) {
            return this;
        }
        List<PartitionInfo> moved = new ArrayList<>(partitions);
        PartitionInfo old = moved.get(partition);
        moved.set(partition, new PartitionInfo(topic, partition, leader.id(), old.replicas(), old.inSyncReplicas()));
        Map<String, List<PartitionInfo>> byTopic = new HashMap<>(partitionsByTopic);
        byTopic.put(topic, List.copyOf(moved));
        Map<Integer, Node> allNodes = new HashMap<>(nodes);
        allNodes.putIfAbsent(leader.id(), leader);
        return new Cluster(clusterId, allNodes, byTopic, topicErrors);
    }

}
