package dev.quill.producer.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.quill.producer.ProducerConfig;
import dev.quill.producer.ProducerHealth;
import dev.quill.producer.errors.AuthenticationException;
import dev.quill.producer.errors.ConfigException;
import dev.quill.producer.errors.Errors;
import dev.quill.producer.testkit.SecureKafkaCluster;

/** SASL_PLAINTEXT with each mechanism against a real broker, and each way authentication can fail. */
class SaslTest {

    private static SecureKafkaCluster secure;

    @BeforeAll
    static void startCluster() {
        secure = SecureKafkaCluster.shared();
    }

    private static ProducerConfig.Builder sasl(String mechanism, String password) {
        String user = mechanism.equals("PLAIN") ? SecureKafkaCluster.PLAIN_USER : SecureKafkaCluster.SCRAM_USER;
        return SecurityTests.builder(secure.address("SASL_PLAIN")).securityProtocol("SASL_PLAINTEXT")
                .sasl(mechanism, user, password);
    }

    private static String password(String mechanism) {
        return mechanism.equals("PLAIN") ? SecureKafkaCluster.PLAIN_PASSWORD : SecureKafkaCluster.SCRAM_PASSWORD;
    }

    @ParameterizedTest
    @ValueSource(strings = {"PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"})
    void sendsWithEachMechanism(String mechanism) throws Exception {
        SecurityTests.sendsAndReadsBack(secure, sasl(mechanism, password(mechanism)).build());
    }

    @Test
    void takesKafkasJaasConfigFormat() throws Exception {
        ProducerConfig config = ProducerConfig.from(Map.of(
                "bootstrap.servers", secure.address("SASL_PLAIN"),
                "security.protocol", "sasl_plaintext",
                "sasl.mechanism", "SCRAM-SHA-256",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required\n"
                        + "  username=\"" + SecureKafkaCluster.SCRAM_USER + "\"\n  password=\""
                        + SecureKafkaCluster.SCRAM_PASSWORD.replace("\\", "\\\\").replace("\"", "\\\"") + "\";"));
        assertThat(config.toString()).doesNotContain("scram \"secret\"").contains("sasl.jaas.config = [hidden]");
        SecurityTests.sendsAndReadsBack(secure, config);
    }

    @ParameterizedTest
    @ValueSource(strings = {"PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"})
    void wrongPasswordFailsAtOnceWithTheBrokersMessage(String mechanism) {
        SecurityTests.Failure failure = SecurityTests.sendExpectingFailure(sasl(mechanism, "wrong-password-42").build());
        try (var producer = failure.producer()) {
            assertThat(failure.error()).isInstanceOf(AuthenticationException.class)
                    .hasMessageContaining("authentication with broker")
                    .hasMessageContaining(mechanism.equals("PLAIN") ? "Invalid username or password"
                            : "invalid credentials")
                    .hasMessageNotContaining("wrong-password-42");
            assertThat(((AuthenticationException) failure.error()).brokerError()).contains(Errors.SASL_AUTHENTICATION_FAILED);
            assertThat(failure.millis()).as("fails at once, not after max.block.ms").isLessThan(3_000);
            ProducerHealth health = producer.health();
            assertThat(health.status()).isEqualTo(ProducerHealth.Status.DOWN);
            assertThat(health.lastError()).contains("authentication").doesNotContain("wrong-password-42");
        }
    }

    private static ProducerConfig.Builder oauth(String loginOptions) {
        return SecurityTests.builder(secure.address("SASL_OAUTH")).securityProtocol("SASL_PLAINTEXT")
                .property("sasl.mechanism", "OAUTHBEARER")
                .property("sasl.jaas.config", "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule "
                        + "required " + loginOptions + ";");
    }

    @Test
    void sendsWithOAuthBearerAndAnUnsecuredToken() throws Exception {
        SecurityTests.sendsAndReadsBack(secure, oauth("unsecuredLoginStringClaim_sub=\"oauth-user\" "
                + "unsecuredLoginListClaim_scope=\",produce,describe\" unsecuredLoginExtension_traceId=\"t-1\"")
                .build());
    }

    @Test
    void expiredOAuthBearerTokenFailsAtOnceWithTheBrokersReason() {
        SecurityTests.Failure failure = SecurityTests.sendExpectingFailure(
                oauth("unsecuredLoginStringClaim_sub=\"oauth-user\" unsecuredLoginLifetimeSeconds=\"-600\"").build());
        try (var producer = failure.producer()) {
            assertThat(failure.error()).isInstanceOf(AuthenticationException.class)
                    .hasMessageContaining("SASL OAUTHBEARER authentication with broker")
                    .hasMessageContaining("invalid_token");
            assertThat(failure.millis()).as("fails at once, not after max.block.ms").isLessThan(3_000);
        }
    }

    @Test
    void oauthBearerWithoutAPrincipalIsAConfigError() {
        assertThatThrownBy(() -> oauth("unsecuredLoginStringClaim_name=\"x\"").build())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("sasl.jaas.config")
                .hasMessageContaining("unsecuredLoginStringClaim_sub");
    }

    @Test
    void plaintextClientAgainstSaslListenerGetsAClearError() {
        SecurityTests.Failure failure = SecurityTests.sendExpectingFailure(
                SecurityTests.builder(secure.address("SASL_PLAIN")).build());
        try (var producer = failure.producer()) {
            assertThat(failure.error()).isInstanceOf(AuthenticationException.class)
                    .hasMessageContaining("expects SASL").hasMessageContaining("security.protocol=PLAINTEXT");
            assertThat(failure.millis()).isLessThan(5_000);
        }
    }

    @Test
    void saslClientAgainstPlaintextListenerGetsAClearError() {
        SecurityTests.Failure failure = SecurityTests.sendExpectingFailure(
                SecurityTests.builder(secure.address("EXTERNAL")).securityProtocol("SASL_PLAINTEXT")
                        .sasl("PLAIN", "alice", "alice-secret").build());
        try (var producer = failure.producer()) {
            assertThat(failure.error()).isInstanceOf(AuthenticationException.class)
                    .hasMessageContaining("does not expect SASL").hasMessageContaining("security.protocol");
            assertThat(failure.millis()).isLessThan(3_000);
        }
    }

    @Test
    void unknownUserFailsLikeAWrongPassword() {
        SecurityTests.Failure failure = SecurityTests.sendExpectingFailure(
                SecurityTests.builder(secure.address("SASL_PLAIN")).securityProtocol("SASL_PLAINTEXT")
                        .sasl("SCRAM-SHA-512", "nobody", "x").build());
        try (var producer = failure.producer()) {
            assertThat(failure.error()).isInstanceOf(AuthenticationException.class);
            assertThat(failure.millis()).isLessThan(3_000);
        }
    }
}
