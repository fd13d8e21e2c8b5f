package dev.quill.producer.internal.security;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.quill.producer.errors.ConfigException;

/**
 * The client credentials grant's settings, from kafka-clients' keys and the {@code OAuthBearerLoginModule}
 * options: {@code sasl.oauthbearer.token.endpoint.url}; the client id, secret and scope as
 * {@code sasl.oauthbearer.client.credentials.client.id} / {@code .client.secret} and {@code sasl.oauthbearer.scope}
 * or as the login module's {@code clientId}, {@code clientSecret} and {@code scope}; its {@code extension_*}
 * options as SASL extensions; and the {@code sasl.login.*} timeouts, backoff and refresh window.
 */
final class OAuthSettings {

    static final String TOKEN_ENDPOINT_URL = "sasl.oauthbearer.token.endpoint.url";
    /** kafka-clients 4.x reads token endpoints only from this allow-list; Quill keeps that protection. */
    static final String ALLOWED_URLS_PROPERTY = "org.apache.kafka.sasl.oauthbearer.allowed.urls";
    private static final String LOGIN_CALLBACK_HANDLER = "sasl.login.callback.handler.class";
    private static final String KAFKA_LOGIN_CALLBACK_HANDLER =
            "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginCallbackHandler";
    private static final String EXTENSION = "extension_";

    private OAuthSettings() {
    }

    static ClientCredentialsTokens.Settings clientCredentials(Map<String, String> options, Map<String, Object> values) {
        Object handler = values.get(LOGIN_CALLBACK_HANDLER);
        if (handler != null && !handler.equals(KAFKA_LOGIN_CALLBACK_HANDLER)) {
            throw new ConfigException("Invalid value " + handler + " for configuration " + LOGIN_CALLBACK_HANDLER
                    + ": Quill fetches OAuth tokens itself, as " + KAFKA_LOGIN_CALLBACK_HANDLER + " does; leave it "
                    + "unset or name that class");
        }
        String url = (String) values.get(TOKEN_ENDPOINT_URL);
        URI endpoint = endpoint(url);
        String clientId = first(values.get("sasl.oauthbearer.client.credentials.client.id"), options.get("clientId"));
        String clientSecret = first(values.get("sasl.oauthbearer.client.credentials.client.secret"),
                options.get("clientSecret"));
        if (clientId == null || clientSecret == null) {
            throw new ConfigException("Missing configuration sasl.oauthbearer.client.credentials.client.id or "
                    + ".client.secret: the client credentials grant with " + TOKEN_ENDPOINT_URL + " needs both (or "
                    + "clientId and clientSecret in the login module options of sasl.jaas.config)");
        }
        Map<String, String> extensions = new LinkedHashMap<>();
        options.forEach((name, value) -> {
            if (name.startsWith(EXTENSION)) {
                extensions.put(name.substring(EXTENSION.length()), value);
            }
        });
        return new ClientCredentialsTokens.Settings(endpoint, clientId, clientSecret,
                first(values.get("sasl.oauthbearer.scope"), options.get("scope")),
                Boolean.TRUE.equals(values.get("sasl.oauthbearer.header.urlencode")),
                millis(values.get("sasl.login.connect.timeout.ms")), millis(values.get("sasl.login.read.timeout.ms")),
                (Long) values.get("sasl.login.retry.backoff.ms"), (Long) values.get("sasl.login.retry.backoff.max.ms"),
                (Double) values.get("sasl.login.refresh.window.factor"),
                (Double) values.get("sasl.login.refresh.window.jitter"),
                ((Number) values.get("sasl.login.refresh.min.period.seconds")).longValue() * 1000,
                ((Number) values.get("sasl.login.refresh.buffer.seconds")).longValue() * 1000,
                Map.copyOf(extensions));
    }

    private static URI endpoint(String url) {
        URI endpoint;
        try {
            endpoint = new URI(url);
        } catch (URISyntaxException e) {
            throw new ConfigException("Invalid value " + url + " for configuration " + TOKEN_ENDPOINT_URL + ": "
                    + e.getMessage());
        }
        if (!"https".equalsIgnoreCase(endpoint.getScheme()) && !"http".equalsIgnoreCase(endpoint.getScheme())) {
            throw new ConfigException("Invalid value " + url + " for configuration " + TOKEN_ENDPOINT_URL
                    + ": Quill fetches tokens over https (or http) only");
        }
        boolean allowed = Arrays.stream(System.getProperty(ALLOWED_URLS_PROPERTY, "").split(","))
                .map(String::trim).anyMatch(url::equals);
        if (!allowed) {
            throw new ConfigException("Invalid value " + url + " for configuration " + TOKEN_ENDPOINT_URL + ": it is "
                    + "not in the system property " + ALLOWED_URLS_PROPERTY + " (a comma-separated list of allowed "
                    + "URLs), which kafka-clients 4 requires too; start the JVM with -D" + ALLOWED_URLS_PROPERTY
                    + "=" + url);
        }
        return endpoint;
    }

    private static String first(Object configured, String option) {
        return configured != null ? configured.toString() : option;
    }

    private static Duration millis(Object value) {
        return value == null ? null : Duration.ofMillis(((Number) value).longValue());
    }
}
