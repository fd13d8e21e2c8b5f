package dev.quill.producer.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.quill.producer.ProducerRecord;
import dev.quill.producer.QuillProducer;
import dev.quill.producer.RecordMetadata;
import dev.quill.producer.testkit.KafkaCluster;

/**
 * Producers made on their own share one thread for the records that wait before they can join a batch (for metadata,
 * a schema id, buffer memory), so that each producer costs one thread of its own, its I/O thread, as a kafka-clients
 * producer does.
 */
class SharedPlacerTest {

    private static final String SHARED_PLACER = "quill-producer-placer";

    private final KafkaCluster cluster = KafkaCluster.shared();

    @Test
    void whenSeveralProducersFirstRecordsWaitForMetadataThenOneSharedThreadPlacesThemAll() throws Exception {
        List<QuillProducer<String, String>> producers = new ArrayList<>();
        List<String> topics = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                String topic = cluster.createTopic(KafkaCluster.uniqueTopic("placer"), 1, 1);
                topics.add(topic);
                QuillProducer<String, String> producer = TestProducers.strings(cluster,
                        Map.of("client.id", "placer-test-" + i));
                producers.add(producer);
                // A new producer knows no topic yet: its first record waits for metadata, then is placed.
                RecordMetadata first = producer.send(ProducerRecord.of(topic, "k", "first")).get(30, TimeUnit.SECONDS);
                assertThat(first.offset()).isZero();
            }
            assertThat(threadsNamed(name -> name.startsWith(SHARED_PLACER + "-placer-test-")))
                    .as("placer threads of the producers' own").isZero();
            assertThat(threadsNamed(SHARED_PLACER::equals)).as("shared placer threads").isEqualTo(1);

            producers.remove(0).close();
            String later = cluster.createTopic(KafkaCluster.uniqueTopic("placer-later"), 1, 1);
            RecordMetadata afterClose = producers.get(0).send(ProducerRecord.of(later, "k", "after a close"))
                    .get(30, TimeUnit.SECONDS);
            assertThat(afterClose.topic()).as("placed after another producer closed").isEqualTo(later);
        } finally {
            producers.forEach(QuillProducer::close);
        }
        for (String topic : topics) {
            assertThat(cluster.readAll(topic, 1, Duration.ofSeconds(30))).hasSize(1);
        }
    }

    private static long threadsNamed(java.util.function.Predicate<String> name) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && name.test(t.getName())).count();
    }
}
