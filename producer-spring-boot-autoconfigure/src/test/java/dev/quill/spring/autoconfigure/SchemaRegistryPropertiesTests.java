package dev.quill.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.quill.producer.QuillProducer;
import dev.quill.producer.testkit.TestCertificates;

/** {@code quill.producer.schema-registry.*} becomes Confluent's keys, which the Avro serializer reads. */
class SchemaRegistryPropertiesTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(QuillProducerAutoConfiguration.class))
            .withPropertyValues("quill.producer.bootstrap-servers=127.0.0.1:1", "quill.producer.value-serializer=avro",
                    "quill.producer.schema-registry.url=http://registry-a:8081,http://registry-b:8081");

    @Test
    void whenTheRegistryIsConfiguredThenTheProducerGetsConfluentsKeys() {
        runner.withPropertyValues("quill.producer.schema-registry.auto-register=false",
                "quill.producer.schema-registry.use-latest-version=true",
                "quill.producer.schema-registry.subject-name-strategy=topic-record",
                "quill.producer.schema-registry.basic-auth.username=app",
                "quill.producer.schema-registry.basic-auth.password=s3cret").run(context -> {
                    assertThat(context).hasNotFailed();
                    QuillProducer<?, ?> producer = context.getBean(QuillProducer.class);
                    assertThat(producer.config().originals())
                            .containsEntry("schema.registry.url", "http://registry-a:8081,http://registry-b:8081")
                            .containsEntry("auto.register.schemas", false)
                            .containsEntry("use.latest.version", true)
                            .containsEntry("value.subject.name.strategy",
                                    "io.confluent.kafka.serializers.subject.TopicRecordNameStrategy")
                            .containsEntry("basic.auth.credentials.source", "USER_INFO")
                            .containsEntry("basic.auth.user.info", "app:s3cret");
                    assertThat(producer.config().warnings()).isEmpty();
                    assertThat(producer.config().toString()).doesNotContain("s3cret");
                });
    }

    @Test
    void whenABearerTokenIsSetThenItIsSentAsConfluentsStaticToken() {
        runner.withPropertyValues("quill.producer.schema-registry.bearer-token=t0ken").run(context -> assertThat(
                context.getBean(QuillProducer.class).config().originals())
                .containsEntry("bearer.auth.credentials.source", "STATIC_TOKEN").containsEntry("bearer.auth.token", "t0ken"));
    }

    @Test
    void whenTheSubjectNameStrategyIsUnknownThenTheFailureNamesThePropertyAndTheChoices() {
        runner.withPropertyValues("quill.producer.schema-registry.subject-name-strategy=by-topic").run(context -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new InvalidQuillPropertyFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription()).contains("'by-topic'", "quill.producer.schema-registry.subject-name-strategy");
            assertThat(analysis.getAction()).contains("topic, record, topic-record");
        });
    }

    @Test
    void whenOnlyTheRegistryUserIsSetThenTheFailureAsksForThePassword() {
        runner.withPropertyValues("quill.producer.schema-registry.basic-auth.username=app").run(context -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new InvalidQuillPropertyFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("quill.producer.schema-registry.basic-auth.password");
        });
    }

    @Test
    void whenTheRegistryUrlIsMissingThenTheFailureNamesThePropertyToSet() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(QuillProducerAutoConfiguration.class))
                .withPropertyValues("quill.producer.bootstrap-servers=127.0.0.1:1", "quill.producer.value-serializer=avro")
                .run(context -> {
                    assertThat(context).hasFailed();
                    FailureAnalysis analysis = new InvalidQuillPropertyFailureAnalyzer()
                            .analyze(context.getStartupFailure());
                    assertThat(analysis).as("reported against the property").isNotNull();
                    assertThat(analysis.getDescription()).contains("quill.producer.schema-registry.url",
                            "Missing required configuration schema.registry.url");
                });
    }

    @Test
    void whenTheRegistryNamesAnSslBundleThenTheProducerGetsItsContextForTheRegistry() {
        String ca = TestCertificates.newCa("registry-ca").certificatePem();
        runner.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class))
                .withPropertyValues("spring.ssl.bundle.pem.registry.truststore.certificate=" + ca,
                        "quill.producer.schema-registry.ssl.bundle=registry")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(QuillProducer.class).config().originals().get("schema.registry.ssl.context"))
                            .isInstanceOf(SSLContext.class);
                });
    }

    @Test
    void whenTheRegistrysSslBundleDoesNotExistThenTheFailureNamesTheProperty() {
        runner.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class))
                .withPropertyValues("quill.producer.schema-registry.ssl.bundle=nope").run(context -> {
                    assertThat(context).hasFailed();
                    FailureAnalysis analysis = new InvalidQuillPropertyFailureAnalyzer()
                            .analyze(context.getStartupFailure());
                    assertThat(analysis.getDescription()).contains("quill.producer.schema-registry.ssl.bundle", "'nope'");
                });
    }
}
