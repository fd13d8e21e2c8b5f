package dev.quill.producer.bench;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.quill.producer.Callback;
import dev.quill.producer.ProducerConfig;
import dev.quill.producer.ProducerGroup;
import dev.quill.producer.ProducerMetrics;
import dev.quill.producer.ProducerRecord;
import dev.quill.producer.QuillProducer;
import dev.quill.producer.Serializers;

/** Quill behind the benchmark's adapter; configured from the same kafka-clients keys as the reference. */
final class QuillBenchProducer implements BenchProducer {

    private static final String IO_THREAD_PREFIX = "quill-producer-io-";

    private final QuillProducer<byte[], byte[]> producer;
    private final String clientId;
    private final String ioThreadName;
    // One instance for every record: the harness must not add a per-record allocation of its own.
    private final Callback shared;

    QuillBenchProducer(Map<String, Object> config, Completions completions) {
        this(QuillProducer.create(ProducerConfig.from(config), Serializers.byteArray(), Serializers.byteArray()),
                null, completions);
    }

    /** A producer of {@code group}, whose I/O thread is the group's (null: the producer has its own). */
    QuillBenchProducer(QuillProducer<byte[], byte[]> producer, ProducerGroup group, Completions completions) {
        this.producer = producer;
        this.clientId = producer.clientId();
        this.ioThreadName = IO_THREAD_PREFIX + (group == null ? clientId : group.clientId());
        this.shared = (metadata, error) -> completions.completed(error);
    }

    @Override
    public String name() {
        return "quill";
    }

    @Override
    public String clientId() {
        return clientId;
    }

    @Override
    public void send(String topic, byte[] value) {
        producer.send(ProducerRecord.of(topic, null, value), shared);
    }

    @Override
    public void send(String topic, int partition, byte[] value) {
        producer.send(ProducerRecord.of(topic, partition, null, value), shared);
    }

    @Override
    public void send(String topic, byte[] value, Acks perRecord) {
        producer.send(ProducerRecord.of(topic, null, value), (metadata, error) -> perRecord.acked(System.nanoTime(), error));
    }

    @Override
    public void sendAndWait(String topic, byte[] value) throws Exception {
        producer.send(ProducerRecord.of(topic, null, value)).get(60, TimeUnit.SECONDS);
    }

    @Override
    public int partitionCount(String topic) {
        return producer.partitionsFor(topic).size();
    }

    @Override
    public void flush() {
        producer.flush();
    }

    @Override
    public String ioThreadName() {
        return ioThreadName;
    }

    @Override
    public double averageBatchBytes() {
        ProducerMetrics m = producer.metrics();
        return m.batchesSent() == 0 ? Double.NaN : (double) m.bytesSent() / m.batchesSent();
    }

    @Override
    public void close() {
        producer.close();
    }
}
