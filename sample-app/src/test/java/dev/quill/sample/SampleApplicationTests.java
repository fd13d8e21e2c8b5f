package dev.quill.sample;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.quill.producer.testkit.KafkaCluster;

/** What a user of the sample does: post orders, read them from Kafka, look at health and metrics. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SampleApplicationTests {

    private static final KafkaCluster CLUSTER = KafkaCluster.shared();
    private static final String TOPIC = KafkaCluster.uniqueTopic("orders");

    @DynamicPropertySource
    static void broker(DynamicPropertyRegistry registry) {
        registry.add("quill.producer.bootstrap-servers", CLUSTER::bootstrapServers);
        registry.add("quill.producer.default-topic", () -> TOPIC);
    }

    @LocalServerPort
    private int port;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> post(String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void whenOrdersArePostedInEachModeThenAConsumerReadsTheirJson() throws Exception {
        HttpResponse<String> async = post("/orders", "{\"id\":\"a-1\",\"item\":\"quill\",\"quantity\":1}");
        HttpResponse<String> sync = post("/orders/sync", "{\"id\":\"s-1\",\"item\":\"ink\",\"quantity\":2}");
        HttpResponse<String> forgotten = post("/orders/fire-and-forget", "{\"id\":\"f-1\",\"item\":\"paper\",\"quantity\":3}");

        assertThat(async.statusCode()).isEqualTo(201);
        assertThat(async.body()).contains("\"id\":\"a-1\"", "\"topic\":\"" + TOPIC + "\"", "\"offset\":");
        assertThat(sync.statusCode()).isEqualTo(201);
        assertThat(forgotten.statusCode()).isEqualTo(202);

        // Other tests post to the same topic: wait until these three arrived, whatever else is there.
        List<String> expected = List.of("a-1={\"id\":\"a-1\",\"item\":\"quill\",\"quantity\":1}",
                "s-1={\"id\":\"s-1\",\"item\":\"ink\",\"quantity\":2}",
                "f-1={\"id\":\"f-1\",\"item\":\"paper\",\"quantity\":3}");
        KafkaCluster.awaitCondition(Duration.ofSeconds(30), "the three orders in Kafka", () -> readTopic()
                .containsAll(expected));
    }

    @Test
    void whenTheBodyIsNotAnOrderThenTheAnswerSaysWhatIsWrongAndNothingIsSent() throws Exception {
        long before = CLUSTER.endOffsets(TOPIC).values().stream().mapToLong(Long::longValue).sum();

        HttpResponse<String> response = post("/orders", "{\"id\":\"bad-1\",\"item\":\"quill\",\"quantity\":\"many\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode problem = JsonMapper.shared().readTree(response.body());
        assertThat(problem.path("title").asString()).startsWith("Not an order");
        assertThat(problem.path("detail").asString()).contains("many");
        assertThat(readTopic()).noneMatch(r -> r.startsWith("bad-1="));
        assertThat(CLUSTER.endOffsets(TOPIC).values().stream().mapToLong(Long::longValue).sum()).isEqualTo(before);
    }

    private List<String> readTopic() {
        long total = CLUSTER.endOffsets(TOPIC).values().stream().mapToLong(Long::longValue).sum();
        List<ConsumerRecord<byte[], byte[]>> read = CLUSTER.readAll(TOPIC, (int) total, Duration.ofSeconds(10));
        return read.stream().map(r -> new String(r.key(), UTF_8) + "=" + new String(r.value(), UTF_8)).toList();
    }

    private JsonNode health() {
        try {
            return JsonMapper.shared().readTree(get("/actuator/health").body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void whenAnOrderHasNoIdThenOneIsAssignedAndUsedAsTheKey() throws Exception {
        HttpResponse<String> response = post("/orders/sync", "{\"item\":\"nib\",\"quantity\":1}");
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).containsPattern("\"id\":\"[0-9a-f-]{36}\"");
    }

    @Test
    void whenTheActuatorIsAskedThenHealthShowsQuillProducerUpAndMetricsListItsMeters() throws Exception {
        post("/orders/sync", "{\"id\":\"h-1\",\"item\":\"ink\",\"quantity\":1}");
        KafkaCluster.awaitCondition(Duration.ofSeconds(30), "quillProducer UP in /actuator/health",
                () -> health().at("/components/quillProducer/status").asString().equals("UP"));
        JsonNode details = health().at("/components/quillProducer/details");
        assertThat(details.get("clientId").asString()).isEqualTo("quill-sample");
        assertThat(details.get("brokersConnected").asInt()).isPositive();
        assertThat(get("/actuator/metrics").body()).contains("quill.producer.records.sent", "quill.producer.send",
                "quill.producer.buffer.available");
        HttpResponse<String> sent = get("/actuator/metrics/quill.producer.records.sent?tag=topic:" + TOPIC);
        assertThat(sent.statusCode()).isEqualTo(200);
        assertThat(sent.body()).contains("\"statistic\":\"COUNT\"");
        HttpResponse<String> observed = get("/actuator/metrics/quill.producer.template?tag=messaging.destination.name:"
                + TOPIC);
        assertThat(observed.statusCode()).isEqualTo(200);
        assertThat(observed.body()).contains("\"messaging.system\"", "\"statistic\":\"COUNT\"");
    }
}
