package dev.quill.producer.internal.security;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.net.ssl.SSLContext;

import dev.quill.producer.ProducerConfig;
import dev.quill.producer.errors.ConfigException;
import dev.quill.producer.internal.network.ApiVersionsHandshake;
import dev.quill.producer.internal.network.Authenticator;
import dev.quill.producer.internal.network.ConnectionHandshake;
import dev.quill.producer.internal.network.SaslAuthentication;
import dev.quill.producer.internal.network.TlsTransportFactory;
import dev.quill.producer.internal.network.TransportFactory;

/**
 * The producer's security setup from {@code security.protocol}, {@code sasl.*} and {@code ssl.*}: checked when the
 * configuration is built (no file is read then), turned into transports and a handshake when the producer starts.
 */
public final class SecuritySettings {

    private final SecurityProtocol protocol;
    private final String mechanism;
    private final SaslExchanges exchanges;
    /** For toString: the SASL user, or null (OAUTHBEARER has a token instead). */
    private final String user;
    private final Map<String, Object> values;
    private final SSLContext givenContext;

    private SecuritySettings(SecurityProtocol protocol, String mechanism, SaslExchanges exchanges,
                             String user, Map<String, Object> values, SSLContext givenContext) {
        this.protocol = protocol;
        this.mechanism = mechanism;
        this.exchanges = exchanges;
        this.user = user;
        this.values = values;
        this.givenContext = givenContext;
    }

    public static SecuritySettings of(ProducerConfig config) {
        return check(config.values(), config.sslContext().orElse(null));
    }

    /**
     * Validates the security keys of effective configuration values.
     *
     * @throws ConfigException naming the key (never a secret value)
     */
    public static SecuritySettings check(Map<String, Object> v, SSLContext givenContext) {
        SecurityProtocol protocol = SecurityProtocol.forName((String) v.get("security.protocol"));
        String mechanism = null;
        SaslExchanges exchanges = null;
        String user = null;
        if (protocol.usesSasl()) {
            mechanism = ((String) v.get("sasl.mechanism")).toUpperCase(Locale.ROOT);
            if (!SaslMechanisms.isSupported(mechanism)) {
                throw new ConfigException("Invalid value " + v.get("sasl.mechanism") + " for configuration "
                        + "sasl.mechanism: not supported yet; Quill speaks " + String.join(", ", SaslMechanisms.SUPPORTED)
                        + (mechanism.equals("GSSAPI") ? " (GSSAPI is kafka-clients' default: set sasl.mechanism)" : ""));
            }
            Object jaas = v.get("sasl.jaas.config");
            if (jaas == null) {
                throw new ConfigException("Missing configuration sasl.jaas.config: security.protocol=" + protocol
                        + " with sasl.mechanism=" + mechanism + (mechanism.equals("OAUTHBEARER")
                                ? " needs the login module and its options, e.g. " + JaasConfig.OAUTHBEARER_LOGIN_MODULE
                                        + " required unsecuredLoginStringClaim_sub=\"...\";"
                                : " needs the user name and password, e.g. " + JaasConfig.PLAIN_LOGIN_MODULE
                                        + " required username=\"...\" password=\"...\";"));
            }
            JaasConfig parsed = JaasConfig.parse((String) jaas);
            exchanges = SaslMechanisms.exchanges(mechanism, parsed, v);
            user = parsed.options().get("username");
        }
        String algorithm = (String) v.get("ssl.endpoint.identification.algorithm");
        if (algorithm != null && !algorithm.isEmpty() && !algorithm.equalsIgnoreCase("https")
                && !algorithm.equalsIgnoreCase("ldaps")) {
            throw new ConfigException("Invalid value " + algorithm + " for configuration "
                    + "ssl.endpoint.identification.algorithm: use https (hostname verification) or an empty value");
        }
        if (protocol.usesTls() && givenContext == null) {
            SslContextFactory.validate(v);
        }
        return new SecuritySettings(protocol, mechanism, exchanges, user, v, givenContext);
    }

    public SecurityProtocol protocol() {
        return protocol;
    }

    /**
     * The connection handshake: ApiVersions, then SASL where the protocol asks for it. Starts what SASL needs
     * ahead of the first connection (an OAuth token); closing the handshake stops it.
     */
    public ConnectionHandshake handshake(String clientId) {
        Authenticator authenticator = Authenticator.NONE;
        if (protocol.usesSasl()) {
            exchanges.start();
            authenticator = new SaslAuthentication(clientId, mechanism, exchanges);
        }
        return new ApiVersionsHandshake(clientId, authenticator);
    }

    /**
     * Plaintext, or TLS with the given context or one built from the {@code ssl.*} keys now (reading the stores).
     *
     * @throws ConfigException when a store cannot be read
     */
    @SuppressWarnings("unchecked")
    public TransportFactory transports() {
        if (!protocol.usesTls()) {
            return TransportFactory.PLAINTEXT;
        }
        SSLContext context = givenContext != null ? givenContext : SslContextFactory.create(values);
        String algorithm = (String) values.get("ssl.endpoint.identification.algorithm");
        return new TlsTransportFactory(context,
                algorithm == null || algorithm.isEmpty() ? null : algorithm.toUpperCase(Locale.ROOT),
                emptyToNull((List<String>) values.get("ssl.enabled.protocols")),
                emptyToNull((List<String>) values.get("ssl.cipher.suites")));
    }

    private static List<String> emptyToNull(List<String> list) {
        return list == null || list.isEmpty() ? null : list;
    }

    @Override
    public String toString() {
        return "SecuritySettings[" + protocol + (mechanism == null ? "" : ", " + mechanism)
                + (user == null ? "" : ", user " + user) + "]";
    }
}
