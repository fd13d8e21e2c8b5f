package dev.quill.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import dev.quill.producer.ProducerRecord;
import dev.quill.producer.RecordMetadata;
import dev.quill.producer.Serializers;
import dev.quill.producer.errors.ProducerException;
import dev.quill.producer.testing.MockProducer;

/** ProducerTemplate on the test double, as a unit test of an application's sending code would use it. */
class MockProducerTemplateTests {

    @Test
    void whenTheTemplateSendsThroughTheDoubleThenEveryModeIsRecordedAndAcknowledged() {
        MockProducer<String, String> producer = MockProducer.builder(Serializers.string(), Serializers.string())
                .partitions("orders", 4).build();
        ProducerTemplate<String, String> template = new ProducerTemplate<>(producer).withDefaultTopic("orders");

        SendResult<String, String> waited = template.sendAndWait("orders", "k1", "v1");
        SendResult<String, String> async = template.send("orders", "k2", "v2").join();
        template.sendAndForget("orders", "k3", "v3");
        template.sendDefault("k4", "v4").join();
        template.flush();

        assertThat(waited.metadata().topic()).isEqualTo("orders");
        assertThat(async.record().value()).isEqualTo("v2");
        assertThat(producer.history()).extracting(MockProducer.SentRecord::key)
                .containsExactly("k1", "k2", "k3", "k4");
        assertThat(producer.history()).allSatisfy(sent -> assertThat(sent.partition()).isBetween(0, 3));
        assertThat(producer.flushed()).isTrue();
        assertThat(template.producer()).isSameAs(producer);
    }

    @Test
    void whenTheDoubleFailsARecordThenTheTemplatesFutureAndListenersSeeTheError() {
        MockProducer<String, String> producer = MockProducer.builder(Serializers.string(), Serializers.string())
                .autoComplete(false).build();
        List<String> heard = new CopyOnWriteArrayList<>();
        ProducerTemplate<String, String> template = new ProducerTemplate<>(producer).withListener(
                new ProducerListener<>() {
                    @Override
                    public void onSuccess(ProducerRecord<String, String> record, RecordMetadata metadata) {
                        heard.add("success " + record.key());
                    }

                    @Override
                    public void onError(ProducerRecord<String, String> record, Throwable error) {
                        heard.add("error " + record.key() + ": " + error.getMessage());
                    }
                });

        CompletableFuture<SendResult<String, String>> ok = template.send("orders", "a", "1");
        CompletableFuture<SendResult<String, String>> refused = template.send("orders", "b", "2");
        assertThat(ok).isNotDone();
        producer.completeNext();
        producer.errorNext(new ProducerException("NOT_ENOUGH_REPLICAS: refused by the test"));

        assertThat(ok.join().metadata().offset()).isZero();
        assertThat(refused).isCompletedExceptionally();
        assertThat(heard).containsExactly("success a", "error b: NOT_ENOUGH_REPLICAS: refused by the test");
    }

    @Test
    void whenListenersAreSuppliedThenTheyAreAskedForOnceAtTheFirstSendOnTheSendingThread() {
        MockProducer<String, String> producer = MockProducer.builder(Serializers.string(), Serializers.string())
                .autoComplete(false).build();
        List<String> asked = new CopyOnWriteArrayList<>();
        List<String> heard = new CopyOnWriteArrayList<>();
        ProducerListener<String, String> listener = new ProducerListener<>() {
            @Override
            public void onSuccess(ProducerRecord<String, String> record, RecordMetadata metadata) {
                heard.add(record.key());
            }
        };
        ProducerTemplate<String, String> template = new ProducerTemplate<>(producer).withListeners(() -> {
            asked.add(Thread.currentThread().getName());
            return List.of(listener);
        });
        assertThat(asked).as("not asked while the template is made").isEmpty();

        template.send("orders", "a", "1");
        template.send("orders", "b", "2");
        producer.flush();

        assertThat(asked).containsExactly(Thread.currentThread().getName());
        assertThat(heard).containsExactly("a", "b");
    }

    @Test
    void whenARecordIsNotCompletedInTimeThenSendAndWaitSaysItMayStillBeDelivered() {
        MockProducer<String, String> producer = MockProducer.builder(Serializers.string(), Serializers.string())
                .autoComplete(false).build();
        ProducerTemplate<String, String> template = new ProducerTemplate<>(producer);

        assertThatThrownBy(() -> template.sendAndWait(ProducerRecord.of("orders", "k", "v"), Duration.ofMillis(50)))
                .isInstanceOf(SendTimeoutException.class);
        assertThat(producer.incompleteCount()).isEqualTo(1);
    }

    @Test
    void whenTheDoubleIsClosedThenSendAndWaitFailsWithTheProducersError() {
        MockProducer<String, String> producer = MockProducer.create(Serializers.string(), Serializers.string());
        producer.close();

        assertThatThrownBy(() -> new ProducerTemplate<>(producer).sendAndWait("orders", "k", "v"))
                .isInstanceOf(dev.quill.producer.errors.ProducerClosedException.class);
    }
}
