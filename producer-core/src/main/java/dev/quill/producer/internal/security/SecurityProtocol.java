package dev.quill.producer.internal.security;

import java.util.Locale;

/** {@code security.protocol}: whether a connection runs over TLS and whether it authenticates with SASL. */
public enum SecurityProtocol {
    PLAINTEXT(false, false),
    SSL(true, false),
    SASL_PLAINTEXT(false, true),
    SASL_SSL(true, true);

    private final boolean tls;
    private final boolean sasl;

    SecurityProtocol(boolean tls, boolean sasl) {
        this.tls = tls;
        this.sasl = sasl;
    }

    public boolean usesTls() {
        return tls;
    }

    public boolean usesSasl() {
        return sasl;
    }

    public static SecurityProtocol forName(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }
}
