package dev.quill.producer.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.quill.producer.ProducerConfig;
import dev.quill.producer.ProducerRecord;
import dev.quill.producer.QuillProducer;
import dev.quill.producer.RecordMetadata;
import dev.quill.producer.Serializers;
import dev.quill.producer.errors.AuthorizationException;
import dev.quill.producer.errors.Errors;
import dev.quill.producer.testkit.KafkaCluster;

/**
 * A broker with ACLs: a principal may describe a topic but not write it, or write one topic and not
 * another. Refusals fail the records at once with an {@link AuthorizationException} that says what is
 * missing; records the principal may write are unaffected.
 */
class AuthorizationTest {

    private static final String PASSWORD = "secret";
    private static KafkaCluster cluster;
    private static String allowed;
    private static String describeOnly;

    @BeforeAll
    static void startCluster() throws Exception {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("listeners", "EXTERNAL://localhost:0,CONTROLLER://localhost:0,SASL_PLAIN://localhost:0");
        config.put("listener.security.protocol.map", "EXTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT,SASL_PLAIN:SASL_PLAINTEXT");
        config.put("sasl.enabled.mechanisms", "PLAIN");
        config.put("listener.name.sasl_plain.plain.sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule "
                + "required user_reader=\"" + PASSWORD + "\" user_writer=\"" + PASSWORD + "\";");
        config.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        // The kit's own PLAINTEXT listeners (controller, admin, read-back consumer) act as the super user.
        config.put("super.users", "User:ANONYMOUS");
        cluster = KafkaCluster.start(1, config);
        allowed = cluster.createTopic(KafkaCluster.uniqueTopic("acl-allowed"), 1, 1);
        describeOnly = cluster.createTopic(KafkaCluster.uniqueTopic("acl-describe-only"), 1, 1);
        cluster.admin().createAcls(List.of(
                acl(allowed, "User:writer", AclOperation.WRITE),
                acl(allowed, "User:writer", AclOperation.DESCRIBE),
                acl(describeOnly, "User:writer", AclOperation.DESCRIBE),
                acl(describeOnly, "User:reader", AclOperation.DESCRIBE))).all().get(30, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    private static AclBinding acl(String topic, String principal, AclOperation operation) {
        return new AclBinding(new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL),
                new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
    }

    private static QuillProducer<String, String> producerAs(String user, Map<String, String> settings) {
        int port = cluster.kit().brokers().values().iterator().next().boundPort(ListenerName.normalised("SASL_PLAIN"));
        Map<String, Object> props = new HashMap<>(settings);
        props.put("bootstrap.servers", "localhost:" + port);
        props.put("security.protocol", "SASL_PLAINTEXT");
        props.put("sasl.mechanism", "PLAIN");
        props.put("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
                + user + "\" password=\"" + PASSWORD + "\";");
        return QuillProducer.create(ProducerConfig.from(props), Serializers.string(), Serializers.string());
    }

    private static Throwable failureOf(CompletableFuture<RecordMetadata> future) {
        assertThatThrownBy(() -> future.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        return future.handle((m, e) -> e).join();
    }

    @Test
    void whenThePrincipalMayWriteNoTopicThenTheIdempotentProducerFailsNamingIdempotentWrite() {
        try (QuillProducer<String, String> producer = producerAs("reader", Map.of())) {
            Throwable error = failureOf(producer.send(ProducerRecord.of(describeOnly, "k", "v")));
            assertThat(error).isInstanceOf(AuthorizationException.class).hasMessageContaining("IdempotentWrite")
                    .hasMessageContaining("enable.idempotence=false");
            assertThat(((AuthorizationException) error).brokerError()).contains(Errors.CLUSTER_AUTHORIZATION_FAILED);
        }
    }

    @Test
    void whenThePrincipalMayNotWriteTheTopicThenTheRecordFailsAtOnceWithTopicAuthorizationFailed() {
        try (QuillProducer<String, String> producer = producerAs("reader", Map.of("enable.idempotence", "false"))) {
            long start = System.nanoTime();
            Throwable error = failureOf(producer.send(ProducerRecord.of(describeOnly, "k", "v")));
            assertThat(error).isInstanceOf(AuthorizationException.class).hasMessageContaining(describeOnly)
                    .hasMessageContaining("TOPIC_AUTHORIZATION_FAILED");
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("not retried").isLessThan(10_000);
            assertThat(producer.metrics().recordsRetried()).isZero();
        }
    }

    @Test
    void whenOneTopicIsForbiddenThenRecordsToAnAllowedTopicStillArrive() throws Exception {
        try (QuillProducer<String, String> producer = producerAs("writer", Map.of())) {
            CompletableFuture<RecordMetadata> refused = producer.send(ProducerRecord.of(describeOnly, "k", "no"));
            CompletableFuture<RecordMetadata> accepted = producer.send(ProducerRecord.of(allowed, "k", "yes"));
            assertThat(failureOf(refused)).isInstanceOf(AuthorizationException.class)
                    .hasMessageContaining("TOPIC_AUTHORIZATION_FAILED");
            assertThat(accepted.get(30, TimeUnit.SECONDS).offset()).isZero();
        }
    }
}
