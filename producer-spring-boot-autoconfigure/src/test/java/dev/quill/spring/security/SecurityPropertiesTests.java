package dev.quill.spring.security;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.quill.producer.ProducerRecord;
import dev.quill.producer.QuillProducer;
import dev.quill.producer.RecordMetadata;
import dev.quill.producer.errors.AuthenticationException;
import dev.quill.producer.testkit.KafkaCluster;
import dev.quill.producer.testkit.SecureKafkaCluster;
import dev.quill.spring.ProducerTemplate;
import dev.quill.spring.autoconfigure.InvalidQuillPropertyException;
import dev.quill.spring.autoconfigure.QuillProducerAutoConfiguration;

/** quill.producer.security/sasl/ssl properties and Spring Boot SSL bundles, against a broker with secured listeners. */
class SecurityPropertiesTests {

    private static SecureKafkaCluster secure;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, QuillProducerAutoConfiguration.class))
            .withPropertyValues("quill.producer.linger=0", "quill.producer.close-timeout=5s");

    @BeforeAll
    static void startCluster() {
        secure = SecureKafkaCluster.shared();
    }

    private static String[] caBundle() {
        return new String[] {"spring.ssl.bundle.pem.kafka.truststore.certificate=" + secure.ca().certificatePem()};
    }

    /** The startup failure's InvalidQuillPropertyException; no message in the chain may show a password. */
    private static InvalidQuillPropertyException invalidProperty(Throwable failure) {
        assertThat(failure).as("startup should have failed").isNotNull();
        InvalidQuillPropertyException found = null;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain("hunter2");
            if (t instanceof InvalidQuillPropertyException e && found == null) {
                found = e;
            }
        }
        assertThat(found).as("an InvalidQuillPropertyException in " + failure).isNotNull();
        return found;
    }

    @Test
    void saslSslWithTypedPropertiesAndAnSslBundle() {
        String topic = secure.cluster().createTopic(KafkaCluster.uniqueTopic("spring-sasl-ssl"), 1, 1);
        runner.withPropertyValues(caBundle())
                .withPropertyValues("quill.producer.bootstrap-servers=" + secure.address("SASL_TLS"),
                        "quill.producer.security.protocol=SASL_SSL", "quill.producer.ssl.bundle=kafka",
                        "quill.producer.sasl.mechanism=SCRAM-SHA-512",
                        "quill.producer.sasl.username=" + SecureKafkaCluster.SCRAM_USER,
                        "quill.producer.sasl.password=" + SecureKafkaCluster.SCRAM_PASSWORD)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    QuillProducer<?, ?> producer = context.getBean(QuillProducer.class);
                    assertThat(producer.config().sslContext()).isPresent();
                    assertThat(producer.config().toString()).doesNotContain(SecureKafkaCluster.SCRAM_PASSWORD);
                    @SuppressWarnings("unchecked")
                    ProducerTemplate<String, String> template = context.getBean(ProducerTemplate.class);
                    template.send(topic, "k", "over SASL_SSL").get(30, TimeUnit.SECONDS);
                });
        assertThat(secure.cluster().readAll(topic, 1, Duration.ofSeconds(20)))
                .extracting(r -> new String(r.value(), UTF_8)).containsExactly("over SASL_SSL");
    }

    @Test
    void mutualTlsWithAKeyInTheBundle() {
        String topic = secure.cluster().createTopic(KafkaCluster.uniqueTopic("spring-mtls"), 1, 1);
        runner.withPropertyValues(caBundle())
                .withPropertyValues(
                        "spring.ssl.bundle.pem.kafka.keystore.certificate=" + secure.clientIdentity().certificatePem(),
                        "spring.ssl.bundle.pem.kafka.keystore.private-key=" + secure.clientIdentity().keyPem(),
                        "quill.producer.bootstrap-servers=" + secure.address("MTLS"),
                        "quill.producer.ssl.bundle=kafka")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(QuillProducer.class).config().securityProtocol()).isEqualTo("SSL");
                    @SuppressWarnings("unchecked")
                    ProducerTemplate<String, String> template = context.getBean(ProducerTemplate.class);
                    template.send(topic, "k", "over mTLS").get(30, TimeUnit.SECONDS);
                });
        assertThat(secure.cluster().readAll(topic, 1, Duration.ofSeconds(20))).hasSize(1);
    }

    @Test
    void wrongPasswordFailsTheSendAtOnce() {
        runner.withPropertyValues("quill.producer.bootstrap-servers=" + secure.address("SASL_PLAIN"),
                        "quill.producer.security.protocol=SASL_PLAINTEXT", "quill.producer.sasl.mechanism=PLAIN",
                        "quill.producer.sasl.username=alice", "quill.producer.sasl.password=not-her-password")
                .run(context -> {
                    @SuppressWarnings("unchecked")
                    QuillProducer<String, String> producer = context.getBean(QuillProducer.class);
                    CompletableFuture<RecordMetadata> send = producer.send(ProducerRecord.of("any", "k", "v"));
                    Throwable error = send.handle((m, e) -> e).get(5, TimeUnit.SECONDS);
                    assertThat(error).isInstanceOf(AuthenticationException.class)
                            .hasMessageContaining("Invalid username or password")
                            .hasMessageNotContaining("not-her-password");
                });
    }

    @Test
    void unknownBundleStopsStartupNamingTheProperty() {
        runner.withPropertyValues(caBundle())
                .withPropertyValues("quill.producer.ssl.bundle=nope")
                .run(context -> {
                    InvalidQuillPropertyException e = invalidProperty(context.getStartupFailure());
                    assertThat(e).hasMessageContaining("quill.producer.ssl.bundle");
                    assertThat(e.acceptedValues()).contains("kafka");
                });
    }

    @Test
    void incompleteCredentialsStopStartupWithoutShowingThePassword() {
        runner.withPropertyValues("quill.producer.security.protocol=SASL_SSL", "quill.producer.sasl.username=bob",
                        "quill.producer.sasl.password=hunter2")
                .run(context -> assertThat(invalidProperty(context.getStartupFailure()))
                        .hasMessageContaining("quill.producer.sasl.mechanism").hasMessageNotContaining("hunter2"));
        runner.withPropertyValues("quill.producer.sasl.password=hunter2")
                .run(context -> assertThat(invalidProperty(context.getStartupFailure()))
                        .hasMessageContaining("quill.producer.sasl.username").hasMessageNotContaining("hunter2"));
        runner.withPropertyValues("quill.producer.security.protocol=SASL_SSL", "quill.producer.sasl.mechanism=PLAIN",
                        "quill.producer.properties.sasl.jaas.config=broken password=\"hunter2\"")
                .run(context -> assertThat(invalidProperty(context.getStartupFailure()))
                        .hasMessageContaining("quill.producer.properties.sasl.jaas.config")
                        .hasMessageNotContaining("hunter2"));
        runner.withPropertyValues("quill.producer.security.protocol=KERBEROS")
                .run(context -> assertThat(invalidProperty(context.getStartupFailure()))
                        .hasMessageContaining("quill.producer.security.protocol"));
    }
}
