package dev.quill.producer.internal.security;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * SASL OAUTHBEARER (RFC 7628) as Kafka speaks it: one client message carrying the bearer token and any SASL
 * extensions. The broker answers an accepted token with an empty message; a refused one with a JSON error
 * document, which the client acknowledges with a single separator byte before the broker fails the exchange.
 */
final class OAuthBearerMechanism implements SaslMechanismClient {

    private static final char SEPARATOR = '\u0001';

    private final String token;
    private final Map<String, String> extensions;
    private boolean complete;
    private String refusal;

    OAuthBearerMechanism(String token, Map<String, String> extensions) {
        this.token = token;
        this.extensions = extensions;
    }

    @Override
    public String mechanism() {
        return "OAUTHBEARER";
    }

    @Override
    public byte[] initialResponse() {
        StringBuilder message = new StringBuilder("n,,").append(SEPARATOR).append("auth=Bearer ").append(token);
        extensions.forEach((key, value) -> message.append(SEPARATOR).append(key).append('=').append(value));
        message.append(SEPARATOR).append(SEPARATOR);
        return message.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] evaluate(byte[] challenge) {
        if (challenge.length == 0) {
            complete = true;
            return null;
        }
        // The broker refused the token and explains why; it fails the exchange once the client answers.
        refusal = new String(challenge, StandardCharsets.UTF_8);
        return new byte[] {SEPARATOR};
    }

    @Override
    public boolean isComplete() {
        return complete;
    }

    @Override
    public String failureDetail() {
        return refusal;
    }
}
