package dev.quill.producer.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ErrorsTest {

    @Test
    void everyKafkaCodeHasTheSameNameAndRetriableFlag() {
        for (org.apache.kafka.common.protocol.Errors kafka : org.apache.kafka.common.protocol.Errors.values()) {
            Errors quill = Errors.forCode(kafka.code());
            assertThat(Errors.isKnown(kafka.code())).as("code %d known", kafka.code()).isTrue();
            assertThat(quill.name()).as("name of code %d", kafka.code()).isEqualTo(kafka.name());
            assertThat(quill.code()).isEqualTo(kafka.code());
            boolean kafkaRetriable = kafka.exception() instanceof org.apache.kafka.common.errors.RetriableException;
            assertThat(quill.isRetriable()).as("retriable flag of %s", kafka.name()).isEqualTo(kafkaRetriable);
        }
    }

    @Test
    void quillHasNoCodeKafkaDoesNotKnow() {
        Set<Short> kafkaCodes = Arrays.stream(org.apache.kafka.common.protocol.Errors.values())
                .map(org.apache.kafka.common.protocol.Errors::code)
                .collect(Collectors.toSet());
        for (Errors quill : Errors.values()) {
            assertThat(kafkaCodes).as("code of %s", quill).contains(quill.code());
        }
    }

    @Test
    void unknownCodeReadsAsUnknownServerErrorButKeepsTheNumberInTheMessage() {
        assertThat(Errors.forCode((short) 9999)).isEqualTo(Errors.UNKNOWN_SERVER_ERROR);
        assertThat(Errors.forCode((short) -42)).isEqualTo(Errors.UNKNOWN_SERVER_ERROR);
        assertThat(Errors.isKnown((short) 9999)).isFalse();

        ProducerException e = Errors.exceptionFor((short) 9999, "boom");
        assertThat(e.getMessage()).isEqualTo("unknown broker error code 9999: boom");
        assertThat(e.brokerError()).contains(Errors.UNKNOWN_SERVER_ERROR);
    }

    @Test
    void exceptionPicksTheSubclass() {
        assertThat(Errors.NOT_LEADER_OR_FOLLOWER.exception("x")).isExactlyInstanceOf(RetriableException.class)
                .matches(ProducerException::isRetriable);
        assertThat(Errors.TOPIC_AUTHORIZATION_FAILED.exception("x")).isExactlyInstanceOf(AuthorizationException.class);
        assertThat(Errors.CLUSTER_AUTHORIZATION_FAILED.exception("x")).isExactlyInstanceOf(AuthorizationException.class);
        assertThat(Errors.TRANSACTIONAL_ID_AUTHORIZATION_FAILED.exception("x"))
                .isExactlyInstanceOf(AuthorizationException.class);
        assertThat(Errors.SASL_AUTHENTICATION_FAILED.exception("x")).isExactlyInstanceOf(AuthenticationException.class);
        assertThat(Errors.ILLEGAL_SASL_STATE.exception("x")).isExactlyInstanceOf(AuthenticationException.class);
        assertThat(Errors.UNSUPPORTED_SASL_MECHANISM.exception("x")).isExactlyInstanceOf(AuthenticationException.class);
        assertThat(Errors.MESSAGE_TOO_LARGE.exception("x")).isExactlyInstanceOf(RecordTooLargeException.class);
        assertThat(Errors.RECORD_LIST_TOO_LARGE.exception("x")).isExactlyInstanceOf(RecordTooLargeException.class);
        assertThat(Errors.INVALID_PRODUCER_EPOCH.exception("x")).isExactlyInstanceOf(ProducerException.class)
                .matches(ex -> !ex.isRetriable());
    }

    @Test
    void everyExceptionCarriesItsErrorAndAMessage() {
        for (Errors error : Errors.values()) {
            ProducerException e = error.exception(null);
            assertThat(e.brokerError()).contains(error);
            assertThat(e.isRetriable()).isEqualTo(error.isRetriable());
            assertThat(e.getMessage()).isEqualTo(error.description());
        }
        assertThat(Errors.REQUEST_TIMED_OUT.exception("custom").getMessage()).isEqualTo("custom");
    }
}
