package dev.quill.producer.internal.sender;

import static dev.quill.producer.internal.sender.BrokerResponses.partition;
import static dev.quill.producer.internal.sender.BrokerResponses.produce;
import static dev.quill.producer.internal.sender.BrokerResponses.produceError;
import static dev.quill.producer.internal.sender.Deliveries.failure;
import static dev.quill.producer.internal.sender.SenderFixture.PRODUCER_ID;
import static dev.quill.producer.internal.sender.SenderFixture.TOPIC;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.quill.producer.errors.AuthorizationException;
import dev.quill.producer.errors.Errors;
import dev.quill.producer.errors.RetriableException;
import dev.quill.producer.internal.accumulator.PendingRecord;

/** Which produce errors are retried, and for how long. */
class SenderRetryTest {

    private final SenderFixture fixture = SenderFixture.started(SenderFixture.Options.DEFAULTS.retries(2));

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void whenTheBrokerFindsARecordInvalidThenTheBatchFailsAtOnce() {
        PendingRecord record = fixture.send("a");
        fixture.runOnce();
        fixture.produceInFlight().respond(produce(TOPIC, partition(0, Errors.INVALID_RECORD)
                .setErrorMessage("compacted topic needs keys")
                .setRecordErrors(List.of(new ProduceResponseData.BatchIndexAndErrorMessage()
                        .setBatchIndex(0).setBatchIndexErrorMessage("null key")))));

        assertThat(failure(record)).isNotInstanceOf(RetriableException.class)
                .hasMessage("Failed to produce to orders-0: INVALID_RECORD: compacted topic needs keys "
                        + "(record 0: null key)");
        assertNoRetry();
    }

    @Test
    void whenTheTopicIsNotAuthorizedThenTheBatchFailsAtOnce() {
        PendingRecord record = fixture.send("a");
        fixture.runOnce();
        fixture.produceInFlight().respond(produceError(TOPIC, 0, Errors.TOPIC_AUTHORIZATION_FAILED));

        assertThat(failure(record)).isInstanceOf(AuthorizationException.class)
                .hasMessageStartingWith("Failed to produce to orders-0: TOPIC_AUTHORIZATION_FAILED: ");
        assertNoRetry();
    }

    @Test
    void whenReplicasStayTooFewThenTheBatchIsRetriedUpToRetriesThenFailsNamingTheAttempts() {
        PendingRecord record = fixture.send("a");
        fixture.runOnce();
        fixture.produceInFlight().respond(produceError(TOPIC, 0, Errors.NOT_ENOUGH_REPLICAS));
        for (int retry = 1; retry <= 2; retry++) {
            assertThat(record).isNotDone();
            fixture.advancePastRetryBackoff();
            fixture.runOnce();
            fixture.produceInFlight().respond(produceError(TOPIC, 0, Errors.NOT_ENOUGH_REPLICAS));
        }

        assertThat(failure(record)).isInstanceOf(RetriableException.class)
                .hasMessageStartingWith("Failed to produce to orders-0: NOT_ENOUGH_REPLICAS: ")
                .hasMessageEndingWith("(gave up after 3 attempts; retries=2)");
        assertThat(fixture.broker.sent(ApiKeys.PRODUCE)).flatExtracting(SentRequest::batches)
                .containsOnly(new WireBatch(TOPIC, 0, PRODUCER_ID, (short) 0, 0, 1))
                .hasSize(3);
        assertNoRetry();
    }

    private void assertNoRetry() {
        int sent = fixture.broker.sent(ApiKeys.PRODUCE).size();
        fixture.advancePastRetryBackoff();
        fixture.runOnce();
        assertThat(fixture.broker.sent(ApiKeys.PRODUCE)).hasSize(sent);
    }
}
