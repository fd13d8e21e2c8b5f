package dev.quill.spring;

import dev.quill.producer.ProducerRecord;
import dev.quill.producer.RecordMetadata;

/**
 * What a send through {@link ProducerTemplate} produced: the record as sent and where the brokers put it.
 *
 * @param record the record handed to the producer
 * @param metadata the topic, partition and offset the brokers acknowledged
 * @param <K> key type
 * @param <V> value type
 */
public record SendResult<K, V>(ProducerRecord<K, V> record, RecordMetadata metadata) {
}
