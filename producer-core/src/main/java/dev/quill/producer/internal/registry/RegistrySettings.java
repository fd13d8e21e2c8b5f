package dev.quill.producer.internal.registry;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLContext;

import dev.quill.producer.errors.ConfigException;
import dev.quill.producer.internal.security.SslContextFactory;

/**
 * How to reach the registry, read from the serializer's configuration (the producer's whole map).
 *
 * @param urls the base URLs in fail-over order
 * @param auth the {@code Authorization} header for each URL
 * @param headers {@code request.header.<name>} values, sent with every request
 * @param sslContext for https URLs; null for the JDK's default
 * @param maxBlockMs {@code max.block.ms}: how long one lookup may take, retries included
 * @param maxSchemasPerSubject {@code max.schemas.per.subject}: ids kept per subject
 */
public record RegistrySettings(List<RegistryUrl> urls, RegistryAuth auth, Map<String, String> headers,
                               SSLContext sslContext, long maxBlockMs, int maxSchemasPerSubject) {

    private static final String HEADER_PREFIX = "request.header.";
    private static final String SSL_PREFIX = "schema.registry.ssl.";
    private static final String CONTEXT = "context";

    public static RegistrySettings from(Map<String, ?> configs) {
        ConfigValues config = new ConfigValues(configs);
        List<RegistryUrl> urls = RegistryUrl.parseList(config.string(RegistryUrl.KEY));
        Map<String, String> headers = new LinkedHashMap<>();
        config.withPrefix(HEADER_PREFIX).forEach((name, value) -> headers.put(name, String.valueOf(value)));
        return new RegistrySettings(urls, RegistryAuth.from(config, urls), Map.copyOf(headers),
                sslContext(config),
                config.longValue("max.block.ms", 60_000L, 0),
                config.integer("max.schemas.per.subject", 1000, 1));
    }

    /**
     * The {@link SSLContext} given as {@code schema.registry.ssl.context} (Quill's own key, for a context built
     * elsewhere, such as from a Spring SSL bundle); else one from {@code schema.registry.ssl.*} read as the producer
     * reads {@code ssl.*}, when any such key is given; else null, and https URLs use the JDK's default trust.
     */
    private static SSLContext sslContext(ConfigValues config) {
        Map<String, Object> given = new HashMap<>(config.withPrefix(SSL_PREFIX));
        Object context = given.remove(CONTEXT);
        if (context instanceof SSLContext sslContext) {
            return sslContext;
        }
        if (context != null) {
            throw new ConfigException("Invalid value of type " + context.getClass().getName() + " for configuration "
                    + SSL_PREFIX + CONTEXT + ": it takes a javax.net.ssl.SSLContext instance");
        }
        if (given.isEmpty()) {
            return null;
        }
        Map<String, Object> ssl = new HashMap<>();
        ssl.put("ssl.protocol", "TLSv1.3");
        ssl.put("ssl.keymanager.algorithm", "SunX509");
        ssl.put("ssl.trustmanager.algorithm", "PKIX");
        ssl.put("ssl.keystore.type", "JKS");
        ssl.put("ssl.truststore.type", "JKS");
        given.forEach((name, value) -> ssl.put("ssl." + name, String.valueOf(value)));
        return SslContextFactory.create(ssl);
    }

    /** The header map without values: they may hold an API key. */
    @Override
    public String toString() {
        return "RegistrySettings[urls=" + urls + ", auth=" + auth + ", headers=" + headers.keySet()
                + ", tls=" + (sslContext != null) + ", maxBlockMs=" + maxBlockMs
                + ", maxSchemasPerSubject=" + maxSchemasPerSubject + "]";
    }
}
