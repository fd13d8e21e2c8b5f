package dev.quill.spring.autoconfigure.metrics;

import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import dev.quill.producer.Producer;
import dev.quill.spring.metrics.QuillProducerMeterBinder;

/**
 * Binds the producers that no {@link QuillProducerMeterBinder} bean covers, when the application has several:
 * each keeps its own {@code client.id} tag. Only the auto-configured template's producer, which has a binder
 * bean of its own, also gets the {@code quill.producer.send} timer.
 */
final class OtherProducersMeterBinder implements MeterBinder, AutoCloseable {

    private final List<QuillProducerMeterBinder> binders;

    OtherProducersMeterBinder(List<? extends Producer<?, ?>> producers) {
        this.binders = producers.stream().map(QuillProducerMeterBinder::new).toList();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        binders.forEach(binder -> binder.bindTo(registry));
    }

    @Override
    public void close() {
        binders.forEach(QuillProducerMeterBinder::close);
    }
}
