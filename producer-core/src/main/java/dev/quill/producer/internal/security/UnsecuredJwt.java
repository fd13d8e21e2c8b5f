package dev.quill.producer.internal.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import dev.quill.producer.errors.ConfigException;
import dev.quill.producer.internal.json.Json;

/**
 * The unsecured tokens of Kafka's {@code OAuthBearerLoginModule} when no token endpoint is configured: an
 * unsigned JWT ({@code "alg":"none"}) made from the login module's {@code unsecuredLogin*} options. Only brokers
 * that accept unsecured tokens (the default OAUTHBEARER validator, meant for development) let it in. A fresh
 * token is made for each connection, so it never outlives {@code unsecuredLoginLifetimeSeconds}.
 */
final class UnsecuredJwt {

    private static final String STRING_CLAIM = "unsecuredLoginStringClaim_";
    private static final String NUMBER_CLAIM = "unsecuredLoginNumberClaim_";
    private static final String LIST_CLAIM = "unsecuredLoginListClaim_";
    private static final String EXTENSION = "unsecuredLoginExtension_";
    private static final List<String> RESERVED_CLAIMS = List.of("iat", "exp", "alg");

    private final Map<String, String> claims = new LinkedHashMap<>();
    private final Map<String, String> extensions = new LinkedHashMap<>();
    private final long lifetimeSeconds;

    UnsecuredJwt(Map<String, String> options) {
        String principalClaim = options.getOrDefault("unsecuredLoginPrincipalClaimName", "sub");
        lifetimeSeconds = parseLong(options.getOrDefault("unsecuredLoginLifetimeSeconds", "3600"),
                "unsecuredLoginLifetimeSeconds");
        options.forEach((name, value) -> {
            if (name.startsWith(STRING_CLAIM)) {
                claims.put(claim(name, STRING_CLAIM), Json.string(value));
            } else if (name.startsWith(NUMBER_CLAIM)) {
                claims.put(claim(name, NUMBER_CLAIM), Long.toString(parseLong(value, name)));
            } else if (name.startsWith(LIST_CLAIM)) {
                claims.put(claim(name, LIST_CLAIM), list(value));
            } else if (name.startsWith(EXTENSION)) {
                extensions.put(name.substring(EXTENSION.length()), value);
            }
        });
        if (!claims.containsKey(principalClaim)) {
            throw invalid("OAUTHBEARER without sasl.oauthbearer.token.endpoint.url makes unsecured tokens and needs "
                    + "the principal: add " + STRING_CLAIM + principalClaim + "=\"...\" to the login module options");
        }
    }

    /** A token valid from now for the configured lifetime. */
    String token(long nowMs) {
        long now = nowMs / 1000;
        StringBuilder payload = new StringBuilder("{\"iat\":").append(now).append(",\"exp\":")
                .append(now + lifetimeSeconds);
        claims.forEach((name, value) -> payload.append(',').append(Json.string(name)).append(':').append(value));
        payload.append('}');
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        return base64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + base64.encodeToString(payload.toString().getBytes(StandardCharsets.UTF_8)) + ".";
    }

    Map<String, String> extensions() {
        return extensions;
    }

    private static String claim(String option, String prefix) {
        String name = option.substring(prefix.length());
        if (name.isEmpty() || RESERVED_CLAIMS.contains(name)) {
            throw invalid("option " + option + " does not name a claim that may be set");
        }
        return name;
    }

    /** Kafka's list syntax: the first character is the separator of the values that follow it. */
    private static String list(String value) {
        if (value.isEmpty()) {
            return "[]";
        }
        String separator = value.substring(0, 1);
        StringBuilder json = new StringBuilder("[");
        for (String item : value.substring(1).split(Pattern.quote(separator), -1)) {
            if (!item.isEmpty()) {
                json.append(json.length() > 1 ? "," : "").append(Json.string(item));
            }
        }
        return json.append(']').toString();
    }

    private static long parseLong(String value, String option) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw invalid("option " + option + " must be a whole number, was " + value);
        }
    }

    private static ConfigException invalid(String why) {
        return new ConfigException("Invalid value [hidden] for configuration sasl.jaas.config: " + why);
    }
}
