package dev.quill.producer.internal.network;

import java.nio.ByteBuffer;
import java.util.Arrays;

import dev.quill.producer.errors.Errors;
import dev.quill.producer.errors.ProducerException;
import dev.quill.producer.internal.protocol.ApiKey;
import dev.quill.producer.internal.protocol.ApiVersionsRequest;
import dev.quill.producer.internal.protocol.ApiVersionsResponse;
import dev.quill.producer.internal.protocol.NegotiatedVersions;

/**
 * Asks a new connection's broker which API versions it speaks and picks, for each API Quill uses, the
 * highest both sides support. A broker too old for Quill's Produce or Metadata fails the connection with
 * an error naming both version ranges, rather than leaving records to time out.
 */
public final class ApiVersionsHandshake implements ConnectionHandshake {

    private static final int API_KEY_SLOTS = 64;
    private static final ApiKey[] REQUIRED = {ApiKey.PRODUCE, ApiKey.METADATA};

    private final String clientId;
    private final Authenticator authenticator;

    public ApiVersionsHandshake(String clientId) {
        this(clientId, Authenticator.NONE);
    }

    /** ApiVersions first (a SASL listener answers it before authentication), then the authenticator. */
    public ApiVersionsHandshake(String clientId, Authenticator authenticator) {
        this.clientId = clientId;
        this.authenticator = authenticator;
    }

    /** Whether connections authenticate after negotiation (SASL). */
    boolean authenticates() {
        return authenticator != Authenticator.NONE;
    }

    @Override
    public void begin(Node node, NetworkClient client) {
        request(node, client, ApiKey.API_VERSIONS.latestVersion());
    }

    private void request(Node node, NetworkClient client, short version) {
        client.sendHandshake(node.id(), ApiKey.API_VERSIONS.id(),
                correlationId -> new ByteBuffer[] {ApiVersionsRequest.quill().encode(version, correlationId, clientId)},
                new ResponseHandler() {
                    @Override
                    public void onResponse(ByteBuffer frame) {
                        onApiVersions(node, client, version, frame);
                    }

                    @Override
                    public void onFailure(ProducerException error) {
                        // The connection is already closed; its failure was reported there.
                    }
                }, System.currentTimeMillis());
    }

    private void onApiVersions(Node node, NetworkClient client, short version, ByteBuffer frame) {
        long now = System.currentTimeMillis();
        ApiVersionsResponse response = ApiVersionsResponse.parse(frame, version);
        if (response.error() == Errors.UNSUPPORTED_VERSION && response.retryVersion() < version) {
            request(node, client, response.retryVersion());
            return;
        }
        short[] table;
        try {
            table = new short[API_KEY_SLOTS];
            NegotiatedVersions negotiated = NegotiatedVersions.of(node.address(), response);
            Arrays.fill(table, (short) -1);
            for (ApiKey api : ApiKey.values()) {
                if (negotiated.supports(api)) {
                    table[api.id()] = negotiated.versionFor(api);
                }
            }
            for (ApiKey api : REQUIRED) {
                negotiated.versionFor(api);
            }
        } catch (ProducerException e) {
            client.handshakeFailed(node.id(), e, now);
            return;
        }
        client.featuresReported(response.finalizedFeaturesEpoch(), response.finalizedFeatures());
        authenticator.authenticate(node, client, table);
    }

    @Override
    public void close() {
        authenticator.close();
    }
}
