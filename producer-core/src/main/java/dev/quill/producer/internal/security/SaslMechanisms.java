package dev.quill.producer.internal.security;

import java.util.List;
import java.util.Map;

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
     * The exchanges of one producer, from what {@code sasl.jaas.config} and the other configuration values give
     * the mechanism.
     *
     * @throws ConfigException when the login module or its options do not suit the mechanism
     */
    public static SaslExchanges exchanges(String mechanism, JaasConfig jaas, Map<String, Object> values) {
        return switch (mechanism) {
            case "PLAIN" -> {
                SaslCredentials credentials = jaas.credentials(mechanism);
                yield () -> new PlainMechanism(credentials);
            }
            case "SCRAM-SHA-256", "SCRAM-SHA-512" -> {
                SaslCredentials credentials = jaas.credentials(mechanism);
                boolean tokenAuth = "true".equalsIgnoreCase(jaas.options().get("tokenauth"));
                yield () -> new ScramMechanism(mechanism, credentials, tokenAuth);
            }
            case "OAUTHBEARER" -> {
                Map<String, String> options = jaas.oauthBearerOptions();
                if (values.get(OAuthSettings.TOKEN_ENDPOINT_URL) != null) {
                    yield new ClientCredentialsTokens(OAuthSettings.clientCredentials(options, values));
                }
                UnsecuredJwt tokens = new UnsecuredJwt(options);
                yield () -> new OAuthBearerMechanism(tokens.token(System.currentTimeMillis()), tokens.extensions());
            }
            default -> throw new IllegalArgumentException("unsupported SASL mechanism " + mechanism);
        };
    }
}
