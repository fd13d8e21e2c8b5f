package dev.quill.spring.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import dev.quill.producer.ProducerConfig;
import dev.quill.producer.ProducerRecord;
import dev.quill.producer.QuillProducer;
import dev.quill.producer.Serializers;
import dev.quill.producer.testkit.KafkaCluster;
import dev.quill.spring.metrics.QuillProducerMeterBinder;

class MeterBinderAgainstBrokerTests {

    @Test
    void whenRecordsGoStraightThroughTheProducerToANewTopicThenItsMetersAppearByThemselves() throws Exception {
        KafkaCluster cluster = KafkaCluster.shared();
        String topic = cluster.createTopic(KafkaCluster.uniqueTopic("direct"), 1, 1);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (QuillProducer<String, String> producer = QuillProducer.create(ProducerConfig.from(Map.of(
                "bootstrap.servers", cluster.bootstrapServers(), "client.id", "binder-direct")),
                Serializers.string(), Serializers.string());
             QuillProducerMeterBinder binder = new QuillProducerMeterBinder(producer, Duration.ofMillis(100))) {
            binder.bindTo(registry);
            for (int i = 0; i < 5; i++) {
                producer.send(ProducerRecord.of(topic, "k", "v" + i)).get(30, TimeUnit.SECONDS);
            }
            KafkaCluster.awaitCondition(Duration.ofSeconds(10), "meters for " + topic,
                    () -> registry.find("quill.producer.records.sent").tag("topic", topic).functionCounter() != null);
            FunctionCounter sent = registry.get("quill.producer.records.sent").tag("topic", topic)
                    .tag("client.id", "binder-direct").functionCounter();
            assertThat(sent.count()).isEqualTo(5);
        }
    }

    @Test
    void whenPrometheusScrapesThenNamesReadWellAndLatenciesAreHistogramsThatAggregate() throws Exception {
        KafkaCluster cluster = KafkaCluster.shared();
        String topic = cluster.createTopic(KafkaCluster.uniqueTopic("prometheus"), 1, 1);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (QuillProducer<String, String> producer = QuillProducer.create(ProducerConfig.from(Map.of(
                "bootstrap.servers", cluster.bootstrapServers(), "client.id", "binder-prometheus")),
                Serializers.string(), Serializers.string());
             QuillProducerMeterBinder binder = new QuillProducerMeterBinder(producer, Duration.ofMillis(100))) {
            binder.bindTo(registry);
            for (int i = 0; i < 5; i++) {
                producer.send(ProducerRecord.of(topic, "k", "v" + i)).get(30, TimeUnit.SECONDS);
            }
            binder.registerNewMeters();

            String scrape = registry.scrape();
            assertThat(scrape).contains("quill_producer_sent_bytes_total{", "quill_producer_buffer_total_bytes{",
                    "quill_producer_buffer_available_bytes{", "quill_producer_records_sent_total{")
                    .as("no unit said twice").doesNotContain("_bytes_bytes");
            assertThat(scrape).contains("quill_producer_request_latency_seconds_bucket{",
                    "quill_producer_record_queue_time_seconds_bucket{");
            Matcher count = Pattern.compile("quill_producer_request_latency_seconds_count\\{[^}]*\\} (\\S+)").matcher(scrape);
            assertThat(count.find()).isTrue();
            assertThat(Double.parseDouble(count.group(1))).as("one per Produce request, a retry included")
                    .isGreaterThanOrEqualTo(5);
        }
    }
}
