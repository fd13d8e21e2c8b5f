package dev.quill.producer.internal.interceptor;

import dev.quill.producer.Headers;
import dev.quill.producer.RecordMetadata;

/**
 * An interceptor that also wants the record's headers with its acknowledgement, as kafka-clients 4.x gives them;
 * the chain calls this instead of the two-argument {@code onAcknowledgement}. Internal: kafka-clients interceptors
 * get it through their adapter, Quill interceptors do not need it.
 */
public interface AcknowledgementWithHeaders {

    /** @param headers the record's headers, read-only from now on */
    void onAcknowledgement(RecordMetadata metadata, Exception error, Headers headers);
}
