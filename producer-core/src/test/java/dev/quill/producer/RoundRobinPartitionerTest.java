package dev.quill.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quill.producer.errors.ConfigException;
import dev.quill.producer.internal.partition.Partitioners;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

class RoundRobinPartitionerTest {

    private static List<PartitionInfo> partitions(String topic, int count, int... leaderless) {
        List<PartitionInfo> out = new ArrayList<>();
        for (int p = 0; p < count; p++) {
            boolean down = false;
            for (int l : leaderless) {
                down |= l == p;
            }
            out.add(new PartitionInfo(topic, p, down ? PartitionInfo.NO_LEADER : 1, List.of(1), List.of(1)));
        }
        return out;
    }

    @Test
    void goesRoundAllPartitionsInTurnIgnoringKeys() {
        RoundRobinPartitioner partitioner = new RoundRobinPartitioner();
        List<PartitionInfo> parts = partitions("t", 3);
        List<Integer> chosen = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            chosen.add(partitioner.partition("t", "same-key", new byte[] {1}, "v", null, parts));
        }
        assertThat(chosen).containsExactly(0, 1, 2, 0, 1, 2, 0);
    }

    @Test
    void countsPerTopic() {
        RoundRobinPartitioner partitioner = new RoundRobinPartitioner();
        assertThat(partitioner.partition("a", null, null, null, null, partitions("a", 4))).isZero();
        assertThat(partitioner.partition("a", null, null, null, null, partitions("a", 4))).isEqualTo(1);
        assertThat(partitioner.partition("b", null, null, null, null, partitions("b", 4))).isZero();
    }

    @Test
    void skipsPartitionsWithoutALeaderUnlessAllLackOne() {
        RoundRobinPartitioner partitioner = new RoundRobinPartitioner();
        List<PartitionInfo> parts = partitions("t", 4, 1, 2);
        List<Integer> chosen = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            chosen.add(partitioner.partition("t", null, null, null, null, parts));
        }
        assertThat(chosen).containsExactly(0, 3, 0, 3);
        List<PartitionInfo> none = partitions("u", 3, 0, 1, 2);
        assertThat(partitioner.partition("u", null, null, null, null, none)).isZero();
        assertThat(partitioner.partition("u", null, null, null, null, none)).isEqualTo(1);
    }

    @Test
    void choosesAsKafkaClientsRoundRobinPartitioner() {
        Node node = new Node(1, "localhost", 9092);
        List<org.apache.kafka.common.PartitionInfo> kafkaParts = new ArrayList<>();
        for (int p = 0; p < 5; p++) {
            Node leader = p == 3 ? null : node;
            kafkaParts.add(new org.apache.kafka.common.PartitionInfo("t", p, leader, new Node[] {node}, new Node[] {node}));
        }
        Cluster cluster = new Cluster("c", List.of(node), kafkaParts, Set.of(), Set.of());
        var kafka = new org.apache.kafka.clients.producer.RoundRobinPartitioner();
        RoundRobinPartitioner ours = new RoundRobinPartitioner();
        List<PartitionInfo> parts = partitions("t", 5, 3);
        for (int i = 0; i < 50; i++) {
            assertThat(ours.partition("t", null, null, null, null, parts))
                    .isEqualTo(kafka.partition("t", null, null, null, null, cluster));
        }
        kafka.close();
    }

    @Test
    void partitionerClassResolvesKafkaAndQuillNames() {
        assertThat(Partitioners.resolve("partitioner.class", "org.apache.kafka.clients.producer.RoundRobinPartitioner"))
                .isEqualTo(RoundRobinPartitioner.class);
        assertThat(Partitioners.resolve("partitioner.class", org.apache.kafka.clients.producer.RoundRobinPartitioner.class))
                .isEqualTo(RoundRobinPartitioner.class);
        assertThat(Partitioners.resolve("partitioner.class", "dev.quill.producer.RoundRobinPartitioner"))
                .isEqualTo(RoundRobinPartitioner.class);
        assertThat(Partitioners.instantiate("partitioner.class", FixedPartitioner.class)).isInstanceOf(FixedPartitioner.class);
    }

    @Test
    void partitionerClassErrorsNameTheKeyTheClassAndTheReason() {
        assertThatThrownBy(() -> Partitioners.resolve("partitioner.class", "com.example.Missing"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid value com.example.Missing for configuration partitioner.class: "
                        + "Class com.example.Missing could not be found");
        assertThatThrownBy(() -> Partitioners.resolve("partitioner.class", KafkaOnlyPartitioner.class))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("partitioner.class")
                .hasMessageContaining(KafkaOnlyPartitioner.class.getName())
                .hasMessageContaining("implements kafka-clients' org.apache.kafka.clients.producer.Partitioner");
        assertThatThrownBy(() -> Partitioners.resolve("partitioner.class", String.class))
                .hasMessageContaining("does not implement dev.quill.producer.Partitioner");
        assertThatThrownBy(() -> Partitioners.resolve("partitioner.class", NoDefaultConstructor.class))
                .hasMessageContaining("has no public no-argument constructor");
        assertThatThrownBy(() -> Partitioners.resolve("partitioner.class",
                "org.apache.kafka.clients.producer.UniformStickyPartitioner"))
                .hasMessageContaining("partitioner.ignore.keys=true");
        assertThatThrownBy(() -> Partitioners.instantiate("partitioner.class", ThrowingPartitioner.class))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("the constructor of " + ThrowingPartitioner.class.getName() + " threw")
                .hasRootCauseMessage("boom");
    }

    public static final class FixedPartitioner implements Partitioner {
        @Override
        public int partition(String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes,
                             List<PartitionInfo> partitions) {
            return 0;
        }
    }

    public static final class NoDefaultConstructor implements Partitioner {
        public NoDefaultConstructor(int ignored) {
        }

        @Override
        public int partition(String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes,
                             List<PartitionInfo> partitions) {
            return 0;
        }
    }

    public static final class ThrowingPartitioner implements Partitioner {
        public ThrowingPartitioner() {
            throw new IllegalStateException("boom");
        }

        @Override
        public int partition(String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes,
                             List<PartitionInfo> partitions) {
            return 0;
        }
    }

    public static final class KafkaOnlyPartitioner implements org.apache.kafka.clients.producer.Partitioner {
        @Override
        public int partition(String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes,
                             Cluster cluster) {
            return 0;
        }

        @Override
        public void close() {
        }

        @Override
        public void configure(Map<String, ?> configs) {
        }
    }
}
