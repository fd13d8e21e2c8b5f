package dev.quill.producer.internal.sender;

import java.util.concurrent.atomic.AtomicLong;

import dev.quill.producer.errors.ProducerException;
import dev.quill.producer.internal.network.ConnectionListener;
import dev.quill.producer.internal.network.Node;

/**
 * Counts what happens on the shared connections: a connection opened or closed, a request answered. A producer
 * whose ready batches or requests wait for a connection or an in-flight slot cannot know which event frees it, so
 * the {@link IoLoop} runs every waiting producer again once the count moved.
 */
public final class NetworkEvents implements ConnectionListener {

    private final AtomicLong count = new AtomicLong();

    long count() {
        return count.get();
    }

    void responded() {
        count.incrementAndGet();
    }

    @Override
    public void onConnected(Node node) {
        count.incrementAndGet();
    }

    @Override
    public void onDisconnected(Node node, ProducerException cause) {
        count.incrementAndGet();
    }
}
