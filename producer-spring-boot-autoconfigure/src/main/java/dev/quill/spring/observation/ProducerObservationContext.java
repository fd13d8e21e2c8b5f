package dev.quill.spring.observation;

import java.nio.charset.StandardCharsets;

import io.micrometer.observation.transport.SenderContext;

import dev.quill.producer.ProducerRecord;
import dev.quill.producer.RecordMetadata;

/**
 * What an observation of one {@code ProducerTemplate} send knows: the record, the producer's {@code client.id}
 * and, once the brokers acknowledged it, where it landed. Propagation (a tracer's {@code traceparent}, baggage)
 * writes into the record's headers, which the consumer side reads back; a header the record already carries
 * under the same name stays, and the new one, being the last, is the one Kafka consumers take.
 */
public final class ProducerObservationContext extends SenderContext<ProducerRecord<?, ?>> {

    private final ProducerRecord<?, ?> record;
    private final String clientId;
    private RecordMetadata metadata;

    public ProducerObservationContext(ProducerRecord<?, ?> record, String clientId) {
        super(ProducerObservationContext::addHeader);
        this.record = record;
        this.clientId = clientId;
        setCarrier(record);
        setRemoteServiceName("Apache Kafka");
    }

    private static void addHeader(ProducerRecord<?, ?> carrier, String key, String value) {
        if (carrier != null) {
            carrier.headers().add(key, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    public ProducerRecord<?, ?> getRecord() {
        return record;
    }

    public String getClientId() {
        return clientId;
    }

    /** Where the record landed; null until the brokers acknowledged it, and when the send failed. */
    public RecordMetadata getMetadata() {
        return metadata;
    }

    public void setMetadata(RecordMetadata metadata) {
        this.metadata = metadata;
    }
}
