package dev.quill.spring.observation;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

import dev.quill.producer.RecordMetadata;

/**
 * The observation {@value #NAME}, one per {@code ProducerTemplate} send, from the call to the brokers' answer,
 * with OpenTelemetry's messaging attribute names. Its span is named {@code send <topic>}.
 *
 * <table>
 * <caption>Key values</caption>
 * <tr><th>key</th><th>cardinality</th><th>value</th></tr>
 * <tr><td>{@code messaging.system}</td><td>low</td><td>{@code kafka}</td></tr>
 * <tr><td>{@code messaging.operation}</td><td>low</td><td>{@code publish}</td></tr>
 * <tr><td>{@code messaging.destination.name}</td><td>low</td><td>the topic</td></tr>
 * <tr><td>{@code messaging.client.id}</td><td>low</td><td>the producer's {@code client.id}</td></tr>
 * <tr><td>{@code messaging.destination.partition.id}</td><td>high</td><td>the partition, once acknowledged</td></tr>
 * <tr><td>{@code messaging.kafka.offset}</td><td>high</td><td>the record's offset, once acknowledged</td></tr>
 * </table>
 *
 * A failed send ends the observation with its exception, which meter handlers record as the {@code error} tag.
 */
public class DefaultProducerObservationConvention implements ProducerObservationConvention {

    public static final String NAME = "quill.producer.template";

    public static final DefaultProducerObservationConvention INSTANCE = new DefaultProducerObservationConvention();

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public String getContextualName(ProducerObservationContext context) {
        return "send " + context.getRecord().topic();
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(ProducerObservationContext context) {
        return KeyValues.of(
                KeyValue.of("messaging.system", "kafka"),
                KeyValue.of("messaging.operation", "publish"),
                KeyValue.of("messaging.destination.name", context.getRecord().topic()),
                KeyValue.of("messaging.client.id", context.getClientId()));
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(ProducerObservationContext context) {
        RecordMetadata metadata = context.getMetadata();
        if (metadata == null) {
            return KeyValues.empty();
        }
        return KeyValues.of(
                KeyValue.of("messaging.destination.partition.id", String.valueOf(metadata.partition())),
                KeyValue.of("messaging.kafka.offset", String.valueOf(metadata.offset())));
    }
}
