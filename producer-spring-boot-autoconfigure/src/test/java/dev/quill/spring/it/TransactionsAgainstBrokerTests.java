package dev.quill.spring.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.annotation.Transactional;

import dev.quill.producer.testkit.KafkaCluster;
import dev.quill.spring.ProducerTemplate;
import dev.quill.spring.transaction.TransactionalProducerPool;

/**
 * Transactions as a Spring application writes them: {@code @Transactional} methods, {@code executeInTransaction},
 * and sends inside a JDBC transaction, which the Kafka transaction follows. A {@code read_committed} consumer says
 * what became visible.
 */
@SpringBootTest(classes = TransactionsAgainstBrokerTests.App.class, properties = {
        "quill.producer.transaction-id-prefix=orders-tx-",
        "quill.producer.transaction-pool-size=2",
        "quill.producer.linger=5ms" })
class TransactionsAgainstBrokerTests {

    private static final KafkaCluster CLUSTER = KafkaCluster.shared();

    @DynamicPropertySource
    static void broker(DynamicPropertyRegistry registry) {
        registry.add("quill.producer.bootstrap-servers", CLUSTER::bootstrapServers);
    }

    @Autowired
    private ProducerTemplate<String, String> template;

    @Autowired
    private OrderService service;

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private TransactionalProducerPool<String, String> pool;

    @Autowired
    private MeterRegistry meters;

    @Autowired
    @Qualifier("quillTransactionsHealthIndicator")
    private HealthIndicator transactionsHealth;

    @Test
    void whenATransactionalMethodThrowsThenNothingItSentBecomesVisible() {
        String topic = CLUSTER.createTopic(KafkaCluster.uniqueTopic("tx-spring"), 2, 1);

        assertThatThrownBy(() -> service.sendThenFail(topic)).isInstanceOf(IllegalArgumentException.class);
        service.sendTwo(topic);

        assertThat(readCommitted(topic, 2)).containsExactlyInAnyOrder("kept-1", "kept-2");
    }

    @Test
    void whenExecuteInTransactionThrowsThenItsRecordsAreAbortedAndTheProducerIsReused() {
        String topic = CLUSTER.createTopic(KafkaCluster.uniqueTopic("tx-execute"), 1, 1);
        int producersBefore = pool.size();

        String result = template.executeInTransaction(t -> {
            t.send(topic, "k", "first");
            return "done";
        });
        assertThatThrownBy(() -> template.executeInTransaction(t -> {
            t.send(topic, "k", "aborted");
            throw new IllegalStateException("processing failed");
        })).hasMessage("processing failed");
        template.executeInTransaction(t -> t.send(topic, "k", "second"));

        assertThat(result).isEqualTo("done");
        assertThat(readCommitted(topic, 2)).containsExactly("first", "second");
        assertThat(pool.size()).as("transactions one after another reuse a producer")
                .isEqualTo(Math.max(producersBefore, 1));
    }

    @Test
    void whenTheDatabaseTransactionCommitsOrRollsBackThenTheKafkaTransactionFollowsIt() {
        String topic = CLUSTER.createTopic(KafkaCluster.uniqueTopic("tx-jdbc"), 1, 1);
        jdbc.execute("CREATE TABLE IF NOT EXISTS orders (id VARCHAR(20) PRIMARY KEY)");

        service.insertAndSend(topic, "order-1", false);
        assertThatThrownBy(() -> service.insertAndSend(topic, "order-2", true))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(jdbc.queryForList("SELECT id FROM orders", String.class)).containsExactly("order-1");
        assertThat(readCommitted(topic, 1)).containsExactly("order-1");
    }

    @Test
    void whenTheTemplateSendsOutsideATransactionThenItNamesTheWayIn() {
        assertThatThrownBy(() -> template.send("anywhere", "k", "v")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("outside a transaction")
                .hasMessageContaining("quill.producer.allow-non-transactional");
    }

    @Test
    void whenMoreTransactionsRunAtOnceThanThePoolAllowsThenTheNextOneFailsClearly() {
        String topic = CLUSTER.createTopic(KafkaCluster.uniqueTopic("tx-pool"), 1, 1);

        assertThatThrownBy(() -> template.executeInTransaction(outer -> outer.executeInTransaction(
                inner -> inner.executeInTransaction(innermost -> innermost.send(topic, "k", "v")))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("All 2 transactional producers ('orders-tx-0' to 'orders-tx-1') are in use")
                .hasMessageContaining("quill.producer.transaction-pool-size");
        // Everything was aborted, and the producers came back: the next transaction runs.
        template.executeInTransaction(t -> t.send(topic, "k", "after"));
        assertThat(readCommitted(topic, 1)).containsExactly("after");
    }

    @Test
    @SuppressWarnings("unchecked")
    void whenTransactionsRanThenHealthAndMetersCountThem() {
        String topic = CLUSTER.createTopic(KafkaCluster.uniqueTopic("tx-meters"), 1, 1);
        double committedBefore = transactions("committed");
        double abortedBefore = transactions("aborted");

        template.executeInTransaction(t -> t.send(topic, "k", "v"));
        assertThatThrownBy(() -> template.executeInTransaction(t -> {
            throw new IllegalStateException("nothing to send");
        }));

        assertThat(transactions("committed")).isEqualTo(committedBefore + 1);
        assertThat(transactions("aborted")).isEqualTo(abortedBefore + 1);
        assertThat(meters.get("quill.producer.transactions.active").gauge().value()).isZero();
        Health health = transactionsHealth.health();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("transactionIdPrefix", "orders-tx-");
        Map<String, Map<String, Object>> ids = (Map<String, Map<String, Object>>) health.getDetails()
                .get("transactionalIds");
        assertThat(ids.get("orders-tx-0")).containsEntry("state", "READY").containsKey("coordinator");
    }

    private double transactions(String outcome) {
        return meters.get("quill.producer.transactions").tag("outcome", outcome).functionCounter().count();
    }

    private static List<String> readCommitted(String topic, int expected) {
        return CLUSTER.readAll(topic, expected, Duration.ofSeconds(30), "read_committed").stream()
                .map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
    }

    @SpringBootApplication
    static class App {

        @Bean
        OrderService orderService(ProducerTemplate<String, String> template, JdbcTemplate jdbc) {
            return new OrderService(template, jdbc);
        }
    }

    static class OrderService {

        private final ProducerTemplate<String, String> template;
        private final JdbcTemplate jdbc;

        OrderService(ProducerTemplate<String, String> template, JdbcTemplate jdbc) {
            this.template = template;
            this.jdbc = jdbc;
        }

        @Transactional("quillTransactionManager")
        public void sendThenFail(String topic) {
            template.send(topic, "a", "lost-1");
            template.send(topic, "b", "lost-2");
            template.flush();
            throw new IllegalArgumentException("invalid order");
        }

        @Transactional("quillTransactionManager")
        public void sendTwo(String topic) {
            template.send(topic, "a", "kept-1");
            template.send(topic, "b", "kept-2");
        }

        /** In the database's transaction: the Kafka transaction commits after it, or aborts with it. */
        @Transactional("transactionManager")
        public void insertAndSend(String topic, String id, boolean fail) {
            jdbc.update("INSERT INTO orders (id) VALUES (?)", id);
            template.send(topic, id, id);
            if (fail) {
                throw new IllegalArgumentException("order " + id + " rejected");
            }
        }
    }
}
