package dev.quill.sample;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.quill.producer.RecordMetadata;
import dev.quill.producer.testkit.KafkaCluster;

class OrderSenderTest {

    @Test
    void whenSampleRunsThenAConsumerReadsEveryOrder() throws Exception {
        KafkaCluster cluster = KafkaCluster.shared();
        List<RecordMetadata> delivered = OrderSender.run(cluster.bootstrapServers());
        assertThat(delivered).hasSize(3).allSatisfy(m -> assertThat(m.hasOffset()).isTrue());
        List<String> values = cluster.readAll(OrderSender.TOPIC, 3, Duration.ofSeconds(30)).stream()
                .map(r -> new String(r.value(), UTF_8)).toList();
        assertThat(values).contains("{\"id\":1,\"item\":\"quill\"}", "{\"id\":2,\"item\":\"ink\"}",
                "{\"id\":3,\"item\":\"paper\"}");
    }
}
