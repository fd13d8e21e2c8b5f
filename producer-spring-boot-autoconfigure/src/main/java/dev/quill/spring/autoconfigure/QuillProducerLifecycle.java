package dev.quill.spring.autoconfigure;

import java.time.Duration;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;

import dev.quill.producer.QuillProducer;

/**
 * Binds a producer to the application context: on shutdown it delivers what is buffered and in flight, waiting
 * at most {@code quill.producer.close-timeout}, then closes the producer. Records still unsent then fail with
 * {@code ProducerClosedException}, so no caller waits forever.
 *
 * <p>It stops in a late phase, after the web server has stopped taking requests, so that a request being
 * served while the application shuts down can still send. A producer closed here cannot be started again.
 */
public class QuillProducerLifecycle implements SmartLifecycle, DisposableBean {

    /** After the web server's graceful shutdown and stop phases ({@code DEFAULT_PHASE - 1024} and {@code - 2048}). */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

    private final QuillProducer<?, ?> producer;
    private final Duration closeTimeout;
    private volatile boolean running;
    private volatile boolean closed;

    public QuillProducerLifecycle(QuillProducer<?, ?> producer, Duration closeTimeout) {
        this.producer = producer;
        this.closeTimeout = closeTimeout;
    }

    @Override
    public void start() {
        // The producer runs from construction; "running" only tracks the context's view.
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        close();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /** Also on destroy: a context whose refresh failed never stops its lifecycles, but still destroys beans. */
    @Override
    public void destroy() {
        close();
    }

    private synchronized void close() {
        if (!closed) {
            closed = true;
            producer.close(closeTimeout);
        }
    }
}
