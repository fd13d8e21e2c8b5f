package dev.quill.producer.internal.network;

import java.nio.ByteBuffer;
import java.util.function.Consumer;
import java.util.function.IntFunction;

import dev.quill.producer.errors.AuthenticationException;
import dev.quill.producer.errors.Errors;
import dev.quill.producer.errors.ProducerException;
import dev.quill.producer.internal.protocol.ApiKey;
import dev.quill.producer.internal.protocol.SaslAuthenticateRequest;
import dev.quill.producer.internal.protocol.SaslAuthenticateResponse;
import dev.quill.producer.internal.protocol.SaslHandshakeRequest;
import dev.quill.producer.internal.protocol.SaslHandshakeResponse;
import dev.quill.producer.internal.security.SaslExchanges;
import dev.quill.producer.internal.security.SaslMechanismClient;

/**
 * SASL on a new connection, after ApiVersions: SaslHandshake (v1) names the mechanism, then SaslAuthenticate
 * requests carry the mechanism's tokens until it completes. Every failure is an
 * {@link AuthenticationException}: retrying with the same credentials cannot succeed, so the records waiting on
 * the broker fail at once instead of timing out.
 */
public final class SaslAuthentication implements Authenticator {

    private final String clientId;
    private final String mechanism;
    private final SaslExchanges exchanges;

    /** @param exchanges a new exchange of the mechanism for each connection */
    public SaslAuthentication(String clientId, String mechanism, SaslExchanges exchanges) {
        this.clientId = clientId;
        this.mechanism = mechanism;
        this.exchanges = exchanges;
    }

    @Override
    public void authenticate(Node node, NetworkClient client, short[] apiVersions) {
        short handshakeVersion = apiVersions[ApiKey.SASL_HANDSHAKE.id()];
        short authenticateVersion = apiVersions[ApiKey.SASL_AUTHENTICATE.id()];
        if (handshakeVersion < 1 || authenticateVersion < 0) {
            client.handshakeFailed(node.id(), new AuthenticationException("Broker " + node.address()
                    + " does not support SaslHandshake v1 and SaslAuthenticate, which SASL needs (Kafka 1.0+)"),
                    System.currentTimeMillis());
            return;
        }
        SaslMechanismClient exchange;
        try {
            exchange = exchanges.next();
        } catch (ProducerException e) {
            fail(node, client, e);
            return;
        }
        SaslHandshakeRequest request = new SaslHandshakeRequest(mechanism);
        send(node, client, ApiKey.SASL_HANDSHAKE,
                correlationId -> request.encode(handshakeVersion, correlationId, clientId),
                frame -> onHandshake(node, client, apiVersions, exchange,
                        SaslHandshakeResponse.parse(frame, handshakeVersion)));
    }

    @Override
    public void close() {
        exchanges.close();
    }

    private void onHandshake(Node node, NetworkClient client, short[] apiVersions, SaslMechanismClient exchange,
                             SaslHandshakeResponse response) {
        Errors error = response.error();
        if (error == Errors.UNSUPPORTED_SASL_MECHANISM) {
            fail(node, client, new AuthenticationException("Broker " + node.address() + " does not enable SASL mechanism "
                    + mechanism + " on this listener; it enables " + response.mechanisms() + " (sasl.mechanism)",
                    null, error));
            return;
        }
        if (error == Errors.ILLEGAL_SASL_STATE) {
            fail(node, client, new AuthenticationException("Broker " + node.address() + " does not expect SASL on this "
                    + "listener (ILLEGAL_SASL_STATE in answer to SaslHandshake): is it a PLAINTEXT or SSL listener? "
                    + "Check security.protocol and the port", null, error));
            return;
        }
        if (error != Errors.NONE) {
            fail(node, client, error.exception("SaslHandshake with broker " + node.address() + " failed: "
                    + error.name()));
            return;
        }
        sendToken(node, client, apiVersions, exchange, exchange.initialResponse());
    }

    private void sendToken(Node node, NetworkClient client, short[] apiVersions, SaslMechanismClient exchange,
                           byte[] token) {
        short version = apiVersions[ApiKey.SASL_AUTHENTICATE.id()];
        SaslAuthenticateRequest request = new SaslAuthenticateRequest(token);
        send(node, client, ApiKey.SASL_AUTHENTICATE,
                correlationId -> request.encode(version, correlationId, clientId),
                frame -> onAuthenticate(node, client, apiVersions, exchange,
                        SaslAuthenticateResponse.parse(frame, version)));
    }

    private void onAuthenticate(Node node, NetworkClient client, short[] apiVersions, SaslMechanismClient exchange,
                                SaslAuthenticateResponse response) {
        Errors error = response.error();
        if (error != Errors.NONE) {
            String brokerMessage = response.errorMessage() == null ? error.description() : response.errorMessage();
            if (exchange.failureDetail() != null) {
                brokerMessage += " (" + exchange.failureDetail() + ")";
            }
            fail(node, client, new AuthenticationException("SASL " + mechanism + " authentication with broker "
                    + node.address() + " failed: " + brokerMessage, null,
                    error == Errors.SASL_AUTHENTICATION_FAILED ? error : Errors.SASL_AUTHENTICATION_FAILED));
            return;
        }
        byte[] next;
        try {
            next = exchange.evaluate(response.authBytes());
        } catch (AuthenticationException e) {
            fail(node, client, new AuthenticationException("SASL " + mechanism + " authentication with broker "
                    + node.address() + " failed: " + e.getMessage(), null, Errors.SASL_AUTHENTICATION_FAILED));
            return;
        }
        if (next != null) {
            sendToken(node, client, apiVersions, exchange, next);
        } else if (exchange.isComplete()) {
            client.authenticated(node.id(), response.sessionLifetimeMs());
            client.handshakeSucceeded(node.id(), apiVersions);
        } else {
            fail(node, client, new AuthenticationException("SASL " + mechanism + " exchange with broker "
                    + node.address() + " ended before it completed"));
        }
    }

    private static void fail(Node node, NetworkClient client, ProducerException error) {
        client.handshakeFailed(node.id(), error, System.currentTimeMillis());
    }

    private static void send(Node node, NetworkClient client, ApiKey api, IntFunction<ByteBuffer> encoder,
                             Consumer<ByteBuffer> onResponse) {
        client.sendHandshake(node.id(), api.id(), correlationId -> new ByteBuffer[] {encoder.apply(correlationId)},
                new ResponseHandler() {
            @Override
            public void onResponse(ByteBuffer frame) {
                onResponse.accept(frame);
            }

            @Override
            public void onFailure(ProducerException error) {
                // The connection is already closed; its failure was reported there.
            }
        }, System.currentTimeMillis());
    }
}
