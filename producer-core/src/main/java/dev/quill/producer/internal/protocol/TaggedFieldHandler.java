package dev.quill.producer.internal.protocol;

/**
 * Receives the tagged fields of a structure one by one. The reader is positioned at the field's first
 * byte; a handler may read up to {@code size} bytes or none (for tags it does not know) and the
 * caller skips to the field's end either way, so fields added by newer brokers are ignored safely.
 */
@FunctionalInterface
public interface TaggedFieldHandler {

    void field(int tag, int size, ProtocolReader reader);
}
