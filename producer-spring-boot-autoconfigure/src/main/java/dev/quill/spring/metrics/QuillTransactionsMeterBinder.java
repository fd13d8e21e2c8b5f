package dev.quill.spring.metrics;

import java.util.Objects;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import dev.quill.spring.transaction.TransactionalProducerPool;

/**
 * Meters of the transactional producers of {@code quill.producer.transaction-id-prefix}, summed over the pool
 * (producers closed and replaced included), each tagged {@code transaction.id.prefix}:
 * <ul>
 * <li>{@code quill.producer.transactions} (counter), tag {@code outcome} = {@code committed} or {@code aborted};</li>
 * <li>{@code quill.producer.transactions.time} (function timer): from {@code beginTransaction()} to the
 *     coordinator's answer, over committed and aborted transactions;</li>
 * <li>{@code quill.producer.transactions.active} (gauge): transactions open now, each holding a producer.</li>
 * </ul>
 */
public final class QuillTransactionsMeterBinder implements MeterBinder {

    private final TransactionalProducerPool<?, ?> pool;

    public QuillTransactionsMeterBinder(TransactionalProducerPool<?, ?> pool) {
        this.pool = Objects.requireNonNull(pool, "pool");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        String prefix = pool.prefix();
        FunctionCounter.builder("quill.producer.transactions", pool, p -> p.totals().committed())
                .tag("transaction.id.prefix", prefix).tag("outcome", "committed")
                .description("Transactions committed").register(registry);
        FunctionCounter.builder("quill.producer.transactions", pool, p -> p.totals().aborted())
                .tag("transaction.id.prefix", prefix).tag("outcome", "aborted")
                .description("Transactions aborted").register(registry);
        FunctionTimer.builder("quill.producer.transactions.time", pool,
                        p -> p.totals().committed() + p.totals().aborted(), p -> p.totals().totalTimeMicros(),
                        TimeUnit.MICROSECONDS)
                .tag("transaction.id.prefix", prefix)
                .description("Time from beginTransaction() to the coordinator's answer").register(registry);
        Gauge.builder("quill.producer.transactions.active", pool, TransactionalProducerPool::inUse)
                .tag("transaction.id.prefix", prefix).description("Transactions open now").register(registry);
    }
}
