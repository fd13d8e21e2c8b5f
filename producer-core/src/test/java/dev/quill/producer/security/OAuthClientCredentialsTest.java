package dev.quill.producer.security;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.quill.producer.ProducerConfig;
import dev.quill.producer.ProducerRecord;
import dev.quill.producer.QuillProducer;
import dev.quill.producer.Serializers;
import dev.quill.producer.errors.AuthenticationException;
import dev.quill.producer.errors.ConfigException;
import dev.quill.producer.testkit.KafkaCluster;
import dev.quill.producer.testkit.SecureKafkaCluster;

/**
 * OAUTHBEARER with tokens from an identity provider (client credentials grant), against a real broker listener
 * and a token endpoint served here. The broker takes unsigned tokens, so the endpoint issues those.
 */
class OAuthClientCredentialsTest {

    private static final String ALLOWED_URLS = "org.apache.kafka.sasl.oauthbearer.allowed.urls";
    private static final String CLIENT_ID = "quill-client";
    private static final String CLIENT_SECRET = "s3cret:with/odd chars";

    private static SecureKafkaCluster secure;
    private static HttpServer identityProvider;
    private static String previousAllowedUrls;
    private static final List<String> tokenRequests = new CopyOnWriteArrayList<>();
    private static volatile long tokenLifetimeSeconds = 3600;

    @BeforeAll
    static void start() throws IOException {
        secure = SecureKafkaCluster.shared();
        identityProvider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        identityProvider.createContext("/token", OAuthClientCredentialsTest::grant);
        identityProvider.createContext("/refuse", exchange -> answer(exchange, 401,
                "{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\"}"));
        identityProvider.start();
        previousAllowedUrls = System.getProperty(ALLOWED_URLS);
        System.setProperty(ALLOWED_URLS, url("/token") + "," + url("/refuse"));
    }

    @AfterAll
    static void stop() {
        identityProvider.stop(0);
        if (previousAllowedUrls == null) {
            System.clearProperty(ALLOWED_URLS);
        } else {
            System.setProperty(ALLOWED_URLS, previousAllowedUrls);
        }
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + identityProvider.getAddress().getPort() + path;
    }

    private static void grant(HttpExchange exchange) throws IOException {
        String form = new String(exchange.getRequestBody().readAllBytes(), UTF_8);
        tokenRequests.add(exchange.getRequestHeaders().getFirst("Authorization") + " " + form);
        long now = System.currentTimeMillis() / 1000;
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String token = base64.encodeToString("{\"alg\":\"none\"}".getBytes(UTF_8)) + "."
                + base64.encodeToString(("{\"sub\":\"" + CLIENT_ID + "\",\"iat\":" + now + ",\"exp\":"
                        + (now + tokenLifetimeSeconds) + "}").getBytes(UTF_8)) + ".";
        answer(exchange, 200, "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":"
                + tokenLifetimeSeconds + ",\"scope\":\"kafka\"}");
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private static ProducerConfig.Builder oauth(String endpoint) {
        return SecurityTests.builder(secure.address("SASL_OAUTH")).securityProtocol("SASL_PLAINTEXT")
                .property("sasl.mechanism", "OAUTHBEARER")
                .property("sasl.login.callback.handler.class",
                        "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginCallbackHandler")
                .property("sasl.oauthbearer.token.endpoint.url", endpoint)
                .property("sasl.jaas.config", "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule "
                        + "required clientId=\"" + CLIENT_ID + "\" clientSecret=\"" + CLIENT_SECRET
                        + "\" scope=\"kafka\";");
    }

    @Test
    void whenTheEndpointGrantsATokenThenRecordsArriveAndTheGrantCarriesTheClientCredentials() throws Exception {
        tokenRequests.clear();

        SecurityTests.sendsAndReadsBack(secure, oauth(url("/token")).build());

        String basic = "Basic " + Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(UTF_8));
        assertThat(tokenRequests).isNotEmpty()
                .allSatisfy(request -> assertThat(request).isEqualTo(basic + " grant_type=client_credentials&scope=kafka"));
    }

    @Test
    void whenTheTokenNearsItsExpiryThenAFreshOneIsFetchedAheadOfTime() throws Exception {
        tokenRequests.clear();
        tokenLifetimeSeconds = 2;
        String topic = secure.cluster().createTopic(KafkaCluster.uniqueTopic("oauth-refresh"), 1, 1);
        try (QuillProducer<String, String> producer = QuillProducer.create(oauth(url("/token"))
                .property("sasl.login.refresh.min.period.seconds", "0")
                .property("sasl.login.refresh.buffer.seconds", "0").build(), Serializers.string(), Serializers.string())) {
            producer.send(ProducerRecord.of(topic, "k", "before")).get(30, TimeUnit.SECONDS);

            KafkaCluster.awaitCondition(Duration.ofSeconds(20), "a second token, fetched before the first expired",
                    () -> tokenRequests.size() >= 2);
            producer.send(ProducerRecord.of(topic, "k", "after")).get(30, TimeUnit.SECONDS);
        } finally {
            tokenLifetimeSeconds = 3600;
        }
        assertThat(secure.cluster().readAll(topic, 2, Duration.ofSeconds(30)))
                .extracting(r -> new String(r.value(), UTF_8)).containsExactly("before", "after");
    }

    @Test
    void whenTheEndpointRefusesTheClientThenRecordsFailAtOnceWithItsReason() {
        SecurityTests.Failure failure = SecurityTests.sendExpectingFailure(oauth(url("/refuse")).build());
        try (var producer = failure.producer()) {
            assertThat(failure.error()).isInstanceOf(AuthenticationException.class)
                    .hasMessageContaining(url("/refuse"))
                    .hasMessageContaining("HTTP 401: invalid_client (Client authentication failed)")
                    .hasMessageNotContaining(CLIENT_SECRET);
            assertThat(failure.millis()).as("fails at once, not after max.block.ms").isLessThan(3_000);
        }
    }

    @Test
    void whenTheEndpointIsNotInTheAllowListThenTheConfigurationFails() {
        assertThatThrownBy(() -> oauth("https://idp.example.com/oauth2/token").build())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("sasl.oauthbearer.token.endpoint.url")
                .hasMessageContaining(ALLOWED_URLS);
    }

    @Test
    void whenTheClientSecretIsMissingThenTheConfigurationFails() {
        assertThatThrownBy(() -> oauth(url("/token")).property("sasl.jaas.config",
                "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required clientId=\"x\";").build())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("client.secret");
    }
}
