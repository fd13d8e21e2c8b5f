package dev.quill.producer.internal.registry;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.quill.producer.errors.ConfigException;

/**
 * One base URL of {@code schema.registry.url}, split into the address requests go to and the user info it may
 * carry ({@code https://user:secret@host/}). Only {@link #display()} ever appears in a message: it has no user
 * info, so a password in the URL never reaches a log.
 *
 * @param base the URL without user info and without a trailing slash, e.g. {@code http://host:8081/apis/ccompat/v7}
 * @param userInfo the decoded {@code user:password}, or null
 */
public record RegistryUrl(URI base, String userInfo) {

    static final String KEY = "schema.registry.url";

    /** Parses the comma-separated list; the order is the fail-over order. */
    public static List<RegistryUrl> parseList(String value) {
        if (value == null || value.isBlank()) {
            throw new ConfigException("Missing required configuration " + KEY + " which has no default value.");
        }
        List<RegistryUrl> urls = new ArrayList<>();
        for (String part : value.split(",")) {
            if (!part.isBlank()) {
                urls.add(parse(part.trim()));
            }
        }
        if (urls.isEmpty()) {
            throw new ConfigException("Missing required configuration " + KEY + " which has no default value.");
        }
        return List.copyOf(urls);
    }

    static RegistryUrl parse(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw invalid(text, "not a URL (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw invalid(text, "the URL must start with http:// or https://");
        }
        if (uri.getHost() == null) {
            throw invalid(text, "the URL has no host");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String userInfo = uri.getRawUserInfo() == null ? null
                : URLDecoder.decode(uri.getRawUserInfo(), StandardCharsets.UTF_8);
        URI base = URI.create(scheme + "://" + hostAndPort(uri) + path);
        return new RegistryUrl(base, userInfo);
    }

    private static String hostAndPort(URI uri) {
        String host = uri.getHost();
        return uri.getPort() < 0 ? host : host + ":" + uri.getPort();
    }

    private static ConfigException invalid(String text, String why) {
        // The text may hold a password in its user info: show only what follows the '@'.
        int at = text.lastIndexOf('@');
        int slashes = text.indexOf("//");
        String shown = at < 0 ? text
                : (slashes < 0 || slashes > at ? "" : text.substring(0, slashes + 2)) + "[hidden]@" + text.substring(at + 1);
        return new ConfigException("Invalid value " + shown + " for configuration " + KEY + ": " + why);
    }

    /** The address plus a path under it, such as {@code /subjects/orders-value/versions}. */
    public URI resolve(String pathAndQuery) {
        return URI.create(base + pathAndQuery);
    }

    public boolean isHttps() {
        return base.getScheme().equals("https");
    }

    /** The URL as messages show it: no user info. */
    public String display() {
        return base.toString();
    }

    @Override
    public String toString() {
        return display();
    }
}
