package dev.quill.producer.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.quill.producer.ProducerConfig;
import dev.quill.producer.ProducerHealth;
import dev.quill.producer.ProducerRecord;
import dev.quill.producer.QuillProducer;
import dev.quill.producer.RecordMetadata;
import dev.quill.producer.Serializers;
import dev.quill.producer.errors.AuthenticationException;
import dev.quill.producer.errors.SslAuthenticationException;
import dev.quill.producer.testkit.KafkaCluster;
import dev.quill.producer.testkit.SecureKafkaCluster;
import dev.quill.producer.testkit.TestCertificates;

/** SSL, mutual TLS and SASL_SSL against a real broker, with stores in each format, and each TLS failure. */
class TlsTest {

    private static SecureKafkaCluster secure;

    @BeforeAll
    static void startCluster() {
        secure = SecureKafkaCluster.shared();
    }

    /** SSL trusting the test CA, inline PEM. */
    private static ProducerConfig.Builder tls(String listener) {
        return SecurityTests.builder(secure.address(listener)).securityProtocol("SSL")
                .property("ssl.truststore.type", "PEM")
                .property("ssl.truststore.certificates", secure.ca().certificatePem());
    }

    // ---- SSL: server authentication and hostname verification ----------------------------------------------

    @Test
    void sendsOverTlsTrustingAnInlinePemCertificate() throws Exception {
        SecurityTests.sendsAndReadsBack(secure, tls("TLS").build());
    }

    @ParameterizedTest
    @ValueSource(strings = {"JKS", "PKCS12", "PEM"})
    void readsTrustStoreFiles(String type) throws Exception {
        Path dir = secure.dir();
        ProducerConfig.Builder builder = SecurityTests.builder(secure.address("TLS")).securityProtocol("SSL")
                .property("ssl.truststore.type", type);
        if (type.equals("PEM")) {
            builder.property("ssl.truststore.location",
                    TestCertificates.writePem(dir, secure.ca().certificatePem()).toString());
        } else {
            builder.property("ssl.truststore.location", secure.ca().trustStore(dir, type, "trust-pw").toString())
                    .property("ssl.truststore.password", "trust-pw");
        }
        SecurityTests.sendsAndReadsBack(secure, builder.build());
    }

    @Test
    void pipelinesLargeRequestsOverTls() throws Exception {
        String topic = secure.cluster().createTopic(KafkaCluster.uniqueTopic("tls-bulk"), 3, 1);
        byte[] value = new byte[40_000];
        for (int i = 0; i < value.length; i++) {
            value[i] = (byte) i;
        }
        int count = 300;
        try (QuillProducer<String, byte[]> producer = QuillProducer.create(tls("TLS").batchSize(200_000)
                .linger(Duration.ofMillis(5)).build(), Serializers.string(), Serializers.byteArray())) {
            List<CompletableFuture<RecordMetadata>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                futures.add(producer.send(ProducerRecord.of(topic, "k" + i, value)));
            }
            CompletableFuture.allOf(futures.toArray(new CompletableFuture[0])).get(60, TimeUnit.SECONDS);
        }
        long total = secure.cluster().endOffsets(topic).values().stream().mapToLong(Long::longValue).sum();
        assertThat(total).isEqualTo(count);
        assertThat(secure.cluster().readAll(topic, count, Duration.ofSeconds(30)))
                .hasSize(count).allSatisfy(r -> assertThat(r.value()).isEqualTo(value));
    }

    @Test
    void untrustedCertificateIsATlsErrorNamingTheHost() {
        TestCertificates.Identity otherCa = TestCertificates.newCa("Some Other CA");
        SecurityTests.Failure failure = SecurityTests.sendExpectingFailure(
                SecurityTests.builder(secure.address("TLS")).securityProtocol("SSL")
                        .property("ssl.truststore.type", "PEM")
                        .property("ssl.truststore.certificates", otherCa.certificatePem()).build());
        try (var producer = failure.producer()) {
            assertThat(failure.error()).isInstanceOf(SslAuthenticationException.class)
                    .hasMessageContaining("TLS handshake with bootstrap server " + secure.address("TLS"))
                    .hasMessageContaining("not trusted");
            assertThat(failure.millis()).isLessThan(3_000);
            assertThat(producer.health().status()).isEqualTo(ProducerHealth.Status.DOWN);
        }
    }

    @Test
    void certificateForAnotherHostFailsHostnameVerification() {
        SecurityTests.Failure failure = SecurityTests.sendExpectingFailure(tls("WRONG_HOST").build());
        try (var producer = failure.producer()) {
            assertThat(failure.error()).isInstanceOf(SslAuthenticationException.class)
                    .hasMessageContaining("does not match the host name localhost")
                    .hasMessageContaining(secure.address("WRONG_HOST"));
            assertThat(failure.millis()).isLessThan(3_000);
        }
    }

    @Test
    void hostnameVerificationCanBeTurnedOffAsInKafka() throws Exception {
        SecurityTests.sendsAndReadsBack(secure, tls("WRONG_HOST")
                .property("ssl.endpoint.identification.algorithm", "").build());
    }

    @Test
    void plaintextClientAgainstTlsListenerGetsAClearError() {
        SecurityTests.Failure failure = SecurityTests.sendExpectingFailure(
                SecurityTests.builder(secure.address("TLS")).build());
        try (var producer = failure.producer()) {
            assertThat(failure.error()).isInstanceOf(AuthenticationException.class)
                    .hasMessageContaining("TLS").hasMessageContaining("security.protocol");
            assertThat(failure.millis()).isLessThan(5_000);
        }
    }

    @Test
    void tlsClientAgainstPlaintextListenerGetsAClearError() {
        SecurityTests.Failure failure = SecurityTests.sendExpectingFailure(tls("EXTERNAL").build());
        try (var producer = failure.producer()) {
            assertThat(failure.error()).isInstanceOf(AuthenticationException.class)
                    .hasMessageContaining("TLS").hasMessageContaining("security.protocol");
            assertThat(failure.millis()).isLessThan(5_000);
        }
    }

    // ---- mutual TLS -------------------------------------------------------------------------------------------

    @Test
    void mutualTlsWithInlinePemKey() throws Exception {
        SecurityTests.sendsAndReadsBack(secure, tls("MTLS").property("ssl.keystore.type", "PEM")
                .property("ssl.keystore.certificate.chain", secure.clientIdentity().certificatePem())
                .property("ssl.keystore.key", secure.clientIdentity().keyPem()).build());
    }

    @Test
    void mutualTlsWithEncryptedPemKey() throws Exception {
        ProducerConfig config = tls("MTLS").property("ssl.keystore.type", "PEM")
                .property("ssl.keystore.certificate.chain", secure.clientIdentity().certificatePem())
                .property("ssl.keystore.key", secure.clientIdentity().encryptedKeyPem("key-pw"))
                .property("ssl.key.password", "key-pw").build();
        assertThat(config.toString()).doesNotContain("key-pw").doesNotContain("PRIVATE KEY");
        SecurityTests.sendsAndReadsBack(secure, config);
    }

    @ParameterizedTest
    @ValueSource(strings = {"JKS", "PKCS12"})
    void mutualTlsWithKeyStoreFiles(String type) throws Exception {
        Path keystore = secure.clientIdentity().keyStore(secure.dir(), type, "store-pw");
        SecurityTests.sendsAndReadsBack(secure, tls("MTLS").property("ssl.keystore.type", type)
                .property("ssl.keystore.location", keystore.toString())
                .property("ssl.keystore.password", "store-pw").build());
    }

    @Test
    void mutualTlsWithoutAClientCertificateFailsClearly() {
        SecurityTests.Failure failure = SecurityTests.sendExpectingFailure(tls("MTLS").build());
        try (var producer = failure.producer()) {
            assertThat(failure.error()).isInstanceOf(SslAuthenticationException.class)
                    .hasMessageContaining(secure.address("MTLS")).hasMessageContaining("ssl.keystore");
            assertThat(failure.millis()).isLessThan(3_000);
        }
    }

    // ---- SASL_SSL ---------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"})
    void saslOverTls(String mechanism) throws Exception {
        boolean plain = mechanism.equals("PLAIN");
        SecurityTests.sendsAndReadsBack(secure, tls("SASL_TLS").securityProtocol("SASL_SSL")
                .sasl(mechanism, plain ? SecureKafkaCluster.PLAIN_USER : SecureKafkaCluster.SCRAM_USER,
                        plain ? SecureKafkaCluster.PLAIN_PASSWORD : SecureKafkaCluster.SCRAM_PASSWORD).build());
    }

    @Test
    void wrongPasswordOverTlsFailsAtOnce() {
        SecurityTests.Failure failure = SecurityTests.sendExpectingFailure(tls("SASL_TLS").securityProtocol("SASL_SSL")
                .sasl("SCRAM-SHA-256", SecureKafkaCluster.SCRAM_USER, "not-it").build());
        try (var producer = failure.producer()) {
            assertThat(failure.error()).isInstanceOf(AuthenticationException.class)
                    .isNotInstanceOf(SslAuthenticationException.class)
                    .hasMessageContaining("invalid credentials").hasMessageNotContaining("not-it");
            assertThat(failure.millis()).isLessThan(3_000);
        }
    }
}
