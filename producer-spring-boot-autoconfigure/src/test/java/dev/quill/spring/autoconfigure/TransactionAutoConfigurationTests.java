package dev.quill.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.transaction.PlatformTransactionManager;

import dev.quill.producer.ProducerGroup;
import dev.quill.producer.testing.MockProducer;
import dev.quill.spring.ProducerTemplate;
import dev.quill.spring.transaction.QuillTransactionManager;
import dev.quill.spring.transaction.TransactionalProducerPool;
import dev.quill.spring.transaction.TransactionalSends;

class TransactionAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(QuillProducerAutoConfiguration.class))
            .withPropertyValues("quill.producer.bootstrap-servers=127.0.0.1:1");

    @Test
    void whenNoTransactionIdPrefixIsSetThenNothingTransactionalIsConfigured() {
        runner.run(context -> {
            assertThat(context).doesNotHaveBean(TransactionalProducerPool.class)
                    .doesNotHaveBean(PlatformTransactionManager.class);
            assertThat(context.getBean(ProducerTemplate.class).isTransactional()).isFalse();
        });
    }

    @Test
    void whenATransactionIdPrefixIsSetThenThePoolTheManagerAndATransactionalTemplateExist() {
        runner.withPropertyValues("quill.producer.transaction-id-prefix=orders-",
                "quill.producer.transaction-pool-size=3", "quill.producer.transaction-connections-per-broker=2")
                .run(context -> {
                    TransactionalProducerPool<?, ?> pool = context.getBean(TransactionalProducerPool.class);
                    assertThat(pool.prefix()).isEqualTo("orders-");
                    assertThat(pool.maxSize()).isEqualTo(3);
                    assertThat(pool.size()).as("producers start with the first transaction").isZero();
                    assertThat(context).hasSingleBean(QuillTransactionManager.class).hasBean("quillTransactionManager");
                    assertThat(context.getBean(TransactionalSends.class).allowsNonTransactional()).isFalse();
                    assertThat(context.getBean(ProducerTemplate.class).isTransactional()).isTrue();
                    assertThat(context).as("one I/O thread, connection set and buffer pool for all of them")
                            .hasSingleBean(ProducerGroup.class);
                    assertThat(context.getBean(ProducerGroup.class).connectionsPerBroker()).isEqualTo(2);
                });
    }

    @Test
    void whenNonTransactionalSendsAreAllowedThenTheBindingSaysSo() {
        runner.withPropertyValues("quill.producer.transaction-id-prefix=orders-",
                "quill.producer.allow-non-transactional=true").run(context -> assertThat(
                        context.getBean(TransactionalSends.class).allowsNonTransactional()).isTrue());
    }

    @Test
    @SuppressWarnings("unchecked")
    void whenTheMockProducerIsOnThenTransactionsRunOnMockProducers() {
        runner.withPropertyValues("quill.producer.mock.enabled=true", "quill.producer.transaction-id-prefix=orders-")
                .run(context -> {
                    ProducerTemplate<String, String> template = context.getBean(ProducerTemplate.class);
                    template.executeInTransaction(t -> t.send("orders", "k", "kept"));
                    assertThatThrownBy(() -> template.executeInTransaction(t -> {
                        t.send("orders", "k", "lost");
                        throw new IllegalStateException("processing failed");
                    })).hasMessage("processing failed");

                    MockProducer<String, String> mock = (MockProducer<String, String>) context
                            .getBean(TransactionalProducerPool.class).producers().get(0);
                    assertThat(mock.config().transactionalId()).contains("orders-0");
                    assertThat(mock.committed()).extracting(MockProducer.SentRecord::value).containsExactly("kept");
                    assertThat(mock.abortedTransactions()).isEqualTo(1);
                    assertThat(context).doesNotHaveBean(ProducerGroup.class);
                });
    }

    @Test
    void whenTheApplicationDefinesItsOwnPoolThenTheAutoConfiguredOneBacksOff() {
        runner.withPropertyValues("quill.producer.transaction-id-prefix=orders-")
                .withBean("myPool", TransactionalProducerPool.class,
                        () -> new TransactionalProducerPool<>("mine-", 1, id -> {
                            throw new UnsupportedOperationException();
                        }))
                .run(context -> assertThat(context.getBean(TransactionalProducerPool.class).prefix()).isEqualTo("mine-"));
    }
}
