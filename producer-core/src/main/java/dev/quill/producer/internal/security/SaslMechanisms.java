package dev.quill.producer.internal.security;

import java.util.List;

/** The SASL mechanisms Quill speaks, and a fresh client of one per connection. */
public final class SaslMechanisms {

    public static final List<String> SUPPORTED = List.of("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512");

    private SaslMechanisms() {
    }

    public static boolean isSupported(String mechanism) {
        return SUPPORTED.contains(mechanism);
    }

    /** @param tokenAuth SCRAM's {@code tokenauth=true} extension, for delegation tokens */
    public static SaslMechanismClient newClient(String mechanism, SaslCredentials credentials, boolean tokenAuth) {
        return switch (mechanism) {
            case "PLAIN" -> new PlainMechanism(credentials);
            case "SCRAM-SHA-256", "SCRAM-SHA-512" -> new ScramMechanism(mechanism, credentials, tokenAuth);
            default -> throw new IllegalArgumentException("unsupported SASL mechanism " + mechanism);
        };
    }
}
