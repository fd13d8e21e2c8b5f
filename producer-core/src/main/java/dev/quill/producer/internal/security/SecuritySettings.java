package dev.quill.producer.internal.security;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import javax.net.ssl.SSLContext;

import dev.quill.producer.errors.ConfigException;

/**
 * The producer's security setup from {@code security.protocol}, {@code sasl.*} and {@code ssl.*}: checked once, when
 * the configuration is built (no file is read then); the network layer turns it into transports and a handshake
 * when a producer starts.
 */
public final class SecuritySettings {

    private final SecurityProtocol protocol;
    private final String mechanism;
    private final Supplier<SaslExchanges> exchanges;
    /** For toString: the SASL user, or null (OAUTHBEARER has a token instead). */
    private final String user;
    private final Map<String, Object> values;
    private final SSLContext givenContext;

    private SecuritySettings(SecurityProtocol protocol, String mechanism, Supplier<SaslExchanges> exchanges,
                             String user, Map<String, Object> values, SSLContext givenContext) {
        this.protocol = protocol;
        this.mechanism = mechanism;
        this.exchanges = exchanges;
        this.user = user;
        this.values = values;
        this.givenContext = givenContext;
    }

    /**
     * Validates the security keys of effective configuration values.
     *
     * @throws ConfigException naming the key (never a secret value)
     */
    public static SecuritySettings check(Map<String, Object> v, SSLContext givenContext) {
        SecurityProtocol protocol = SecurityProtocol.forName((String) v.get("security.protocol"));
        String mechanism = null;
        Supplier<SaslExchanges> exchanges = null;
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

    /** The SASL mechanism, upper case; null without SASL. */
    public String mechanism() {
        return mechanism;
    }

    /** New SASL exchanges for one producer, not started; null without SASL. */
    public SaslExchanges newExchanges() {
        return exchanges == null ? null : exchanges.get();
    }

    /**
     * The TLS context: the one given, or one built from the {@code ssl.*} keys now (reading the stores).
     *
     * @throws ConfigException when a store cannot be read
     */
    public SSLContext sslContext() {
        return givenContext != null ? givenContext : SslContextFactory.create(values);
    }

    /** {@code ssl.endpoint.identification.algorithm} upper case, or null for no hostname verification. */
    public String endpointIdentificationAlgorithm() {
        String algorithm = (String) values.get("ssl.endpoint.identification.algorithm");
        return algorithm == null || algorithm.isEmpty() ? null : algorithm.toUpperCase(Locale.ROOT);
    }

    /** {@code ssl.enabled.protocols}, or null for the JDK's. */
    public List<String> enabledProtocols() {
        return listOrNull("ssl.enabled.protocols");
    }

    /** {@code ssl.cipher.suites}, or null for the JDK's. */
    public List<String> cipherSuites() {
        return listOrNull("ssl.cipher.suites");
    }

    @SuppressWarnings("unchecked")
    private List<String> listOrNull(String key) {
        List<String> list = (List<String>) values.get(key);
        return list == null || list.isEmpty() ? null : list;
    }

    @Override
    public String toString() {
        return "SecuritySettings[" + protocol + (mechanism == null ? "" : ", " + mechanism)
                + (user == null ? "" : ", user " + user) + "]";
    }
}
