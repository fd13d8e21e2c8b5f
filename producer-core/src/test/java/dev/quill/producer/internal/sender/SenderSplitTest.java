package dev.quill.producer.internal.sender;

import static dev.quill.producer.internal.sender.BrokerResponses.produceError;
import static dev.quill.producer.internal.sender.BrokerResponses.produced;
import static dev.quill.producer.internal.sender.Deliveries.delivered;
import static dev.quill.producer.internal.sender.SenderFixture.PRODUCER_ID;
import static dev.quill.producer.internal.sender.SenderFixture.TOPIC;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.quill.producer.RecordMetadata;
import dev.quill.producer.errors.Errors;
import dev.quill.producer.internal.accumulator.PendingRecord;

/** A batch the broker finds too large is sent again in halves. */
class SenderSplitTest {

    private final SenderFixture fixture = SenderFixture.started(SenderFixture.Options.DEFAULTS.retries(0));

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void whenABatchOfSeveralRecordsIsTooLargeThenItsHalvesAreSentWithTheirSequenceNumbersWithoutCostingARetry() {
        PendingRecord a = fixture.send("a");
        PendingRecord b = fixture.send("b");
        PendingRecord c = fixture.send("c");
        PendingRecord d = fixture.send("d");
        fixture.runOnce();
        assertThat(fixture.produceInFlight().batches())
                .containsExactly(new WireBatch(TOPIC, 0, PRODUCER_ID, (short) 0, 0, 4));
        fixture.produceInFlight().respond(produceError(TOPIC, 0, Errors.MESSAGE_TOO_LARGE));

        // No backoff: the halves go at once, one after the other, since they share the partition's sequence.
        fixture.runOnce();
        SentRequest firstHalf = fixture.produceInFlight();
        assertThat(firstHalf.batches()).containsExactly(new WireBatch(TOPIC, 0, PRODUCER_ID, (short) 0, 0, 2));
        firstHalf.respond(produced(TOPIC, 0, 10));
        fixture.runOnce();
        SentRequest secondHalf = fixture.produceInFlight();
        assertThat(secondHalf.batches()).containsExactly(new WireBatch(TOPIC, 0, PRODUCER_ID, (short) 0, 2, 2));
        secondHalf.respond(produced(TOPIC, 0, 12));

        // retries=0, and yet every record is delivered.
        assertThat(Stream.of(a, b, c, d).map(r -> delivered(r).offset())).containsExactly(10L, 11L, 12L, 13L);
        assertThat(delivered(d)).returns(0, RecordMetadata::partition);
    }
}
