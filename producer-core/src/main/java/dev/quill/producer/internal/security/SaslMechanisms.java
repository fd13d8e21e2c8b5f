package dev.quill.producer.internal.security;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import dev.quill.producer.errors.ConfigException;


/** The SASL mechanisms Quill speaks, and a fresh client of one per connection. */
public final class SaslMechanisms {

    public static final List<String> SUPPORTED = List.of("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512", "OAUTHBEARER");

    private SaslMechanisms() {
    }

    public static boolean isSupported(String mechanism) {
        return SUPPORTED.contains(mechanism);
    }

    /**
     * Makes the exchanges of each producer, from what {@code sasl.jaas.config} and the other configuration values
     * give the mechanism. Checks them now; each producer gets exchanges of its own, since some keep state (a token).
     *
     * @throws ConfigException when the login module or its options do not suit the mechanism
     */
    public static Supplier<SaslExchanges> exchanges(String mechanism, JaasConfig jaas, Map<String, Object> values) {
        return switch (mechanism) {
            case "PLAIN" -> {
                SaslCredentials credentials = jaas.credentials(mechanism);
                SaslExchanges plain = () -> new PlainMechanism(credentials);
                yield () -> plain;
            }
            case "SCRAM-SHA-256", "SCRAM-SHA-512" -> {
                SaslCredentials credentials = jaas.credentials(mechanism);
                boolean tokenAuth = "true".equalsIgnoreCase(jaas.options().get("tokenauth"));
                SaslExchanges scram = () -> new ScramMechanism(mechanism, credentials, tokenAuth);
                yield () -> scram;
            }
            case "OAUTHBEARER" -> {
                Map<String, String> options = jaas.oauthBearerOptions();
                if (values.get(OAuthSettings.TOKEN_ENDPOINT_URL) != null) {
                    ClientCredentialsTokens.Settings settings = OAuthSettings.clientCredentials(options, values);
                    yield () -> new ClientCredentialsTokens(settings);
                }
                UnsecuredJwt tokens = new UnsecuredJwt(options);
                SaslExchanges unsecured = () -> new OAuthBearerMechanism(tokens.token(System.currentTimeMillis()),
                        tokens.extensions());
                yield () -> unsecured;
            }
            default -> throw new IllegalArgumentException("unsupported SASL mechanism " + mechanism);
        };
    }
}
