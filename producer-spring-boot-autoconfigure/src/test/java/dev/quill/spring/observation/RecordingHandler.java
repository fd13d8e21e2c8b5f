package dev.quill.spring.observation;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;

/**
 * Keeps every stopped send observation, and on start writes a {@code traceparent} header through the context's
 * propagation setter, as a tracing handler would.
 */
public final class RecordingHandler implements ObservationHandler<ProducerObservationContext> {

    public static final String TRACE_HEADER = "traceparent";
    public static final String TRACE_VALUE = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    private final List<ProducerObservationContext> stopped = new CopyOnWriteArrayList<>();

    @Override
    public void onStart(ProducerObservationContext context) {
        context.getSetter().set(context.getCarrier(), TRACE_HEADER, TRACE_VALUE);
    }

    @Override
    public void onStop(ProducerObservationContext context) {
        stopped.add(context);
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
        return context instanceof ProducerObservationContext;
    }

    public List<ProducerObservationContext> stopped() {
        return stopped;
    }
}
