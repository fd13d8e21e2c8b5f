package dev.quill.producer.internal.security;

/**
 * The client side of one SASL exchange, for one connection. Tokens travel in SaslAuthenticate requests; the
 * exchange ends when {@link #isComplete()} after the broker's last token.
 */
public interface SaslMechanismClient {

    String mechanism();

    /** The first token the client sends. */
    byte[] initialResponse();

    /**
     * Takes the broker's token and returns the next one to send, or null when nothing more is to be sent.
     *
     * @throws dev.quill.producer.errors.AuthenticationException when the broker's token is invalid or
     *     fails verification
     */
    byte[] evaluate(byte[] challenge);

    boolean isComplete();

    /** What the broker said about a refusal during the exchange, for the error message; null when nothing. */
    default String failureDetail() {
        return null;
    }
}
