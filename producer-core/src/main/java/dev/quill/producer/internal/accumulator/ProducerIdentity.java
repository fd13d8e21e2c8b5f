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

    /** The same producer id with the next epoch, or {@link #NONE} when the epoch cannot grow further. */
    public ProducerIdentity bumped() {
        return isKnown() && epoch < Short.MAX_VALUE - 1 ? new ProducerIdentity(producerId, (short) (epoch + 1)) : NONE;
    }
}
