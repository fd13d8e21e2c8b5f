package dev.quill.producer.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import dev.quill.producer.ConsumedOffset;
import dev.quill.producer.GroupMetadata;
import dev.quill.producer.ProducerConfig;
import dev.quill.producer.ProducerRecord;
import dev.quill.producer.RecordMetadata;
import dev.quill.producer.Serializers;
import dev.quill.producer.errors.Errors;
import dev.quill.producer.errors.ProducerFencedException;
import dev.quill.producer.errors.TransactionAbortableException;
import dev.quill.producer.errors.TransactionAbortedException;

class MockProducerTransactionsTest {

    private final MockProducer<String, String> producer = MockProducer.builder(Serializers.string(), Serializers.string())
            .config(ProducerConfig.builder().bootstrapServers("mock:9092").property("transactional.id", "orders-tx")
                    .build())
            .build();

    @Test
    void committedHoldsWhatCommittedAndNotWhatWasAborted() {
        producer.initTransactions();
        producer.beginTransaction();
        producer.send(ProducerRecord.of("orders", "a", "kept"));
        producer.sendOffsetsToTransaction(List.of(new ConsumedOffset("in", 0, 7)), GroupMetadata.of("processor"));
        producer.commitTransaction();

        producer.beginTransaction();
        producer.send(ProducerRecord.of("orders", "b", "dropped"));
        producer.sendOffsetsToTransaction(List.of(new ConsumedOffset("in", 0, 9)), GroupMetadata.of("processor"));
        producer.abortTransaction();

        assertThat(producer.committed()).extracting(MockProducer.SentRecord::value).containsExactly("kept");
        assertThat(producer.history()).extracting(MockProducer.SentRecord::value).containsExactly("kept", "dropped");
        assertThat(producer.committedOffsets()).containsOnlyKeys("processor");
        assertThat(producer.committedOffsets().get("processor")).containsExactly(new ConsumedOffset("in", 0, 7));
        assertThat(producer.committedTransactions()).isEqualTo(1);
        assertThat(producer.abortedTransactions()).isEqualTo(1);
    }

    @Test
    void aRecordTheBrokersRefusedMakesTheCommitFailAbortably() {
        MockProducer<String, String> manual = MockProducer.builder(Serializers.string(), Serializers.string())
                .autoComplete(false).build();
        manual.initTransactions();
        manual.beginTransaction();
        CompletableFuture<RecordMetadata> refused = manual.send(ProducerRecord.of("orders", "a", "v"));
        CompletableFuture<RecordMetadata> unsent = manual.send(ProducerRecord.of("orders", "b", "w"));
        manual.errorNext(Errors.NOT_ENOUGH_REPLICAS.exception("not enough replicas"));

        assertThatThrownBy(manual::commitTransaction).isInstanceOf(TransactionAbortableException.class)
                .hasMessageContaining("not enough replicas");
        manual.abortTransaction();

        assertThat(refused).isCompletedExceptionally();
        assertThat(unsent.handle((m, e) -> e).join()).isInstanceOf(TransactionAbortedException.class);
        assertThat(manual.committed()).isEmpty();
    }

    @Test
    void aFencedProducerRefusesEverything() {
        producer.initTransactions();
        producer.beginTransaction();
        producer.fence();

        assertThatThrownBy(producer::commitTransaction).isInstanceOf(ProducerFencedException.class)
                .hasMessageContaining("orders-tx");
        assertThat(producer.send(ProducerRecord.of("orders", "a", "v")).handle((m, e) -> e).join())
                .isInstanceOf(ProducerFencedException.class);
    }

    @Test
    void beforeInitTransactionsItSendsAsAPlainProducerAndAfterItNamesTheState() {
        producer.send(ProducerRecord.of("orders", "a", "plain"));
        producer.initTransactions();

        assertThatThrownBy(() -> producer.send(ProducerRecord.of("orders", "b", "v")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("READY");
        assertThat(producer.committed()).extracting(MockProducer.SentRecord::value).containsExactly("plain");
    }
}
