package dev.quill.producer.internal.security;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * SASL PLAIN (RFC 4616): one message, an empty authorization id, the user name and the password separated by
 * NUL bytes. The password crosses the wire as it is, hence SASL_SSL in production.
 */
final class PlainMechanism implements SaslMechanismClient {

    private final SaslCredentials credentials;
    private boolean complete;

    PlainMechanism(SaslCredentials credentials) {
        this.credentials = credentials;
    }

    @Override
    public String mechanism() {
        return "PLAIN";
    }

    @Override
    public byte[] initialResponse() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.writeBytes(credentials.username().getBytes(StandardCharsets.UTF_8));
        out.write(0);
        out.writeBytes(credentials.password().getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    @Override
    public byte[] evaluate(byte[] challenge) {
        // The broker's answer to PLAIN is empty; getting it at all means the credentials were accepted.
        complete = true;
        return null;
    }

    @Override
    public boolean isComplete() {
        return complete;
    }
}
