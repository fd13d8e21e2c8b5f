package dev.quill.producer.internal.sender;

import static dev.quill.producer.internal.sender.BrokerResponses.partitionsAdded;
import static dev.quill.producer.internal.sender.SenderFixture.TOPIC;
import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.protocol.ApiKeys;
import org.junit.jupiter.api.Test;

import dev.quill.producer.errors.Errors;

/**
 * A transaction's partitions joining it through AddPartitionsToTxn (a cluster below {@code transaction.version} 2),
 * with the sender run one loop at a time at a clock the test moves.
 */
class SenderTransactionTest {

    private static final String TRANSACTIONAL_ID = "orders-tx";

    @Test
    void whenADrainFindsAPartitionToAddThenTheNextLoopSendsAddPartitionsToTxnWithoutWaitingForATimer() {
        try (SenderFixture fixture = SenderFixture.transactional(TRANSACTIONAL_ID)) {
            fixture.transactions.beginTransaction();
            fixture.send("first");

            fixture.runOnce();
            assertThat(fixture.broker.sent(ApiKeys.ADD_PARTITIONS_TO_TXN))
                    .as("the drain of this loop is what finds the partition new to the transaction").isEmpty();
            fixture.runOnce();

            assertThat(fixture.broker.sent(ApiKeys.ADD_PARTITIONS_TO_TXN)).hasSize(1);
            assertThat(fixture.broker.sent(ApiKeys.PRODUCE)).isEmpty();
        }
    }

    @Test
    void whenTheAddedPartitionIsConfirmedThenItsBatchIsProduced() {
        try (SenderFixture fixture = SenderFixture.transactional(TRANSACTIONAL_ID)) {
            beginWithOneRecord(fixture).respond(partitionsAdded(TOPIC, Errors.NONE, 0));
            fixture.runOnce();

            assertThat(fixture.produceInFlight().batches()).hasSize(1);
        }
    }

    @Test
    void whenTheFirstAddPartitionsToTxnMeetsConcurrentTransactionsThenItIsRetriedAfter20MsNotRetryBackoff() {
        assertThat(SenderFixture.RETRY_BACKOFF_MS).as("retry.backoff.ms, which this retry must not wait for")
                .isGreaterThan(20);
        try (SenderFixture fixture = SenderFixture.transactional(TRANSACTIONAL_ID)) {
            beginWithOneRecord(fixture).respond(partitionsAdded(TOPIC, Errors.CONCURRENT_TRANSACTIONS, 0));
            fixture.runOnce();
            fixture.advance(19);
            fixture.runOnce();
            assertThat(fixture.broker.sent(ApiKeys.ADD_PARTITIONS_TO_TXN)).as("19 ms after the answer").hasSize(1);

            fixture.advance(1);
            fixture.runOnce();
            assertThat(fixture.broker.sent(ApiKeys.ADD_PARTITIONS_TO_TXN)).as("20 ms after the answer").hasSize(2);
        }
    }

    /** Begins a transaction, sends one record and runs the loops that send its AddPartitionsToTxn, which it returns. */
    private static SentRequest beginWithOneRecord(SenderFixture fixture) {
        fixture.transactions.beginTransaction();
        fixture.send("first");
        fixture.runOnce();
        fixture.runOnce();
        return fixture.broker.inFlight(ApiKeys.ADD_PARTITIONS_TO_TXN);
    }
}
