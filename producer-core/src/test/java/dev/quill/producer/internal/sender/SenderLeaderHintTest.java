package dev.quill.producer.internal.sender;

import static dev.quill.producer.internal.sender.BrokerResponses.partition;
import static dev.quill.producer.internal.sender.BrokerResponses.produce;
import static dev.quill.producer.internal.sender.BrokerResponses.produced;
import static dev.quill.producer.internal.sender.Deliveries.delivered;
import static dev.quill.producer.internal.sender.SenderFixture.PRODUCER_ID;
import static dev.quill.producer.internal.sender.SenderFixture.TOPIC;
import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.quill.producer.errors.Errors;
import dev.quill.producer.internal.accumulator.PendingRecord;
import dev.quill.producer.internal.network.Node;

/** KIP-951: a Produce response (v10+) that names the partition's new leader saves a metadata round trip. */
class SenderLeaderHintTest {

    private static final Node NEW_LEADER = new Node(3, "b3.example", 9094, "rack-c");

    private final SenderFixture fixture = SenderFixture.started(SenderFixture.Options.DEFAULTS);

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void whenNotLeaderNamesTheNewLeaderThenTheRetryGoesThereAtOnce() {
        PendingRecord record = fixture.send("a");
        fixture.runOnce();
        SentRequest first = fixture.produceInFlight();
        assertThat(first.version).isGreaterThanOrEqualTo((short) 10);
        first.respond(notLeaderNaming(NEW_LEADER));

        // The same instant: no retry backoff, and the metadata refresh this asks for is never answered.
        fixture.runOnce();
        fixture.runOnce();
        assertThat(fixture.broker.connected()).containsExactly(NEW_LEADER);
        SentRequest retry = fixture.produceInFlight();
        assertThat(retry.nodeId).isEqualTo(NEW_LEADER.id());
        assertThat(retry.batches()).containsExactly(new WireBatch(TOPIC, 0, PRODUCER_ID, (short) 0, 0, 1));
        assertThat(fixture.broker.inFlight(ApiKeys.METADATA)).as("the refresh it asked for, still unanswered")
                .isNotNull();
        retry.respond(produced(TOPIC, 0, 7));

        assertThat(delivered(record).offset()).isEqualTo(7);
    }

    private static ProduceResponseData notLeaderNaming(Node leader) {
        ProduceResponseData response = produce(TOPIC, partition(0, Errors.NOT_LEADER_OR_FOLLOWER)
                .setCurrentLeader(new ProduceResponseData.LeaderIdAndEpoch().setLeaderId(leader.id()).setLeaderEpoch(5)));
        response.nodeEndpoints().add(new ProduceResponseData.NodeEndpoint()
                .setNodeId(leader.id()).setHost(leader.host()).setPort(leader.port()).setRack(leader.rack()));
        return response;
    }
}
