package dev.quill.producer.internal.network;

import java.io.IOException;

/**
 * The broker answered plaintext with TLS: the listener expects TLS and the client does not speak it. Also says
 * what a broker closing the connection at a given moment suggests about a mismatch of security protocols.
 */
final class ProtocolMismatchException extends IOException {

    ProtocolMismatchException(String message) {
        super(message);
    }

    /**
     * A response size whose first bytes read as a TLS record header (content type 20..23, major version 3) is
     * a TLS alert or handshake from a TLS listener, not a Kafka response.
     */
    static void checkNotTls(int size) throws ProtocolMismatchException {
        int type = size >>> 24;
        int major = (size >>> 16) & 0xff;
        if (type >= 20 && type <= 23 && major == 3) {
            throw new ProtocolMismatchException("the broker answered with TLS, so its listener expects TLS but this "
                    + "client speaks plaintext: set security.protocol to SSL or SASL_SSL, or use the plaintext port");
        }
    }

    /**
     * Why a broker may have closed the connection now, when that suggests a listener of another security
     * protocol; null when the moment says nothing.
     */
    static String suspicion(BrokerConnection.State state, boolean tls, boolean sasl, int responsesWhileReady) {
        String protocol = (sasl ? "SASL_" : "") + (tls ? "SSL" : "PLAINTEXT");
        if (state == BrokerConnection.State.CONNECTING && tls) {
            return "during the TLS handshake: its listener may not speak TLS (security.protocol=" + protocol
                    + " here); check security.protocol and the port";
        }
        if (state == BrokerConnection.State.HANDSHAKE && !tls) {
            return "before answering the connection handshake: a TLS listener does this to a plaintext client "
                    + "(security.protocol=" + protocol + " here); check security.protocol and the port";
        }
        if (state == BrokerConnection.State.READY && responsesWhileReady == 0 && !sasl) {
            return "at the first request after ApiVersions: a listener that expects SASL authentication does this "
                    + "to a client that does not authenticate (security.protocol=" + protocol + " here); set "
                    + "security.protocol=SASL_" + (tls ? "SSL" : "PLAINTEXT") + " and sasl.mechanism, or use "
                    + "the right port";
        }
        return null;
    }
}
