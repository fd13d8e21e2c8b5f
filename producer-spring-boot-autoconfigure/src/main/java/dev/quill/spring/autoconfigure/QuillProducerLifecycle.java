package dev.quill.spring.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;

import dev.quill.producer.Producer;

/**
 * Binds the application's producers to the application context: on shutdown each delivers what is buffered and
 * in flight, all at once and each waiting at most {@code quill.producer.close-timeout}, then closes. Records
 * still unsent then fail with {@code ProducerClosedException}, so no caller waits forever, and shutdown does not
 * wait without limit for an unreachable cluster (as a producer's plain {@code close()} would).
 *
 * <p>It stops in a late phase, after the web server has stopped taking requests, so that a request being
 * served while the application shuts down can still send. A producer closed here cannot be started again.
 */
public class QuillProducerLifecycle implements SmartLifecycle, DisposableBean {

    /** After the web server's graceful shutdown and stop phases ({@code DEFAULT_PHASE - 1024} and {@code - 2048}). */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

    private final List<Producer<?, ?>> producers;
    private final Duration closeTimeout;
    private volatile boolean running;
    private volatile boolean closed;

    public QuillProducerLifecycle(Producer<?, ?> producer, Duration closeTimeout) {
        this(List.of(producer), closeTimeout);
    }

    public QuillProducerLifecycle(List<? extends Producer<?, ?>> producers, Duration closeTimeout) {
        this.producers = List.copyOf(producers);
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
        if (closed) {
            return;
        }
        closed = true;
        // Side by side, so that shutdown takes one close-timeout at most, not one per producer.
        List<Thread> closing = new ArrayList<>();
        for (Producer<?, ?> producer : producers) {
            Thread thread = new Thread(() -> producer.close(closeTimeout), "quill-producer-close-" + producer.clientId());
            thread.start();
            closing.add(thread);
        }
        for (Thread thread : closing) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
