package dev.quill.producer.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KafkaClusterSmokeTest {

    @Test
    void whenTopicCreatedThenEveryPartitionHasALeader() {
        KafkaCluster cluster = KafkaCluster.shared();
        String topic = cluster.createTopic(KafkaCluster.uniqueTopic("smoke"), 3, 1);
        assertThat(cluster.endOffsets(topic)).containsOnlyKeys(0, 1, 2).allSatisfy((p, o) -> assertThat(o).isZero());
    }
}
