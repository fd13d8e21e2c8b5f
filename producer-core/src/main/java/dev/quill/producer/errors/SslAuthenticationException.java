package dev.quill.producer.errors;

/**
 * The TLS handshake with a broker failed: its certificate is not trusted or does not match the host, it
 * rejected this client's certificate, or the two sides share no protocol version or cipher. Not retried:
 * fix the certificates or the {@code ssl.*} settings.
 */
public class SslAuthenticationException extends AuthenticationException {

    public SslAuthenticationException(String message, Throwable cause) {
        super(message, cause);
    }
}
