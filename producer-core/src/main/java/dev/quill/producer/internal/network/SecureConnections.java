package dev.quill.producer.internal.network;

import dev.quill.producer.internal.security.SaslExchanges;
import dev.quill.producer.internal.security.SecuritySettings;

/** Turns the checked security settings into what one producer's connections use. */
public final class SecureConnections {

    private SecureConnections() {
    }

    /**
     * Plaintext, or TLS with the settings' context (built now, reading the stores).
     *
     * @throws dev.quill.producer.errors.ConfigException when a store cannot be read
     */
    public static TransportFactory transports(SecuritySettings settings) {
        if (!settings.protocol().usesTls()) {
            return TransportFactory.PLAINTEXT;
        }
        return new TlsTransportFactory(settings.sslContext(), settings.endpointIdentificationAlgorithm(),
                settings.enabledProtocols(), settings.cipherSuites());
    }

    /**
     * The connection handshake: ApiVersions, then SASL where the protocol asks for it. Starts what SASL needs ahead
     * of the first connection (an OAuth token); closing the handshake stops it.
     */
    public static ConnectionHandshake handshake(SecuritySettings settings, String clientId) {
        Authenticator authenticator = Authenticator.NONE;
        if (settings.protocol().usesSasl()) {
            SaslExchanges exchanges = settings.newExchanges();
            exchanges.start();
            authenticator = new SaslAuthentication(clientId, settings.mechanism(), exchanges);
        }
        return new ApiVersionsHandshake(clientId, authenticator);
    }
}
