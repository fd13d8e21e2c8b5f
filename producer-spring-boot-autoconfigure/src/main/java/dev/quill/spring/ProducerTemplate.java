package dev.quill.spring;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.quill.producer.Producer;
import dev.quill.producer.ProducerConfig;
import dev.quill.producer.ProducerRecord;
import dev.quill.producer.RecordMetadata;
import dev.quill.producer.errors.ProducerException;
import dev.quill.spring.observation.DefaultProducerObservationConvention;
import dev.quill.spring.observation.ProducerObservationContext;
import dev.quill.spring.observation.ProducerObservationConvention;
import dev.quill.spring.transaction.TransactionalSends;

/**
 * Sends records through a {@link Producer} in the three usual modes, with Spring-style conveniences
 * (a default topic, listeners, a bounded synchronous send). Thread-safe and immutable: the {@code with...}
 * methods return a new template sharing the same producer.
 *
 * <pre>{@code
 * CompletableFuture<SendResult<String, Order>> f = template.send("orders", order.id(), order); // async
 * SendResult<String, Order> r = template.sendAndWait("orders", order.id(), order);          // sync, bounded
 * template.sendAndForget("orders", order.id(), order);                                      // nobody waits
 * }</pre>
 *
 * <p>Futures complete on the producer's I/O thread; hand slow follow-up work to an executor
 * ({@code thenApplyAsync(fn, executor)}). Closing the producer is not the template's job: whoever created the
 * producer closes it (the auto-configuration does so on context shutdown).
 *
 * @param <K> key type
 * @param <V> value type
 */
public class ProducerTemplate<K, V> {

    private static final Log LOG = LogFactory.getLog(ProducerTemplate.class);
    private static final long FORGOTTEN_FAILURE_LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final Producer<K, V> producer;
    private final String defaultTopic;
    /** Null: {@code sendAndWait} waits for the record's own outcome. */
    private final @Nullable Duration sendTimeout;
    private final List<ProducerListener<K, V>> listeners;
    private final ObservationRegistry observationRegistry;
    private final ProducerObservationConvention observationConvention;
    // Shared by the templates derived from one another, so that "with..." copies do not reset the rate limit.
    private final ForgottenFailureLog forgottenFailures;
    /** Null unless sends run in Kafka transactions. */
    private final @Nullable TransactionalSends<K, V> transactions;

    /**
     * A template with no default topic, no listeners and no observations, whose {@code sendAndWait} waits for each
     * record's outcome. The producer is a {@code QuillProducer}, or in tests a {@code MockProducer}.
     */
    public ProducerTemplate(Producer<K, V> producer) {
        this(producer, null, null, List.of(), ObservationRegistry.NOOP, null, new ForgottenFailureLog(), null);
    }

    private ProducerTemplate(Producer<K, V> producer, @Nullable String defaultTopic, @Nullable Duration sendTimeout,
                             List<ProducerListener<K, V>> listeners, ObservationRegistry observationRegistry,
                             ProducerObservationConvention observationConvention,
                             ForgottenFailureLog forgottenFailures, @Nullable TransactionalSends<K, V> transactions) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.defaultTopic = defaultTopic;
        this.sendTimeout = sendTimeout == null ? null : requirePositive(sendTimeout);
        this.listeners = List.copyOf(listeners);
        this.observationRegistry = Objects.requireNonNull(observationRegistry, "observationRegistry");
        this.observationConvention = observationConvention;
        this.forgottenFailures = forgottenFailures;
        this.transactions = transactions;
    }

    private static Duration requirePositive(Duration timeout) {
        Objects.requireNonNull(timeout, "sendTimeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("sendTimeout must be positive, was " + timeout);
        }
        return timeout;
    }

    /** A copy whose {@code sendDefault} methods send to {@code topic}. */
    public ProducerTemplate<K, V> withDefaultTopic(String topic) {
        return new ProducerTemplate<>(producer, topic, sendTimeout, listeners, observationRegistry,
                observationConvention, forgottenFailures, transactions);
    }

    /**
     * A copy whose {@code sendAndWait} methods without a timeout argument wait at most {@code timeout}, or, with
     * null, for the record's own outcome (the default). A wait shorter than the producer's
     * {@code delivery.timeout.ms} can end before the record's outcome is known: see {@link SendTimeoutException}.
     */
    public ProducerTemplate<K, V> withSendTimeout(@Nullable Duration timeout) {
        return new ProducerTemplate<>(producer, defaultTopic, timeout, listeners, observationRegistry,
                observationConvention, forgottenFailures, transactions);
    }

    /** A copy that also tells {@code listener} about every send. */
    public ProducerTemplate<K, V> withListener(ProducerListener<K, V> listener) {
        List<ProducerListener<K, V>> all = new ArrayList<>(listeners);
        all.add(Objects.requireNonNull(listener, "listener"));
        return new ProducerTemplate<>(producer, defaultTopic, sendTimeout, all, observationRegistry,
                observationConvention, forgottenFailures, transactions);
    }

    /**
     * A copy that also tells the listeners {@code listeners} supplies about every send. The supplier is asked once, at
     * the first send and on the sending thread, not now: for listeners that cannot be known when the template is made,
     * such as beans that depend on the template themselves (the auto-configured template finds its listener beans so).
     */
    public ProducerTemplate<K, V> withListeners(Supplier<? extends List<? extends ProducerListener<K, V>>> listeners) {
        return withListener(new LazyListeners<>(Objects.requireNonNull(listeners, "listeners")));
    }

    /**
     * A copy that observes every send through {@code registry}: with a tracing handler each send gets a span
     * and the trace context travels in the record's headers; with a meter handler each send is timed. Default:
     * no observations ({@link ObservationRegistry#NOOP}).
     */
    public ProducerTemplate<K, V> withObservation(ObservationRegistry registry) {
        return new ProducerTemplate<>(producer, defaultTopic, sendTimeout, listeners, registry,
                observationConvention, forgottenFailures, transactions);
    }

    /** A copy whose observations are named and tagged by {@code convention} instead of the default one. */
    public ProducerTemplate<K, V> withObservationConvention(ProducerObservationConvention convention) {
        return new ProducerTemplate<>(producer, defaultTopic, sendTimeout, listeners, observationRegistry,
                Objects.requireNonNull(convention, "convention"), forgottenFailures, transactions);
    }

    /**
     * A copy whose sends run in Kafka transactions: the thread's ({@code @Transactional} with the
     * {@code QuillTransactionManager}, or {@link #executeInTransaction}), or one that follows the thread's other
     * Spring-managed transaction. Outside any transaction a send fails, unless {@code transactions} allows
     * non-transactional sends, which then go through this template's producer.
     */
    public ProducerTemplate<K, V> withTransactions(TransactionalSends<K, V> transactions) {
        return new ProducerTemplate<>(producer, defaultTopic, sendTimeout, listeners, observationRegistry,
                observationConvention, forgottenFailures, Objects.requireNonNull(transactions, "transactions"));
    }

    /** Whether sends run in Kafka transactions ({@link #withTransactions}). */
    public boolean isTransactional() {
        return transactions != null;
    }

    /**
     * Runs {@code callback} in a Kafka transaction of its own: everything it sends through this template commits
     * when it returns, and is aborted when it throws (the exception then propagates). Independent of any transaction
     * the thread is in.
     *
     * @throws IllegalStateException when the template is not transactional
     */
    public <T> T executeInTransaction(Function<ProducerTemplate<K, V>, T> callback) {
        if (transactions == null) {
            throw new IllegalStateException("executeInTransaction needs a transactional template: set "
                    + "quill.producer.transaction-id-prefix");
        }
        return transactions.executeInTransaction(() -> callback.apply(this));
    }

    // ---- asynchronous ---------------------------------------------------------------------------------

    /** Sends a record without a key; the future completes when the brokers acknowledged it or it failed. */
    public CompletableFuture<SendResult<K, V>> send(String topic, @Nullable V value) {
        return send(ProducerRecord.of(topic, null, value));
    }

    /** Sends a keyed record; records with equal keys go to the same partition. */
    public CompletableFuture<SendResult<K, V>> send(String topic, @Nullable K key, @Nullable V value) {
        return send(ProducerRecord.of(topic, key, value));
    }

    /** Sends a record built with {@link ProducerRecord#builder(String)} (partition, timestamp, headers). */
    public CompletableFuture<SendResult<K, V>> send(ProducerRecord<K, V> record) {
        Objects.requireNonNull(record, "record");
        Producer<K, V> target = sendingProducer(record);
        if (observationRegistry.isNoop()) {
            return send(target, record, null, null);
        }
        ProducerObservationContext context = new ProducerObservationContext(record, producer.clientId());
        // Started before the send, so that propagation writes its headers while they can still change.
        Observation observation = Observation.createNotStarted(observationConvention,
                DefaultProducerObservationConvention.INSTANCE, () -> context, observationRegistry).start();
        return send(target, record, observation, context);
    }

    private CompletableFuture<SendResult<K, V>> send(Producer<K, V> target, ProducerRecord<K, V> record,
                                                     Observation observation, ProducerObservationContext context) {
        resolveLazyListeners();
        long start = System.nanoTime();
        CompletableFuture<SendResult<K, V>> result = new CompletableFuture<>();
        // Completing our own future only after the listeners ran (and the observation stopped) means that code
        // chained on it (a test, a controller) sees metrics and listener side effects already applied.
        target.send(record, (metadata, error) -> {
            notifyListeners(record, metadata, error, Duration.ofNanos(System.nanoTime() - start));
            if (observation != null) {
                if (error == null) {
                    context.setMetadata(metadata);
                } else {
                    observation.error(error);
                }
                observation.stop();
            }
            if (error == null) {
                result.complete(new SendResult<>(record, metadata));
            } else {
                result.completeExceptionally(error);
            }
        });
        return result;
    }

    /** The producer of the thread's transaction, when transactions are on; else the template's own. */
    private Producer<K, V> sendingProducer(ProducerRecord<K, V> record) {
        if (transactions == null) {
            return producer;
        }
        Producer<K, V> inTransaction = transactions.currentProducer();
        if (inTransaction != null) {
            return inTransaction;
        }
        if (transactions.allowsNonTransactional()) {
            return producer;
        }
        throw new IllegalStateException("Cannot send to topic " + record.topic() + " outside a transaction: this "
                + "template is transactional (quill.producer.transaction-id-prefix); send inside a @Transactional "
                + "method or executeInTransaction(...), or set quill.producer.allow-non-transactional=true");
    }

    /** Sends to the default topic ({@code quill.producer.default-topic}). */
    public CompletableFuture<SendResult<K, V>> sendDefault(@Nullable V value) {
        return send(requireDefaultTopic(), value);
    }

    /** Sends a keyed record to the default topic ({@code quill.producer.default-topic}). */
    public CompletableFuture<SendResult<K, V>> sendDefault(@Nullable K key, @Nullable V value) {
        return send(requireDefaultTopic(), key, value);
    }

    // ---- synchronous ----------------------------------------------------------------------------------

    /** As {@link #sendAndWait(ProducerRecord, Duration)} with the template's send timeout. */
    public SendResult<K, V> sendAndWait(String topic, @Nullable V value) {
        return sendAndWait(ProducerRecord.of(topic, null, value), sendTimeout);
    }

    /** As {@link #sendAndWait(ProducerRecord, Duration)} with the template's send timeout. */
    public SendResult<K, V> sendAndWait(String topic, @Nullable K key, @Nullable V value) {
        return sendAndWait(ProducerRecord.of(topic, key, value), sendTimeout);
    }

    /** As {@link #sendAndWait(ProducerRecord, Duration)} with the template's send timeout. */
    public SendResult<K, V> sendAndWait(ProducerRecord<K, V> record) {
        return sendAndWait(record, sendTimeout);
    }

    /**
     * Sends and waits for the record's outcome, at most {@code timeout}; with null, for as long as the producer
     * may take ({@code max.block.ms} to place it, then {@code delivery.timeout.ms}), so that what it reports is final.
     *
     * @throws ProducerException the send's own failure (for example {@code RecordTooLargeException})
     * @throws SendTimeoutException when the wait ran out first: the record may still be delivered
     */
    public SendResult<K, V> sendAndWait(ProducerRecord<K, V> record, @Nullable Duration timeout) {
        Duration wait = timeout == null ? outcomeBound() : requirePositive(timeout);
        Instant sent = Instant.now();
        CompletableFuture<SendResult<K, V>> future = send(record);
        try {
            return future.get(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw asProducerException(e.getCause());
        } catch (TimeoutException e) {
            throw new SendTimeoutException(record.topic(), wait, producer.config().deliveryTimeoutMs(),
                    producer.lastErrorSince(sent));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProducerException("Interrupted while waiting for the acknowledgement of a record to topic "
                    + record.topic() + "; the send continues in the background", e);
        } catch (CancellationException e) {
            throw new ProducerException("The send of a record to topic " + record.topic() + " was cancelled", e);
        }
    }

    // ---- fire and forget ------------------------------------------------------------------------------

    /**
     * Sends and returns at once; nobody waits for the outcome. Failures still reach listeners and metrics, and
     * are logged (at most one line per 10 seconds, with the number of failures in between).
     */
    public void sendAndForget(String topic, @Nullable V value) {
        sendAndForget(ProducerRecord.of(topic, null, value));
    }

    /** As {@link #sendAndForget(String, Object)}, with a key. */
    public void sendAndForget(String topic, @Nullable K key, @Nullable V value) {
        sendAndForget(ProducerRecord.of(topic, key, value));
    }

    /** As {@link #sendAndForget(String, Object)}, for a built record. */
    public void sendAndForget(ProducerRecord<K, V> record) {
        send(record).whenComplete((result, error) -> {
            if (error != null) {
                forgottenFailures.failed(record.topic(), error);
            }
        });
    }

    // ---- the rest -------------------------------------------------------------------------------------

    /** Sends every buffered record now and waits until each has completed, successfully or not. */
    public void flush() {
        Producer<K, V> inTransaction = transactions == null ? null : transactions.currentProducer();
        (inTransaction != null ? inTransaction : producer).flush();
    }

    /** The producer this template sends through, for what the template does not offer. */
    public Producer<K, V> producer() {
        return producer;
    }

    /** The topic of {@code sendDefault}, or null. */
    public @Nullable String defaultTopic() {
        return defaultTopic;
    }

    /** How long {@code sendAndWait} waits when not told otherwise; null: for the record's outcome. */
    public @Nullable Duration sendTimeout() {
        return sendTimeout;
    }

    /**
     * The longest a record can take to complete: waiting to be placed, its life in a batch, and one request that was
     * in flight when the delivery timeout passed. Past it, no answer means a fault in the producer, not a slow cluster.
     */
    private Duration outcomeBound() {
        ProducerConfig config = producer.config();
        return Duration.ofMillis(config.maxBlockMs() + config.deliveryTimeoutMs() + config.requestTimeoutMs());
    }

    private String requireDefaultTopic() {
        if (defaultTopic == null || defaultTopic.isBlank()) {
            throw new IllegalStateException("No default topic: set quill.producer.default-topic, or use "
                    + "withDefaultTopic(topic), before calling sendDefault");
        }
        return defaultTopic;
    }

    /** On the sending thread, so that the I/O thread never has to look listeners up (in a bean factory, say). */
    private void resolveLazyListeners() {
        for (ProducerListener<K, V> listener : listeners) {
            if (listener instanceof LazyListeners<K, V> lazy) {
                lazy.resolve();
            }
        }
    }

    private void notifyListeners(ProducerRecord<K, V> record, RecordMetadata metadata, Throwable error,
                                 Duration elapsed) {
        for (ProducerListener<K, V> listener : listeners) {
            try {
                listener.onCompletion(record, metadata, error, elapsed);
            } catch (RuntimeException e) {
                LOG.warn("ProducerListener " + listener.getClass().getName() + " threw for a record to topic "
                        + record.topic() + "; ignored", e);
            }
        }
    }

    private static ProducerException asProducerException(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof ProducerException p) {
            return p;
        }
        return new ProducerException(String.valueOf(cause.getMessage()), cause);
    }

    /** Listeners asked for once, at the first send; each is told about every send as if added on its own. */
    private static final class LazyListeners<K, V> implements ProducerListener<K, V> {

        private final Supplier<? extends List<? extends ProducerListener<K, V>>> supplier;
        private volatile List<ProducerListener<K, V>> resolved;

        LazyListeners(Supplier<? extends List<? extends ProducerListener<K, V>>> supplier) {
            this.supplier = supplier;
        }

        List<ProducerListener<K, V>> resolve() {
            List<ProducerListener<K, V>> current = resolved;
            if (current == null) {
                synchronized (this) {
                    current = resolved;
                    if (current == null) {
                        current = List.copyOf(supplier.get());
                        resolved = current;
                    }
                }
            }
            return current;
        }

        @Override
        public void onCompletion(ProducerRecord<K, V> record, RecordMetadata metadata, Throwable error,
                                 Duration elapsed) {
            for (ProducerListener<K, V> listener : resolve()) {
                try {
                    listener.onCompletion(record, metadata, error, elapsed);
                } catch (RuntimeException e) {
                    LOG.warn("ProducerListener " + listener.getClass().getName() + " threw for a record to topic "
                            + record.topic() + "; ignored", e);
                }
            }
        }
    }

    /** Logs fire-and-forget failures without flooding the log when a broker is gone. */
    private static final class ForgottenFailureLog {

        private final AtomicLong lastLoggedNanos = new AtomicLong(System.nanoTime() - FORGOTTEN_FAILURE_LOG_INTERVAL_NANOS);
        private final AtomicLong suppressed = new AtomicLong();

        void failed(String topic, Throwable error) {
            long now = System.nanoTime();
            long last = lastLoggedNanos.get();
            if (now - last >= FORGOTTEN_FAILURE_LOG_INTERVAL_NANOS && lastLoggedNanos.compareAndSet(last, now)) {
                long others = suppressed.getAndSet(0);
                LOG.warn("A record sent with sendAndForget to topic " + topic + " failed: " + error.getMessage()
                        + (others > 0 ? " (" + others + " other such failures since the last message)" : ""));
            } else {
                suppressed.incrementAndGet();
            }
        }
    }
}
