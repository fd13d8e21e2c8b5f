package dev.quill.producer.internal.interceptor;

import dev.quill.producer.Callback;
import dev.quill.producer.Headers;
import dev.quill.producer.ProducerRecord;
import dev.quill.producer.RecordMetadata;

/**
 * A record's callback when interceptors are configured: the producer runs it once per record, whatever the outcome,
 * which is exactly kafka-clients' rule for {@code onAcknowledgement}; the interceptors hear first, then the user.
 */
final class AcknowledgingCallback implements Callback {

    private final Interceptors<?, ?> interceptors;
    private final String topic;
    private final int partition;
    private final Headers headers;
    private final Callback user;

    AcknowledgingCallback(Interceptors<?, ?> interceptors, ProducerRecord<?, ?> record, Callback user) {
        this.interceptors = interceptors;
        this.topic = record.topic();
        this.partition = record.partition();
        this.headers = record.headers();
        this.user = user;
    }

    @Override
    public void onCompletion(RecordMetadata metadata, Exception error) {
        // As kafka-clients: a failed record's metadata names only its topic and (requested) partition.
        RecordMetadata seen = metadata != null ? metadata
                : RecordMetadata.of(topic, partition, RecordMetadata.UNKNOWN_OFFSET, -1L, -1, -1);
        interceptors.onAcknowledgement(seen, error, headers);
        if (user != null) {
            user.onCompletion(metadata, error);
        }
    }
}
