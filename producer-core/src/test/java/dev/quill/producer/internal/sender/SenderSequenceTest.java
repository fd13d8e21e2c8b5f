package dev.quill.producer.internal.sender;

import static dev.quill.producer.internal.sender.BrokerResponses.produceError;
import static dev.quill.producer.internal.sender.BrokerResponses.produced;
import static dev.quill.producer.internal.sender.Deliveries.delivered;
import static dev.quill.producer.internal.sender.SenderFixture.PRODUCER_ID;
import static dev.quill.producer.internal.sender.SenderFixture.TOPIC;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.kafka.common.protocol.ApiKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.quill.producer.RecordMetadata;
import dev.quill.producer.errors.Errors;
import dev.quill.producer.errors.RetriableException;
import dev.quill.producer.internal.accumulator.PendingRecord;

/** How the idempotent producer reads the broker's verdict on its sequence numbers. */
class SenderSequenceTest {

    private final SenderFixture fixture = SenderFixture.started(SenderFixture.Options.DEFAULTS);

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void whenARetriedBatchIsADuplicateThenItsRecordsSucceed() {
        PendingRecord first = fixture.send("a");
        PendingRecord second = fixture.send("b");
        fixture.runOnce();
        // The broker wrote the batch, but the connection went before the response came.
        fixture.produceInFlight().fail(new RetriableException("lost connection to broker 1", null,
                Errors.NETWORK_EXCEPTION));

        fixture.advancePastRetryBackoff();
        fixture.runOnce();
        SentRequest retry = fixture.produceInFlight();
        assertThat(retry.batches()).containsExactly(new WireBatch(TOPIC, 0, PRODUCER_ID, (short) 0, 0, 2));
        retry.respond(produceError(TOPIC, 0, Errors.DUPLICATE_SEQUENCE_NUMBER));

        assertThat(delivered(first)).returns(0, RecordMetadata::partition)
                .returns(RecordMetadata.UNKNOWN_OFFSET, RecordMetadata::offset);
        assertThat(delivered(second).partition()).isZero();
    }

    @Test
    void whenOutOfOrderFollowsARetryOfAnEarlierBatchThenBothAreResentInSequenceOrder() {
        acknowledgeOneRecord();
        PendingRecord earlier = fixture.send("b");
        fixture.runOnce();
        PendingRecord later = fixture.send("c");
        fixture.runOnce();
        SentRequest earlierRequest = fixture.produceInFlight();
        earlierRequest.respond(produceError(TOPIC, 0, Errors.NOT_ENOUGH_REPLICAS));
        // The broker refused the later batch because the earlier one, now queued for its retry, never arrived.
        fixture.produceInFlight().respond(produceError(TOPIC, 0, Errors.OUT_OF_ORDER_SEQUENCE_NUMBER));
        assertThat(later).isNotDone();

        fixture.advancePastRetryBackoff();
        fixture.runOnce();
        fixture.runOnce();
        // The later batch waits until the earlier one is acknowledged.
        assertThat(fixture.broker.inFlightCount()).isEqualTo(1);
        fixture.produceInFlight().respond(produced(TOPIC, 0, 11));
        fixture.runOnce();
        fixture.produceInFlight().respond(produced(TOPIC, 0, 12));

        List<SentRequest> produce = fixture.broker.sent(ApiKeys.PRODUCE);
        assertThat(produce.subList(produce.size() - 2, produce.size())).flatExtracting(SentRequest::batches)
                .containsExactly(new WireBatch(TOPIC, 0, PRODUCER_ID, (short) 0, 1, 1),
                        new WireBatch(TOPIC, 0, PRODUCER_ID, (short) 0, 2, 1));
        assertThat(delivered(earlier).offset()).isEqualTo(11);
        assertThat(delivered(later).offset()).isEqualTo(12);
    }

    @Test
    void whenOutOfOrderFollowsNoRetryThenTheProducerBumpsItsEpochAndStartsAgainAtSequenceZero() {
        acknowledgeOneRecord();
        PendingRecord record = fixture.send("b");
        fixture.runOnce();
        assertThat(fixture.produceInFlight().batches())
                .containsExactly(new WireBatch(TOPIC, 0, PRODUCER_ID, (short) 0, 1, 1));
        // The broker lost this producer's earlier writes: sequence 1 no longer follows anything it knows.
        fixture.produceInFlight().respond(produceError(TOPIC, 0, Errors.OUT_OF_ORDER_SEQUENCE_NUMBER));

        fixture.advancePastRetryBackoff();
        fixture.runOnce();
        SentRequest resent = fixture.produceInFlight();
        assertThat(resent.batches()).containsExactly(new WireBatch(TOPIC, 0, PRODUCER_ID, (short) 1, 0, 1));
        // KIP-360: the epoch is bumped locally; the cluster is not asked for a new producer id.
        assertThat(fixture.broker.sent(ApiKeys.INIT_PRODUCER_ID)).hasSize(1);
        resent.respond(produced(TOPIC, 0, 40));

        assertThat(delivered(record).offset()).isEqualTo(40);
    }

    /** Sends one record and acknowledges it, so that the partition's next batch starts at sequence 1. */
    private void acknowledgeOneRecord() {
        PendingRecord record = fixture.send("a");
        fixture.runOnce();
        fixture.produceInFlight().respond(produced(TOPIC, 0, 10));
        delivered(record);
    }
}
