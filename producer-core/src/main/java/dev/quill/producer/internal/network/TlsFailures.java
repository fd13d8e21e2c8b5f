package dev.quill.producer.internal.network;

import java.util.Locale;

import javax.net.ssl.SSLException;

/**
 * Turns the JDK's TLS failure messages into one that names the broker and says what to check. The JDK's own
 * text stays at the end, since it is the most precise.
 */
final class TlsFailures {

    private TlsFailures() {
    }

    static String describe(Node node, SSLException e) {
        String detail = innermostMessage(e);
        String lower = detail.toLowerCase(Locale.ROOT);
        String hint;
        if (lower.contains("no subject alternative") || lower.contains("no name matching")) {
            hint = "its certificate does not match the host name " + node.host()
                    + " (hostname verification, ssl.endpoint.identification.algorithm=https)";
        } else if (lower.contains("pkix") || lower.contains("certification path") || lower.contains("trust")) {
            hint = "its certificate is not trusted: check ssl.truststore.* (or ssl.truststore.certificates)";
        } else if (lower.contains("certificate_required") || lower.contains("bad_certificate")
                || lower.contains("certificate_unknown") || lower.contains("unknown_ca")) {
            hint = "the broker rejected this client's certificate or got none (mutual TLS): check ssl.keystore.*";
        } else if (lower.contains("protocol_version") || lower.contains("no appropriate protocol")
                || lower.contains("handshake_failure")) {
            hint = "no TLS version or cipher suite in common: check ssl.enabled.protocols and ssl.cipher.suites";
        } else if (lower.contains("unrecognized ssl message") || lower.contains("plaintext connection")) {
            hint = "the broker did not answer in TLS: its listener may be PLAINTEXT or SASL_PLAINTEXT; check "
                    + "security.protocol and the port";
        } else {
            hint = "TLS error";
        }
        return "TLS handshake with " + node + " failed: " + hint + " [" + detail + "]";
    }

    /** The peer just went away: a question of which listener this is, not of certificates. */
    static boolean isClosedByPeer(SSLException e) {
        String message = innermostMessage(e).toLowerCase(Locale.ROOT);
        return message.contains("remote host terminated") || message.contains("closed by peer")
                || message.contains("connection reset");
    }

    private static String innermostMessage(Throwable e) {
        String message = e.getMessage();
        for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            if (t.getMessage() != null) {
                message = message == null ? t.getMessage() : message;
                if (!message.contains(t.getMessage())) {
                    message = message + ": " + t.getMessage();
                }
            }
        }
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
