package dev.quill.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.quill.producer.ProducerConfig;
import dev.quill.producer.QuillProducer;
import dev.quill.producer.Serializers;
import dev.quill.producer.errors.DeliveryTimeoutException;

/**
 * {@code sendAndWait} reports what happened to the record: by default its own final outcome; with a shorter wait,
 * that it may still be delivered and what is holding it up. Nothing listens on port 1, so no record can be sent.
 */
class SendAndWaitTimeoutTests {

    private static QuillProducer<String, String> unreachable(long maxBlockMs) {
        return QuillProducer.create(ProducerConfig.from(Map.of("bootstrap.servers", "127.0.0.1:1",
                "max.block.ms", String.valueOf(maxBlockMs), "reconnect.backoff.ms", "50")),
                Serializers.string(), Serializers.string());
    }

    @Test
    void whenNoSendTimeoutIsSetThenSendAndWaitReportsTheRecordsOwnFinalOutcome() {
        try (QuillProducer<String, String> producer = unreachable(1_000)) {
            ProducerTemplate<String, String> template = new ProducerTemplate<>(producer);

            Throwable outcome = catchThrowable(() -> template.sendAndWait("orders", "k", "v"));

            assertThat(outcome).isInstanceOf(DeliveryTimeoutException.class)
                    .hasMessageContaining("not present in metadata after 1000 ms (max.block.ms)")
                    .hasMessageContaining("Connection refused");
        }
    }

    @Test
    void whenTheWaitIsShorterThanTheRecordsLifeThenTheExceptionSaysItMayStillBeDeliveredAndCarriesTheLastError() {
        QuillProducer<String, String> producer = unreachable(60_000);
        try {
            ProducerTemplate<String, String> template = new ProducerTemplate<>(producer)
                    .withSendTimeout(Duration.ofMillis(1_500));

            Throwable outcome = catchThrowable(() -> template.sendAndWait("orders", "k", "v"));

            assertThat(outcome).isInstanceOf(SendTimeoutException.class)
                    .hasMessageContaining("within 1500 ms; it may still be delivered")
                    .hasMessageContaining("delivery.timeout.ms=120000")
                    .hasMessageContaining("sending it again may write it twice");
            assertThat(outcome.getCause()).as("what holds the record up").isNotNull()
                    .hasMessageContaining("127.0.0.1:1").hasMessageContaining("Connection refused");
        } finally {
            // The record would wait max.block.ms for metadata that cannot come: give it up.
            producer.close(Duration.ZERO);
        }
    }
}
