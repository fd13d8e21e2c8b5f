package dev.quill.spring.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the observations of {@code ProducerTemplate} sends. Declare a bean of this type to replace
 * {@link DefaultProducerObservationConvention}, or extend that class to add to it.
 */
public interface ProducerObservationConvention extends ObservationConvention<ProducerObservationContext> {

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof ProducerObservationContext;
    }
}
