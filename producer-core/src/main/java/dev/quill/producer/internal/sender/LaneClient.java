package dev.quill.producer.internal.sender;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.quill.producer.errors.ProducerException;
import dev.quill.producer.internal.network.BrokerClient;
import dev.quill.producer.internal.network.BrokerClientView;
import dev.quill.producer.internal.network.RequestEncoder;
import dev.quill.producer.internal.network.ResponseHandler;

/**
 * One producer's view of the shared connections, which notes when that producer needs the I/O thread: woken (a new
 * batch, a flush, a transactional call) or answered (a response or failure of one of its requests). The
 * {@link IoLoop} runs a producer's {@link Sender} only then or when its own deadline comes, so that one busy
 * producer does not make the loop visit every idle producer of its group on each event.
 */
public final class LaneClient extends BrokerClientView {

    private final NetworkEvents events;
    private final AtomicBoolean attention = new AtomicBoolean(true);

    /** @param events counts the answers to this producer's requests, which may free others' waits */
    public LaneClient(BrokerClient shared, NetworkEvents events) {
        super(shared);
        this.events = events;
    }

    /** Whether something happened for this producer since the last call; clears it. */
    boolean takeAttention() {
        return attention.getAndSet(false);
    }

    @Override
    public void wakeup() {
        attention.set(true);
        shared.wakeup();
    }

    @Override
    public void send(int nodeId, short apiKey, boolean expectsResponse, RequestEncoder encoder, ResponseHandler handler,
                     long nowMs) {
        shared.send(nodeId, apiKey, expectsResponse, encoder, new ResponseHandler() {
            @Override
            public void onResponse(ByteBuffer frame) {
                attention.set(true);
                events.responded();
                handler.onResponse(frame);
            }

            @Override
            public void onFailure(ProducerException error) {
                attention.set(true);
                events.responded();
                handler.onFailure(error);
            }
        }, nowMs);
    }
}
