package dev.quill.spring.actuate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import dev.quill.producer.TransactionStatus;
import dev.quill.producer.TransactionalProducer;
import dev.quill.spring.transaction.TransactionalProducerPool;

/**
 * The transactional producers of {@code quill.producer.transaction-id-prefix}: UP, or UNKNOWN before the first
 * transaction made one. A producer that failed for good (fenced, unauthorized) is closed and replaced with its
 * transaction, so it never holds the application DOWN. Details: {@code transactionIdPrefix}, {@code producers},
 * {@code inUse}, {@code committed}, {@code aborted}, and per transactional id its {@code state}, its
 * {@code coordinator} and, after a failure, its {@code lastError}.
 */
public class QuillTransactionsHealthIndicator extends AbstractHealthIndicator {

    private final TransactionalProducerPool<?, ?> pool;

    public QuillTransactionsHealthIndicator(TransactionalProducerPool<?, ?> pool) {
        super("Quill transactions health check failed");
        this.pool = Objects.requireNonNull(pool, "pool");
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        TransactionalProducerPool.Totals totals = pool.totals();
        if (totals.producers() == 0) {
            builder.unknown();
        } else {
            builder.up();
        }
        builder.withDetail("transactionIdPrefix", pool.prefix())
                .withDetail("producers", totals.producers())
                .withDetail("inUse", totals.inUse())
                .withDetail("committed", totals.committed())
                .withDetail("aborted", totals.aborted());
        Map<String, Map<String, Object>> byId = new LinkedHashMap<>();
        for (TransactionalProducer<?, ?> producer : pool.producers()) {
            TransactionStatus status = producer.transactionStatus();
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("state", status.state());
            if (status.coordinator() != null) {
                detail.put("coordinator", status.coordinator());
            }
            if (status.lastError() != null) {
                detail.put("lastError", status.lastError());
            }
            byId.put(status.transactionalId(), detail);
        }
        builder.withDetail("transactionalIds", byId);
    }
}
