package dev.quill.producer.serialization;

import static dev.quill.producer.serialization.AvroFrames.id;
import static dev.quill.producer.serialization.AvroFrames.latestId;
import static dev.quill.producer.serialization.AvroFrames.serializer;
import static dev.quill.producer.serialization.AvroFrames.uniqueTopic;
import static dev.quill.producer.serialization.AvroSerializerTest.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.quill.producer.errors.AuthenticationException;
import dev.quill.producer.errors.AuthorizationException;
import dev.quill.producer.errors.ConfigException;
import dev.quill.producer.errors.SerializationException;
import dev.quill.producer.serialization.RegistryStub.Answer;
import dev.quill.producer.testkit.SchemaRegistry;

/**
 * What a real registry in a test cannot be made to do, against a stub: refused credentials, 5xx, the headers sent;
 * and fail-over from a URL that refuses connections to the real registry.
 */
class AvroRegistryFailuresTest {

    private static final String REGISTERED = "{\"id\":7}";

    private static String basic(String userInfo) {
        return "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void http401IsAnAuthenticationFailureNamingUrlSubjectAndErrorButNoPassword() {
        try (RegistryStub stub = new RegistryStub(r -> new Answer(401,
                "{\"error_code\":40101,\"message\":\"Unauthorized: bad user\"}"))) {
            String url = "http://alice:s3cret@127.0.0.1:" + stub.port() + "/ccompat";
            AvroSerializer serializer = serializer(url, false);

            assertThatThrownBy(() -> serializer.serialize("orders", null, order("a", 1)))
                    .isInstanceOf(AuthenticationException.class)
                    .hasMessageContaining("http://127.0.0.1:" + stub.port() + "/ccompat")
                    .hasMessageContaining("subject orders-value")
                    .hasMessageContaining("error_code 40101")
                    .hasMessageContaining("Unauthorized: bad user")
                    .hasMessageNotContaining("s3cret")
                    .hasMessageNotContaining("alice:");
            assertThat(stub.received()).hasSize(1);
            assertThat(stub.received().get(0).header("Authorization")).isEqualTo(basic("alice:s3cret"));
            assertThat(stub.received().get(0).path()).isEqualTo("/ccompat/subjects/orders-value/versions");
            assertThat(stub.received().get(0).header("Content-Type"))
                    .isEqualTo("application/vnd.schemaregistry.v1+json");
        }
    }

    @Test
    void http403IsAnAuthorizationFailure() {
        try (RegistryStub stub = new RegistryStub(r -> new Answer(403,
                "{\"error_code\":40301,\"message\":\"User cannot access the resource.\"}"))) {
            AvroSerializer serializer = serializer(stub.url(), false, "bearer.auth.credentials.source", "STATIC_TOKEN",
                    "bearer.auth.token", "tok-123");

            assertThatThrownBy(() -> serializer.serialize("orders", null, order("a", 1)))
                    .isInstanceOf(AuthorizationException.class)
                    .hasMessageContaining(stub.url())
                    .hasMessageContaining("subject orders-value")
                    .hasMessageContaining("error_code 40301")
                    .hasMessageContaining("User cannot access the resource.")
                    .hasMessageNotContaining("tok-123");
            assertThat(stub.received().get(0).header("Authorization")).isEqualTo("Bearer tok-123");
        }
    }

    @Test
    void userInfoSaslInheritAndExtraHeadersAreSent() {
        try (RegistryStub stub = new RegistryStub(r -> new Answer(200, REGISTERED))) {
            serializer(stub.url(), false, "basic.auth.credentials.source", "USER_INFO",
                    "basic.auth.user.info", "bob:pw:with:colons", "request.header.X-Tenant", "blue")
                    .serialize("t", null, "v");
            serializer(stub.url(), false, "basic.auth.credentials.source", "SASL_INHERIT", "sasl.jaas.config",
                    "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"carol\" "
                            + "password=\"pa ss\";")
                    .serialize("t", null, "v");

            assertThat(stub.received().get(0).header("Authorization")).isEqualTo(basic("bob:pw:with:colons"));
            assertThat(stub.received().get(0).header("X-Tenant")).isEqualTo("blue");
            assertThat(stub.received().get(1).header("Authorization")).isEqualTo(basic("carol:pa ss"));
        }
    }

    @Test
    void serverErrorsAreRetriedWithBackoffUntilTheRegistryAnswers() {
        AtomicInteger calls = new AtomicInteger();
        try (RegistryStub stub = new RegistryStub(r -> calls.incrementAndGet() <= 2
                ? new Answer(503, "{\"error_code\":50003,\"message\":\"busy\"}") : new Answer(200, REGISTERED))) {
            byte[] bytes = serializer(stub.url(), false).serialize("t", null, order("a", 1));

            assertThat(id(bytes)).isEqualTo(7);
            assertThat(stub.received()).hasSize(3);
        }
    }

    @Test
    void serverErrorsStopAfterMaxBlockMsWithTheLastErrorAndNoTightLoop() {
        try (RegistryStub stub = new RegistryStub(r -> new Answer(500,
                "{\"error_code\":50001,\"message\":\"store down\"}"))) {
            AvroSerializer serializer = serializer(stub.url(), false, "max.block.ms", "1500");
            long start = System.nanoTime();

            assertThatThrownBy(() -> serializer.serialize("t", null, order("a", 1)))
                    .isInstanceOf(SerializationException.class)
                    .hasMessageContaining("max.block.ms=1500")
                    .hasMessageContaining("subject t-value")
                    .hasMessageContaining("error_code 50001")
                    .hasMessageContaining("store down");
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            assertThat(elapsedMs).isBetween(500L, 5_000L);
            // Backoff from 100 ms doubling to 1 s: a handful of attempts in 1.5 s, not hundreds.
            assertThat(stub.received().size()).isBetween(2, 8);
        }
    }

    @Test
    void aUrlThatRefusesConnectionsFailsOverToTheNextAndIsSkippedAfterwards() throws IOException {
        SchemaRegistry registry = SchemaRegistry.shared();
        String dead = "http://127.0.0.1:" + closedPort();
        AvroSerializer serializer = serializer(dead + "," + registry.url(), false);
        String topic = uniqueTopic("failover");

        byte[] bytes = serializer.serialize(topic, null, order("a", 1));
        long afterFirst = serializer.registryRequests();
        serializer.serialize(uniqueTopic("failover"), null, 42);

        assertThat(id(bytes)).isEqualTo(latestId(registry, topic + "-value"));
        assertThat(afterFirst).isEqualTo(2);
        assertThat(serializer.registryRequests()).as("the answering URL is tried first next time").isEqualTo(3);
    }

    @Test
    void whenNoUrlAnswersTheFailureNamesThemAll() throws IOException {
        String first = "http://127.0.0.1:" + closedPort();
        String second = "http://127.0.0.1:" + closedPort();
        AvroSerializer serializer = serializer(first + "," + second, false, "max.block.ms", 1000);

        assertThatThrownBy(() -> serializer.serialize("t", null, "v"))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(first)
                .hasMessageContaining(second)
                .hasMessageContaining("ConnectException");
    }

    @Test
    void basicAndBearerTogetherAreAConfigurationError() {
        assertThatThrownBy(() -> serializer("http://u:p@127.0.0.1:1", false,
                "bearer.auth.credentials.source", "STATIC_TOKEN", "bearer.auth.token", "t"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("bearer.auth.credentials.source")
                .hasMessageNotContaining("u:p");
    }

    @Test
    void aMalformedUrlIsAConfigurationErrorThatHidesItsPassword() {
        assertThatThrownBy(() -> serializer("ftp://user:secret@host", false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("schema.registry.url")
                .hasMessageNotContaining("secret");
    }

    /** A loopback port nothing listens on: connections to it are refused at once. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
