package dev.quill.producer.internal.kafka;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

import dev.quill.producer.ProducerRecord;
import dev.quill.producer.RecordMetadata;

/** Converts records and metadata between Quill's types and kafka-clients', field for field. */
final class KafkaRecords {

    private KafkaRecords() {
    }

    static <K, V> org.apache.kafka.clients.producer.ProducerRecord<K, V> toKafka(ProducerRecord<K, V> record) {
        List<Header> headers = new ArrayList<>(record.headers().size());
        for (dev.quill.producer.Header h : record.headers()) {
            headers.add(KafkaHeadersView.toKafka(h));
        }
        return new org.apache.kafka.clients.producer.ProducerRecord<>(record.topic(),
                record.hasPartition() ? record.partition() : null,
                record.timestamp() == ProducerRecord.NO_TIMESTAMP ? null : record.timestamp(),
                record.key(), record.value(), headers);
    }

    static <K, V> ProducerRecord<K, V> fromKafka(org.apache.kafka.clients.producer.ProducerRecord<K, V> record) {
        ProducerRecord.Builder<K, V> b = ProducerRecord.<K, V>builder(record.topic()).key(record.key())
                .value(record.value());
        if (record.partition() != null) {
            b.partition(record.partition());
        }
        if (record.timestamp() != null) {
            b.timestamp(record.timestamp());
        }
        for (Header h : record.headers()) {
            b.header(h.key(), h.value());
        }
        return b.build();
    }

    /** Batch index 0 with the record's own offset as base offset: kafka-clients' offset() then is that offset. */
    static org.apache.kafka.clients.producer.RecordMetadata toKafka(RecordMetadata metadata) {
        return new org.apache.kafka.clients.producer.RecordMetadata(
                new TopicPartition(metadata.topic(), metadata.partition()), metadata.offset(), 0,
                metadata.timestamp(), metadata.serializedKeySize(), metadata.serializedValueSize());
    }
}
