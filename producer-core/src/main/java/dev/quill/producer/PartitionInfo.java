package dev.quill.producer;

import java.util.List;

/**
 * What the producer knows of one partition from the latest metadata.
 *
 * @param leader the broker id of the leader, or {@link #NO_LEADER}
 * @param replicas broker ids of all replicas
 * @param inSyncReplicas broker ids of the replicas in sync with the leader
 */
public record PartitionInfo(String topic, int partition, int leader, List<Integer> replicas,
                            List<Integer> inSyncReplicas) {

    public static final int NO_LEADER = -1;

    public PartitionInfo {
        replicas = List.copyOf(replicas);
        inSyncReplicas = List.copyOf(inSyncReplicas);
    }

    public boolean hasLeader() {
        return leader >= 0;
    }
}
