package dev.quill.spring.metrics;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;

import dev.quill.producer.LatencyListener;
import dev.quill.producer.Producer;
import dev.quill.producer.ProducerMetrics;
import dev.quill.producer.ProducerRecord;
import dev.quill.producer.QuillProducer;
import dev.quill.producer.RecordMetadata;
import dev.quill.producer.errors.ProducerException;
import dev.quill.spring.ProducerListener;

/**
 * Binds a {@link Producer}'s own counters and gauges ({@link Producer#metrics()}) to Micrometer, and
 * times sends made through a {@code ProducerTemplate} (as its {@link ProducerListener}).
 *
 * <p>Every meter has the tag {@value #CLIENT_ID} (the producer's {@code client.id}). The tag keys are fixed: a
 * name always carries the same keys, as Prometheus requires.
 *
 * <table>
 * <caption>Meters</caption>
 * <tr><th>name</th><th>type</th><th>tags</th><th>what</th></tr>
 * <tr><td>{@code quill.producer.records.sent}</td><td>counter</td><td>client.id, topic</td><td>records acknowledged by the brokers</td></tr>
 * <tr><td>{@code quill.producer.records.failed}</td><td>counter</td><td>client.id, topic</td><td>records whose send failed, for any reason</td></tr>
 * <tr><td>{@code quill.producer.records.retried}</td><td>counter</td><td>client.id, topic</td><td>record sends retried after a retriable error</td></tr>
 * <tr><td>{@code quill.producer.sent}</td><td>counter (bytes)</td><td>client.id, topic</td><td>record batch bytes acknowledged, after compression</td></tr>
 * <tr><td>{@code quill.producer.record.errors}</td><td>counter</td><td>client.id, error</td><td>failed records by error: the Kafka error name ({@code NOT_ENOUGH_REPLICAS}) or the exception's simple name ({@code RecordTooLargeException})</td></tr>
 * <tr><td>{@code quill.producer.batches.sent}</td><td>counter</td><td>client.id</td><td>record batches acknowledged</td></tr>
 * <tr><td>{@code quill.producer.requests}</td><td>counter</td><td>client.id</td><td>Produce requests answered</td></tr>
 * <tr><td>{@code quill.producer.send}</td><td>timer</td><td>client.id, topic, error</td><td>from {@code ProducerTemplate.send*} to the outcome; {@code error} is {@code none} on success, else named as for {@code record.errors}</td></tr>
 * <tr><td>{@code quill.producer.request.latency}</td><td>timer, with a percentile histogram</td><td>client.id</td><td>Produce request round trip</td></tr>
 * <tr><td>{@code quill.producer.record.queue.time}</td><td>timer, with a percentile histogram</td><td>client.id</td><td>time an acknowledged batch waited in the buffer before being sent</td></tr>
 * <tr><td>{@code quill.producer.batch.size.avg}</td><td>gauge (bytes)</td><td>client.id</td><td>mean batch size sent (bytes sent / batches sent)</td></tr>
 * <tr><td>{@code quill.producer.buffer.total}</td><td>gauge (bytes)</td><td>client.id</td><td>{@code buffer.memory}</td></tr>
 * <tr><td>{@code quill.producer.buffer.available}</td><td>gauge (bytes)</td><td>client.id</td><td>buffer memory not holding records</td></tr>
 * <tr><td>{@code quill.producer.records.queued}</td><td>gauge</td><td>client.id</td><td>records buffered, not yet sent (those waiting for metadata or a schema id included)</td></tr>
 * <tr><td>{@code quill.producer.records.waiting.schema}</td><td>gauge</td><td>client.id</td><td>records waiting for their serializer's schema id</td></tr>
 * <tr><td>{@code quill.producer.schema.registry.requests}</td><td>counter</td><td>client.id, outcome</td><td>Schema Registry requests made by the Avro serializers, retries included; {@code outcome} is {@code success} or {@code error}</td></tr>
 * <tr><td>{@code quill.producer.requests.in.flight}</td><td>gauge</td><td>client.id</td><td>requests written and not yet answered</td></tr>
 * <tr><td>{@code quill.producer.connections}</td><td>gauge</td><td>client.id</td><td>broker connections ready for requests</td></tr>
 * </table>
 *
 * <p>Topic and error tags take values only known at run time. The meters for a topic (or an error) are
 * registered when the binder binds, whenever a {@code ProducerTemplate} send completes with a topic (or error)
 * not seen before, and, for sends made through the {@link Producer} directly, by a check every
 * {@link #DEFAULT_REFRESH_INTERVAL} (as Micrometer's Kafka binders do); {@link #registerNewMeters()} does it at
 * once. {@link #close()} stops the check.
 */
public class QuillProducerMeterBinder implements MeterBinder, ProducerListener<Object, Object>, AutoCloseable {

    /** How often the binder looks for topics and errors that need meters of their own. */
    public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofSeconds(10);

    public static final String CLIENT_ID = "client.id";
    public static final String TOPIC = "topic";
    public static final String ERROR = "error";
    /** Whether a Schema Registry request succeeded: {@code success} or {@code error}. */
    public static final String OUTCOME = "outcome";
    /** The {@value #ERROR} tag of successful sends. */
    public static final String NO_ERROR = "none";

    private static final String PREFIX = "quill.producer.";
    private static final ProducerMetrics.TopicMetrics NO_TOPIC_METRICS = new ProducerMetrics.TopicMetrics(0, 0, 0, 0);

    private final Producer<?, ?> producer;
    private final Tags clientTags;
    private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();
    private final Set<String> topicsBound = ConcurrentHashMap.newKeySet();
    private final Set<String> errorsBound = ConcurrentHashMap.newKeySet();
    private final Map<TimerKey, Timer> timers = new ConcurrentHashMap<>();
    private final List<LatencyTimers> latencyTimers = new CopyOnWriteArrayList<>();
    private boolean latencyListenerBound;

    private final Duration refreshInterval;
    private ScheduledExecutorService refresher;

    public QuillProducerMeterBinder(Producer<?, ?> producer) {
        this(producer, DEFAULT_REFRESH_INTERVAL);
    }

    public QuillProducerMeterBinder(Producer<?, ?> producer, Duration refreshInterval) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.clientTags = Tags.of(CLIENT_ID, producer.clientId());
        this.refreshInterval = refreshInterval;
    }

    private synchronized void startRefreshing() {
        if (refresher == null) {
            refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "quill-producer-meters-" + producer.clientId());
                thread.setDaemon(true);
                return thread;
            });
            long millis = refreshInterval.toMillis();
            refresher.scheduleAtFixedRate(this::registerNewMeters, millis, millis, TimeUnit.MILLISECONDS);
        }
    }

    /** The producer whose metrics this binder binds. */
    public Producer<?, ?> producer() {
        return producer;
    }

    @Override
    public synchronized void close() {
        if (refresher != null) {
            refresher.shutdownNow();
        }
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        registries.add(registry);
        counter(registry, "batches.sent", "Record batches acknowledged", null, m -> m.batchesSent());
        counter(registry, "requests", "Produce requests answered", null, m -> m.requestsCompleted());
        latencyTimers.add(new LatencyTimers(latencyTimer(registry, "request.latency", "Produce request round trip"),
                latencyTimer(registry, "record.queue.time", "Time an acknowledged batch waited before being sent")));
        bindLatencyListener();
        gauge(registry, "batch.size.avg", "Mean size of the batches sent", BaseUnits.BYTES,
                m -> m.batchesSent() == 0 ? 0 : (double) m.bytesSent() / m.batchesSent());
        gauge(registry, "buffer.total", "Buffer memory (buffer.memory)", BaseUnits.BYTES,
                m -> m.bufferTotalBytes());
        gauge(registry, "buffer.available", "Buffer memory not holding records", BaseUnits.BYTES,
                m -> m.bufferAvailableBytes());
        gauge(registry, "records.queued", "Records buffered, not yet sent", null, m -> m.recordsQueued());
        gauge(registry, "records.waiting.schema", "Records waiting for their serializer's schema id", null,
                m -> m.recordsWaitingForLookup());
        counter(registry, "schema.registry.requests", "Schema Registry requests by outcome, retries included", null,
                clientTags.and(OUTCOME, "success"), m -> m.lookups().succeeded());
        counter(registry, "schema.registry.requests", "Schema Registry requests by outcome, retries included", null,
                clientTags.and(OUTCOME, "error"), m -> m.lookups().failed());
        gauge(registry, "requests.in.flight", "Requests written and not yet answered", null, m -> m.requestsInFlight());
        gauge(registry, "connections", "Broker connections ready for requests", null, m -> m.connections());
        ProducerMetrics now = producer.metrics();
        now.topics().keySet().forEach(topic -> bindTopic(registry, topic));
        now.failuresByError().keySet().forEach(error -> bindError(registry, error));
        startRefreshing();
    }

    /**
     * Registers the per-topic and per-error meters of topics and errors the producer has seen since the last
     * call, in every registry this binder is bound to.
     */
    public void registerNewMeters() {
        ProducerMetrics now = producer.metrics();
        for (String topic : now.topics().keySet()) {
            if (topicsBound.add(topic)) {
                registries.forEach(registry -> bindTopic(registry, topic));
            }
        }
        for (String error : now.failuresByError().keySet()) {
            if (errorsBound.add(error)) {
                registries.forEach(registry -> bindError(registry, error));
            }
        }
    }

    @Override
    public void onCompletion(ProducerRecord<Object, Object> record, RecordMetadata metadata, Throwable error,
                             Duration elapsed) {
        String errorName = error == null ? NO_ERROR : errorName(error);
        for (MeterRegistry registry : registries) {
            timers.computeIfAbsent(new TimerKey(registry, record.topic(), errorName), key -> Timer
                    .builder(PREFIX + "send")
                    .description("Time from a ProducerTemplate send to its acknowledgement or failure")
                    .tags(clientTags).tag(TOPIC, key.topic()).tag(ERROR, key.error())
                    .register(registry)).record(elapsed);
        }
        if (!topicsBound.contains(record.topic()) || (error != null && !errorsBound.contains(errorName))) {
            registerNewMeters();
        }
    }

    /** Named as the core names failures in {@link ProducerMetrics#failuresByError()}, so the two agree. */
    static String errorName(Throwable error) {
        Throwable e = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return e instanceof ProducerException p ? p.errorName() : e.getClass().getSimpleName();
    }

    private void bindTopic(MeterRegistry registry, String topic) {
        topicsBound.add(topic);
        Tags tags = clientTags.and(TOPIC, topic);
        counter(registry, "records.sent", "Records acknowledged by the brokers", null, tags,
                m -> topic(m, topic).recordsSent());
        counter(registry, "records.failed", "Records whose send failed", null, tags,
                m -> topic(m, topic).recordsFailed());
        counter(registry, "records.retried", "Record sends retried after a retriable error", null, tags,
                m -> topic(m, topic).recordsRetried());
        counter(registry, "sent", "Record batch bytes acknowledged, after compression", BaseUnits.BYTES, tags,
                m -> topic(m, topic).bytesSent());
    }

    private void bindError(MeterRegistry registry, String error) {
        errorsBound.add(error);
        counter(registry, "record.errors", "Failed records by error", null, clientTags.and(ERROR, error),
                m -> m.failuresByError().getOrDefault(error, 0L));
    }

    private static ProducerMetrics.TopicMetrics topic(ProducerMetrics metrics, String topic) {
        return metrics.topics().getOrDefault(topic, NO_TOPIC_METRICS);
    }

    private void counter(MeterRegistry registry, String name, String description, String unit,
                         ToLongFunction<ProducerMetrics> value) {
        counter(registry, name, description, unit, clientTags, value);
    }

    private void counter(MeterRegistry registry, String name, String description, String unit, Tags tags,
                         ToLongFunction<ProducerMetrics> value) {
        FunctionCounter.builder(PREFIX + name, producer, p -> value.applyAsLong(p.metrics()))
                .description(description).baseUnit(unit).tags(tags).register(registry);
    }

    private void gauge(MeterRegistry registry, String name, String description, String unit,
                       ToDoubleFunction<ProducerMetrics> value) {
        Gauge.builder(PREFIX + name, producer, p -> value.applyAsDouble(p.metrics()))
                .description(description).baseUnit(unit).tags(clientTags).register(registry);
    }

    /**
     * A timer fed by every measurement, with a percentile histogram so that percentiles aggregate across instances;
     * Boot's {@code management.metrics.distribution.*} properties for this name adjust or turn it off.
     */
    private Timer latencyTimer(MeterRegistry registry, String name, String description) {
        return Timer.builder(PREFIX + name).description(description).tags(clientTags)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(100_000))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
    }

    /**
     * Registers with the producer once, on first bind; every registry's timers are fed from then on. A producer
     * that measures no requests (a test double) leaves the timers empty.
     */
    private synchronized void bindLatencyListener() {
        if (latencyListenerBound || !(producer instanceof QuillProducer<?, ?> quill)) {
            return;
        }
        latencyListenerBound = true;
        quill.addLatencyListener(new LatencyListener() {
            @Override
            public void onRequestLatency(long micros) {
                latencyTimers.forEach(t -> t.requestLatency().record(micros, TimeUnit.MICROSECONDS));
            }

            @Override
            public void onRecordQueueTime(long micros) {
                latencyTimers.forEach(t -> t.queueTime().record(micros, TimeUnit.MICROSECONDS));
            }
        });
    }

    private record LatencyTimers(Timer requestLatency, Timer queueTime) {
    }

    private record TimerKey(MeterRegistry registry, String topic, String error) {
    }
}
