package dev.quill.producer.internal.sender;

import static dev.quill.producer.internal.sender.BrokerResponses.produced;
import static dev.quill.producer.internal.sender.Deliveries.delivered;
import static dev.quill.producer.internal.sender.SenderFixture.PRODUCER_ID;
import static dev.quill.producer.internal.sender.SenderFixture.TOPIC;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.quill.producer.RecordMetadata;
import dev.quill.producer.internal.accumulator.PendingRecord;

/** The path every record takes when nothing goes wrong, on which the other sender tests build. */
class SenderProduceTest {

    private final SenderFixture fixture = SenderFixture.started(SenderFixture.Options.DEFAULTS);

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void whenTheLeaderAcknowledgesThenEachRecordGetsItsOffset() {
        PendingRecord first = fixture.send("a");
        PendingRecord second = fixture.send("b");

        fixture.runOnce();
        SentRequest request = fixture.produceInFlight();
        assertThat(request.nodeId).isEqualTo(SenderFixture.BROKER_1.id());
        assertThat(request.batches()).containsExactly(new WireBatch(TOPIC, 0, PRODUCER_ID, (short) 0, 0, 2));
        request.respond(produced(TOPIC, 0, 500));

        assertThat(delivered(first)).returns(0, RecordMetadata::partition).returns(500L, RecordMetadata::offset);
        assertThat(delivered(second).offset()).isEqualTo(501);
    }
}
