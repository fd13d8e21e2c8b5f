package dev.quill.producer.internal.sender;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.Consumer;

import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;

import dev.quill.producer.errors.ProducerException;
import dev.quill.producer.internal.network.ResponseHandler;
import dev.quill.producer.internal.protocol.KafkaWire;

/**
 * One request the sender handed to the {@link ScriptedBrokerClient}: what went on the wire, read back with
 * kafka-clients, and the ways a broker (or the network) can end it.
 */
final class SentRequest {

    final int nodeId;
    final ApiKeys api;
    final short version;
    final long sentMs;
    private final int correlationId;
    /** The body after the request header, copied when sent: a batch's buffer goes back to the pool once it is done. */
    private final ByteBuffer body;
    private final ResponseHandler handler;
    private final Consumer<SentRequest> onDone;

    SentRequest(int nodeId, ApiKeys api, short version, int correlationId, ByteBuffer[] frame, String clientId,
                long sentMs, ResponseHandler handler, Consumer<SentRequest> onDone) {
        this.nodeId = nodeId;
        this.api = api;
        this.version = version;
        this.correlationId = correlationId;
        this.sentMs = sentMs;
        this.body = KafkaWire.requestBody(KafkaWire.join(frame), api, version, correlationId, clientId);
        this.handler = handler;
        this.onDone = onDone;
    }

    ProduceRequestData produce() {
        return new ProduceRequestData(KafkaWire.accessor(body.duplicate()), version);
    }

    /** The record batches of a Produce request. */
    List<WireBatch> batches() {
        return WireBatch.of(produce());
    }

    /** Answers as the broker would, with a response in this request's version. */
    void respond(ApiMessage response) {
        onDone.accept(this);
        handler.onResponse(KafkaWire.responseFrame(api, response, version, correlationId));
    }

    /** Ends the request without a response, as a lost connection or {@code request.timeout.ms} does. */
    void fail(ProducerException error) {
        onDone.accept(this);
        handler.onFailure(error);
    }

    @Override
    public String toString() {
        return api + " v" + version + " to broker " + nodeId;
    }
}
