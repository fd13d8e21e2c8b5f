package dev.quill.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import dev.quill.producer.ProducerConfig;
import dev.quill.producer.QuillProducer;
import dev.quill.producer.Serializers;
import dev.quill.spring.ProducerTemplate;

class QuillProducerAutoConfigurationTests {

    // Nothing listens on port 1: the producer starts, fails to connect, and the test never waits for it.
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(QuillProducerAutoConfiguration.class))
            .withPropertyValues("quill.producer.bootstrap-servers=127.0.0.1:1");

    @Test
    void whenOnlyBootstrapServersAreSetThenProducerTemplateAndLifecycleExist() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(QuillProducer.class).hasSingleBean(ProducerTemplate.class)
                    .hasSingleBean(QuillProducerLifecycle.class);
            ProducerTemplate<?, ?> template = context.getBean(ProducerTemplate.class);
            assertThat(template.producer()).isSameAs(context.getBean(QuillProducer.class));
            assertThat(template.sendTimeout()).as("waits for the record's outcome").isNull();
            assertThat(template.defaultTopic()).isNull();
        });
    }

    @Test
    void whenQuillCoreIsNotOnTheClassPathThenNothingIsConfigured() {
        runner.withClassLoader(new FilteredClassLoader(QuillProducer.class)).run(context -> assertThat(context)
                .hasNotFailed().doesNotHaveBean(ProducerTemplate.class).doesNotHaveBean(QuillProducerProperties.class));
    }

    @Test
    void whenDisabledThenNothingIsConfigured() {
        runner.withPropertyValues("quill.producer.enabled=false").run(context -> assertThat(context)
                .hasNotFailed().doesNotHaveBean(QuillProducer.class).doesNotHaveBean(ProducerTemplate.class)
                .doesNotHaveBean(QuillProducerLifecycle.class));
    }

    @Test
    void whenTheApplicationDefinesAProducerThenTheTemplateUsesIt() {
        runner.withUserConfiguration(OwnProducer.class).run(context -> {
            assertThat(context).hasSingleBean(QuillProducer.class);
            assertThat(context.getBean(QuillProducer.class).clientId()).isEqualTo("own");
            assertThat(context.getBean(ProducerTemplate.class).producer()).isSameAs(context.getBean("ownProducer"));
        });
    }

    @Test
    void whenTheApplicationDefinesATemplateThenTheAutoConfiguredOneBacksOff() {
        runner.withUserConfiguration(OwnTemplate.class).run(context -> {
            assertThat(context).hasSingleBean(ProducerTemplate.class);
            assertThat(context.getBean(ProducerTemplate.class).defaultTopic()).isEqualTo("own-topic");
        });
    }

    @Test
    void whenPropertiesAreSetThenTheProducerRunsWithThem() {
        runner.withPropertyValues(
                "quill.producer.bootstrap-servers=127.0.0.1:1,127.0.0.2:2",
                "quill.producer.client-id=orders-service",
                "quill.producer.acks=1",
                "quill.producer.retries=7",
                "quill.producer.linger=20ms",
                "quill.producer.batch-size=64KB",
                "quill.producer.buffer-memory=8MB",
                "quill.producer.compression-type=gzip",
                "quill.producer.max-in-flight-requests-per-connection=3",
                "quill.producer.delivery-timeout=3m",
                "quill.producer.request-timeout=15s",
                "quill.producer.max-block=2s",
                "quill.producer.max-request-size=2MB",
                "quill.producer.buffer-full=fail",
                "quill.producer.default-topic=orders",
                "quill.producer.send-timeout=5s").run(context -> {
                    Map<String, Object> values = context.getBean(QuillProducer.class).config().values();
                    assertThat(values).containsEntry("bootstrap.servers", java.util.List.of("127.0.0.1:1", "127.0.0.2:2"))
                            .containsEntry("client.id", "orders-service")
                            .containsEntry("acks", "1")
                            .containsEntry("enable.idempotence", false) // acks=1 turns the default off
                            .containsEntry("retries", 7)
                            .containsEntry("linger.ms", 20L)
                            .containsEntry("batch.size", 65536)
                            .containsEntry("buffer.memory", 8L * 1024 * 1024)
                            .containsEntry("compression.type", "gzip")
                            .containsEntry("max.in.flight.requests.per.connection", 3)
                            .containsEntry("delivery.timeout.ms", 180000)
                            .containsEntry("request.timeout.ms", 15000)
                            .containsEntry("max.block.ms", 2000L)
                            .containsEntry("max.request.size", 2 * 1024 * 1024)
                            .containsEntry("buffer.full.policy", "fail");
                    ProducerTemplate<?, ?> template = context.getBean(ProducerTemplate.class);
                    assertThat(template.defaultTopic()).isEqualTo("orders");
                    assertThat(template.sendTimeout()).isEqualTo(Duration.ofSeconds(5));
                });
    }

    @Test
    void whenNothingButBootstrapServersIsSetThenEveryValueEqualsTheCoreDefault() {
        runner.run(context -> {
            Map<String, Object> starter = context.getBean(QuillProducer.class).config().values();
            Map<String, Object> core = ProducerConfig.from(Map.of("bootstrap.servers", "127.0.0.1:1")).values();
            assertThat(starter.keySet()).isEqualTo(core.keySet());
            core.forEach((key, value) -> {
                if (!key.equals("client.id")) { // generated, numbered per producer
                    assertThat(starter.get(key)).as(key).isEqualTo(value);
                }
            });
        });
    }

    @Test
    void whenRequestTimeoutOutgrowsTheDefaultDeliveryTimeoutThenTheCoreRaisesItAsKafkaDoes() {
        runner.withPropertyValues("quill.producer.request-timeout=200s").run(context -> assertThat(
                context.getBean(QuillProducer.class).config().values()).containsEntry("delivery.timeout.ms", 200005));
    }

    @Test
    void whenKafkaKeysAreGivenUnderPropertiesThenTheyPassThroughAndWin() {
        runner.withPropertyValues("quill.producer.linger=20ms", "quill.producer.properties[linger.ms]=40",
                "quill.producer.properties[metadata.max.age.ms]=60000").run(context -> assertThat(
                        context.getBean(QuillProducer.class).config().values())
                        .containsEntry("linger.ms", 40L).containsEntry("metadata.max.age.ms", 60000L));
    }

    @Test
    void whenCustomizersAreDefinedThenTheyRunInOrderAfterTheProperties() {
        runner.withPropertyValues("quill.producer.linger=20ms").withUserConfiguration(Customizers.class)
                .run(context -> assertThat(context.getBean(QuillProducer.class).config().values())
                        .containsEntry("linger.ms", 2L).containsEntry("client.id", "customized"));
    }

    @Test
    void whenAValueIsRefusedThenTheFailureNamesThePropertyAndTheAcceptedValues() {
        runner.withPropertyValues("quill.producer.compression-type=snapy").run(context -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new InvalidQuillPropertyFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription()).contains("'snapy'", "quill.producer.compression-type");
            assertThat(analysis.getAction()).contains("quill.producer.compression-type",
                    "none, gzip, snappy, lz4, zstd");
        });
    }

    @Test
    void whenANumberBreaksTheCoreRuleThenTheFailureNamesThePropertyAndTheRule() {
        runner.withPropertyValues("quill.producer.max-in-flight-requests-per-connection=0").run(context -> {
            FailureAnalysis analysis = new InvalidQuillPropertyFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("quill.producer.max-in-flight-requests-per-connection",
                    "at least 1", "max.in.flight.requests.per.connection");
        });
    }

    @Test
    void whenAPassedThroughKeyIsRefusedThenTheFailureNamesItsPropertyEntry() {
        runner.withPropertyValues("quill.producer.properties[metadata.max.idle.ms]=10").run(context -> {
            FailureAnalysis analysis = new InvalidQuillPropertyFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("quill.producer.properties.metadata.max.idle.ms", "'10'");
        });
    }

    @Test
    void whenTheSerializerIsUnknownThenTheFailureListsTheChoices() {
        runner.withPropertyValues("quill.producer.value-serializer=jsno").run(context -> {
            FailureAnalysis analysis = new InvalidQuillPropertyFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("quill.producer.value-serializer", "'jsno'");
            assertThat(analysis.getAction()).contains("string", "json", "dev.quill.producer.Serializer");
        });
    }

    @Test
    void whenJsonIsChosenWithoutJacksonThenTheFailureSaysWhatIsMissing() {
        runner.withClassLoader(new FilteredClassLoader("tools.jackson"))
                .withPropertyValues("quill.producer.value-serializer=json").run(context -> {
                    FailureAnalysis analysis = new InvalidQuillPropertyFailureAnalyzer()
                            .analyze(context.getStartupFailure());
                    assertThat(analysis.getDescription()).contains("quill.producer.value-serializer", "Jackson 3");
                });
    }

    @Test
    void whenTheApplicationInjectsATypedTemplateThenTheAutoConfiguredOneIsInjected() {
        runner.withUserConfiguration(OrderService.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(OrderService.class).template).isSameAs(context.getBean(ProducerTemplate.class));
        });
    }

    @Test
    void whenTheContextClosesThenTheProducerIsClosed() {
        QuillProducer<?, ?>[] producer = new QuillProducer<?, ?>[1];
        runner.run(context -> producer[0] = context.getBean(QuillProducer.class));
        assertThat(producer[0].send(dev.quill.producer.ProducerRecord.of("t", null, null)))
                .failsWithin(Duration.ofSeconds(5)).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withCauseInstanceOf(dev.quill.producer.errors.ProducerClosedException.class);
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnProducer {
        @Bean
        QuillProducer<String, String> ownProducer() {
            return QuillProducer.create(ProducerConfig.builder().bootstrapServers("127.0.0.1:1").clientId("own").build(),
                    Serializers.string(), Serializers.string());
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnTemplate {
        @Bean
        ProducerTemplate<String, String> ownTemplate(QuillProducer<?, ?> producer) {
            @SuppressWarnings("unchecked")
            QuillProducer<String, String> typed = (QuillProducer<String, String>) producer;
            return new ProducerTemplate<>(typed).withDefaultTopic("own-topic");
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Customizers {
        @Bean
        @Order(1)
        ProducerCustomizer first() {
            return builder -> builder.linger(Duration.ofMillis(1)).clientId("customized");
        }

        @Bean
        @Order(2)
        ProducerCustomizer second() {
            return builder -> builder.linger(Duration.ofMillis(2));
        }
    }

    record PurchaseOrder(String id, int quantity) {
    }

    @Configuration(proxyBeanMethods = false)
    static class OrderService {
        final ProducerTemplate<String, PurchaseOrder> template;

        OrderService(ProducerTemplate<String, PurchaseOrder> template) {
            this.template = template;
        }
    }

}
