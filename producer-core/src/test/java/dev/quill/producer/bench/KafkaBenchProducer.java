package dev.quill.producer.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** kafka-clients' KafkaProducer, the reference, behind the benchmark's adapter. */
final class KafkaBenchProducer implements BenchProducer {

    private final KafkaProducer<byte[], byte[]> producer;
    private final String clientId;
    private final Callback shared;

    KafkaBenchProducer(Map<String, Object> config, Completions completions) {
        // kafka-clients rejects keys it does not know only with a warning, but Quill-only keys are never
        // put in the shared map, so both clients see exactly the same settings.
        this.producer = new KafkaProducer<>(new HashMap<>(config), new ByteArraySerializer(), new ByteArraySerializer());
        this.clientId = (String) config.get("client.id");
        this.shared = (metadata, error) -> completions.completed(error);
    }

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public String clientId() {
        return clientId;
    }

    @Override
    public void send(String topic, byte[] value) {
        producer.send(new ProducerRecord<>(topic, null, value), shared);
    }

    @Override
    public void send(String topic, int partition, byte[] value) {
        producer.send(new ProducerRecord<>(topic, partition, null, value), shared);
    }

    @Override
    public void send(String topic, byte[] value, Acks perRecord) {
        producer.send(new ProducerRecord<>(topic, null, value), (metadata, error) -> perRecord.acked(System.nanoTime(), error));
    }

    @Override
    public void sendAndWait(String topic, byte[] value) throws Exception {
        producer.send(new ProducerRecord<>(topic, null, value)).get(60, TimeUnit.SECONDS);
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
        return "kafka-producer-network-thread | " + clientId;
    }

    @Override
    public double averageBatchBytes() {
        // Windowed average (two 30 s samples by default), which covers a whole benchmark run.
        for (Map.Entry<MetricName, ? extends Metric> e : producer.metrics().entrySet()) {
            if (e.getKey().name().equals("batch-size-avg") && e.getKey().group().equals("producer-metrics")) {
                Object v = e.getValue().metricValue();
                return v instanceof Double d ? d : Double.NaN;
            }
        }
        return Double.NaN;
    }

    @Override
    public void close() {
        producer.close();
    }
}
