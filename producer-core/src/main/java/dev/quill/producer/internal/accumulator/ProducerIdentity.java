package dev.quill.producer.internal.accumulator;

/**
 * The idempotent producer's id and epoch from InitProducerId. Until one is known, an idempotent producer
 * sends nothing, since every batch must carry them.
 */
public record ProducerIdentity(long producerId, short epoch) {

    public static final ProducerIdentity NONE = new ProducerIdentity(-1L, (short) -1);

    public boolean isKnown() {
        return producerId >= 0;
    }
}
