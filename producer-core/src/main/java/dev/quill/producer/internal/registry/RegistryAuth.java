package dev.quill.producer.internal.registry;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import dev.quill.producer.errors.ConfigException;
import dev.quill.producer.internal.security.JaasConfig;
import dev.quill.producer.internal.security.SaslCredentials;

/**
 * The {@code Authorization} header sent to the registry, from Confluent's keys: {@code basic.auth.credentials.source}
 * ({@code URL}: the user info of each URL, the default; {@code USER_INFO}: {@code basic.auth.user.info};
 * {@code SASL_INHERIT}: the PLAIN user name and password of {@code sasl.jaas.config}) or
 * {@code bearer.auth.credentials.source=STATIC_TOKEN} with {@code bearer.auth.token}.
 *
 * <p>{@link #toString()} and every message name the source, never the secret.
 */
public final class RegistryAuth {

    static final String BASIC_SOURCE = "basic.auth.credentials.source";
    static final String USER_INFO = "basic.auth.user.info";
    static final String BEARER_SOURCE = "bearer.auth.credentials.source";
    static final String BEARER_TOKEN = "bearer.auth.token";

    private enum Kind { URL, FIXED, NONE }

    private final Kind kind;
    private final String fixedHeader;
    private final String description;

    private RegistryAuth(Kind kind, String fixedHeader, String description) {
        this.kind = kind;
        this.fixedHeader = fixedHeader;
        this.description = description;
    }

    static RegistryAuth from(ConfigValues config, List<RegistryUrl> urls) {
        String basicSource = upper(config.string(BASIC_SOURCE));
        String bearerSource = upper(config.string(BEARER_SOURCE));
        boolean urlHasUserInfo = urls.stream().anyMatch(u -> u.userInfo() != null);
        boolean basicChosen = basicSource != null && !basicSource.equals("URL") || urlHasUserInfo;
        if (bearerSource != null && basicChosen) {
            throw new ConfigException("Invalid value " + bearerSource + " for configuration " + BEARER_SOURCE
                    + ": basic authentication is configured too (" + (urlHasUserInfo
                    ? "user info in " + RegistryUrl.KEY : BASIC_SOURCE + "=" + basicSource) + "); choose one");
        }
        if (bearerSource != null) {
            return bearer(config, bearerSource);
        }
        return switch (basicSource == null ? "URL" : basicSource) {
            case "URL" -> urlHasUserInfo ? new RegistryAuth(Kind.URL, null, "basic (user info of the URL)") : none();
            case "USER_INFO" -> {
                String userInfo = config.password(USER_INFO);
                if (userInfo == null || userInfo.indexOf(':') < 0) {
                    throw new ConfigException("Invalid value [hidden] for configuration " + USER_INFO
                            + ": " + BASIC_SOURCE + "=USER_INFO needs it as user:password");
                }
                yield basic(userInfo, "basic (" + USER_INFO + ")");
            }
            case "SASL_INHERIT" -> {
                String jaas = config.password("sasl.jaas.config");
                if (jaas == null) {
                    throw new ConfigException("Missing configuration sasl.jaas.config: " + BASIC_SOURCE
                            + "=SASL_INHERIT takes the registry's user name and password from it");
                }
                SaslCredentials credentials = JaasConfig.parse(jaas).credentials("PLAIN");
                yield basic(credentials.username() + ":" + credentials.password(), "basic (sasl.jaas.config)");
            }
            default -> throw new ConfigException("Invalid value " + basicSource + " for configuration "
                    + BASIC_SOURCE + ": String must be one of: URL, USER_INFO, SASL_INHERIT");
        };
    }

    private static RegistryAuth bearer(ConfigValues config, String source) {
        if (!source.equals("STATIC_TOKEN")) {
            throw new ConfigException("Invalid value " + source + " for configuration " + BEARER_SOURCE
                    + ": only STATIC_TOKEN is supported");
        }
        String token = config.password(BEARER_TOKEN);
        if (token == null) {
            throw new ConfigException("Missing configuration " + BEARER_TOKEN + ": " + BEARER_SOURCE
                    + "=STATIC_TOKEN needs the token");
        }
        return new RegistryAuth(Kind.FIXED, "Bearer " + token, "bearer (" + BEARER_TOKEN + ")");
    }

    private static RegistryAuth basic(String userInfo, String description) {
        return new RegistryAuth(Kind.FIXED, basicHeader(userInfo), description);
    }

    private static RegistryAuth none() {
        return new RegistryAuth(Kind.NONE, null, "none");
    }

    private static String basicHeader(String userInfo) {
        return "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
    }

    /** The header value for requests to {@code url}, or null for none. */
    String header(RegistryUrl url) {
        return switch (kind) {
            case URL -> url.userInfo() == null ? null : basicHeader(url.userInfo());
            case FIXED -> fixedHeader;
            case NONE -> null;
        };
    }

    private static String upper(String value) {
        return value == null ? null : value.toUpperCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return description;
    }
}
