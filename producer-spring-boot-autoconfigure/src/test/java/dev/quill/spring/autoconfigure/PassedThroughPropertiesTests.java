package dev.quill.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.quill.producer.QuillProducer;
import dev.quill.producer.serialization.LongSerializer;

/** {@code properties.*} wins over the typed property that sets the same Kafka key, for every typed property. */
class PassedThroughPropertiesTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(QuillProducerAutoConfiguration.class))
            .withPropertyValues("quill.producer.bootstrap-servers=127.0.0.1:1");

    /** Typed property and value, the Kafka key, the value under properties.*, and the effective value expected. */
    static Stream<Arguments> typedProperties() {
        return Stream.of(
                Arguments.of("bootstrap-servers=127.0.0.1:1", "bootstrap.servers", "127.0.0.1:2", List.of("127.0.0.1:2")),
                Arguments.of("client-id=typed", "client.id", "passed", "passed"),
                Arguments.of("acks=1", "acks", "0", "0"),
                Arguments.of("enable-idempotence=false", "enable.idempotence", "true", true),
                Arguments.of("retries=3", "retries", "7", 7),
                Arguments.of("linger=20ms", "linger.ms", "40", 40L),
                Arguments.of("batch-size=32KB", "batch.size", "1000", 1000),
                Arguments.of("buffer-memory=64MB", "buffer.memory", "1000000", 1000000L),
                Arguments.of("compression-type=gzip", "compression.type", "none", "none"),
                Arguments.of("max-in-flight-requests-per-connection=2", "max.in.flight.requests.per.connection", "3", 3),
                Arguments.of("delivery-timeout=200s", "delivery.timeout.ms", "150000", 150000),
                Arguments.of("request-timeout=10s", "request.timeout.ms", "20000", 20000),
                Arguments.of("max-block=5s", "max.block.ms", "7000", 7000L),
                Arguments.of("max-request-size=2MB", "max.request.size", "500000", 500000),
                Arguments.of("buffer-full=fail", "buffer.full.policy", "block", "block"),
                Arguments.of("security.protocol=SSL", "security.protocol", "PLAINTEXT", "PLAINTEXT"));
    }

    @ParameterizedTest(name = "{0} loses to properties[{1}]")
    @MethodSource("typedProperties")
    void whenATypedPropertyAndPropertiesSetTheSameKeyThenPropertiesWins(String typed, String kafkaKey, String passed,
                                                                       Object expected) {
        runner.withPropertyValues("quill.producer." + typed, "quill.producer.properties[" + kafkaKey + "]=" + passed)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(QuillProducer.class).config().values()).containsEntry(kafkaKey, expected);
                });
    }

    @ParameterizedTest(name = "{0}-serializer loses to properties[{0}.serializer]")
    @MethodSource("serializerParts")
    void whenASerializerIsNamedUnderPropertiesThenItWinsOverTheTypedProperty(String part) {
        runner.withPropertyValues("quill.producer." + part + "-serializer=string",
                "quill.producer.properties[" + part + ".serializer]=org.apache.kafka.common.serialization.LongSerializer")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(QuillProducer.class)).extracting(part + "Serializer")
                            .isInstanceOf(LongSerializer.class);
                });
    }

    static Stream<String> serializerParts() {
        return Stream.of("key", "value");
    }
}
