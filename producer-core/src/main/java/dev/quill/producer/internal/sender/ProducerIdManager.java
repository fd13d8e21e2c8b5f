package dev.quill.producer.internal.sender;

import java.nio.ByteBuffer;
import java.util.function.LongSupplier;

import dev.quill.producer.errors.Errors;
import dev.quill.producer.errors.ProducerException;
import dev.quill.producer.internal.ExponentialBackoff;
import dev.quill.producer.internal.accumulator.ProducerIdentity;
import dev.quill.producer.internal.accumulator.RecordAccumulator;
import dev.quill.producer.internal.network.BrokerClient;
import dev.quill.producer.internal.network.Node;
import dev.quill.producer.internal.network.ResponseHandler;
import dev.quill.producer.internal.protocol.ApiKey;
import dev.quill.producer.internal.protocol.InitProducerIdRequest;
import dev.quill.producer.internal.protocol.InitProducerIdResponse;

/**
 * The idempotent producer's identity (producer id and epoch): obtained with InitProducerId, renewed by a local
 * epoch bump once the sequence numbers of the current one can no longer be trusted (KIP-360). Errors that leave
 * the producer unable to send anything are kept as its fatal error. Used by the I/O thread only, except
 * {@link #fatalError()}.
 */
final class ProducerIdManager implements IdentitySource {

    private final SenderSettings settings;
    private final RecordAccumulator accumulator;
    private final BrokerClient client;
    private final MetadataFetcher brokers;
    private final LongSupplier clock;
    private final ExponentialBackoff retryBackoff;
    private boolean inFlight;
    /** Set when a sequenced batch failed for good or the broker forgot this producer: start a new identity. */
    private boolean resetNeeded;
    private int attempts;
    private long retryAtMs;
    private volatile ProducerException fatalError;
    /** The last attempt to ask for an identity found no ready broker. */
    private boolean waitsForNetwork;

    ProducerIdManager(SenderSettings settings, RecordAccumulator accumulator, BrokerClient client,
                      MetadataFetcher brokers, LongSupplier clock) {
        this.settings = settings;
        this.clock = clock;
        this.accumulator = accumulator;
        this.client = client;
        this.brokers = brokers;
        this.retryBackoff = new ExponentialBackoff(settings.retryBackoffMs(), settings.retryBackoffMaxMs());
    }

    @Override
    public boolean waitsForNetwork() {
        return waitsForNetwork;
    }

    @Override
    public long timeToNextRequestMs(long now) {
        // A retry's backoff is the one wait here that no network event ends: responses and connections made wake
        // the I/O thread themselves. Nothing else is due (a producer without idempotence never asks at all).
        boolean retryPending = settings.idempotent() && fatalError == null && !inFlight && !waitsForNetwork
                && !accumulator.identity().isKnown() && retryAtMs > now;
        return retryPending ? retryAtMs - now : Long.MAX_VALUE;
    }

    @Override
    public ProducerException fatalError() {
        return fatalError;
    }

    /** The current identity's sequence numbers have a gap or the brokers lost them: renew it before sending more. */
    @Override
    public void requestReset() {
        resetNeeded = true;
    }

    /** True when batches may be drained: the producer has an identity and no reset is pending. */
    @Override
    public boolean ensureIdentity(long now) {
        if (fatalError != null) {
            // The cluster will refuse again: asking on every loop would only flood it with InitProducerId.
            return false;
        }
        if (resetNeeded && client.inFlightCount() == 0) {
            // Nothing in flight can still succeed with the old identity's sequence numbers. As KIP-360 lets an
            // idempotent producer do, bump the epoch locally: the brokers take a higher epoch as a fresh start
            // at sequence 0. Only an exhausted epoch needs a new producer id from the cluster.
            resetNeeded = false;
            accumulator.resetIdentity(accumulator.identity().bumped());
        }
        if (accumulator.identity().isKnown() && !resetNeeded) {
            return true;
        }
        if (!accumulator.identity().isKnown() && !inFlight && now >= retryAtMs) {
            Node node = brokers.readyNode(now);
            LaneConnection.State lane = node == null ? LaneConnection.State.CONNECTING
                    : LaneConnection.prepare(client, node, now);
            waitsForNetwork = lane == LaneConnection.State.CONNECTING;
            if (lane == LaneConnection.State.READY) {
                sendInitProducerId(node, now);
            } else if (lane == LaneConnection.State.BACKING_OFF) {
                scheduleRetry();
            }
        }
        return false;
    }

    private void sendInitProducerId(Node node, long now) {
        short version = client.apiVersion(node.id(), ApiKey.INIT_PRODUCER_ID.id());
        if (version < 0) {
            fatalError = new ProducerException("Broker " + node.address() + " does not support InitProducerId, which "
                    + "the idempotent producer needs; set enable.idempotence=false to send to it");
            return;
        }
        InitProducerIdRequest request = new InitProducerIdRequest(null, 60_000,
                InitProducerIdRequest.NO_PRODUCER_ID, InitProducerIdRequest.NO_PRODUCER_EPOCH);
        inFlight = true;
        client.send(node.id(), ApiKey.INIT_PRODUCER_ID.id(), true,
                correlationId -> new ByteBuffer[] {request.encode(version, correlationId, settings.clientId())},
                new ResponseHandler() {
                    @Override
                    public void onResponse(ByteBuffer frame) {
                        inFlight = false;
                        InitProducerIdResponse response = InitProducerIdResponse.parse(frame, version);
                        Errors error = response.error();
                        if (error == Errors.NONE) {
                            attempts = 0;
                            accumulator.resetIdentity(new ProducerIdentity(response.producerId(), response.producerEpoch()));
                        } else if (error == Errors.CLUSTER_AUTHORIZATION_FAILED) {
                            fatalError = error.exception("The idempotent producer needs the IdempotentWrite permission "
                                    + "on the cluster (CLUSTER_AUTHORIZATION_FAILED on InitProducerId); grant it, or "
                                    + "set enable.idempotence=false");
                        } else if (error.isRetriable()) {
                            scheduleRetry();
                        } else {
                            fatalError = error.exception("InitProducerId failed: " + error.name() + ": "
                                    + error.description());
                        }
                    }

                    @Override
                    public void onFailure(ProducerException error) {
                        inFlight = false;
                        scheduleRetry();
                    }
                }, now);
    }

    private void scheduleRetry() {
        retryAtMs = clock.getAsLong() + retryBackoff.backoffMs(attempts++);
    }
}
