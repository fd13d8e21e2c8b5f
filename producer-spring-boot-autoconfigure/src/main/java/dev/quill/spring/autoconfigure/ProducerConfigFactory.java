package dev.quill.spring.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.util.unit.DataSize;

import dev.quill.producer.ProducerConfig;
import dev.quill.producer.errors.ConfigException;

/**
 * Turns {@code quill.producer.*} into the core's Kafka-keyed configuration, and a refusal by the core back into
 * the property the user wrote.
 */
final class ProducerConfigFactory {

    static final String SERIALIZER_CHOICES = "string, bytes, byte-buffer, short, integer, long, float, double, "
            + "boolean, uuid, void, json, avro, or the name of a class implementing dev.quill.producer.Serializer "
            + "(kafka-clients' built-in serializer class names are accepted too)";

    /** Accepted values of the properties that take a fixed set, for the failure message. */
    private static final Map<String, String> ACCEPTED = Map.of(
            "acks", "all, -1, 1, 0",
            "compression-type", "none, gzip, snappy, lz4, zstd",
            "buffer-full", "block, fail",
            "key-serializer", SERIALIZER_CHOICES,
            "value-serializer", SERIALIZER_CHOICES,
            "enable-idempotence", "true, false",
            "security.protocol", "PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL",
            "sasl.mechanism", "PLAIN, SCRAM-SHA-256, SCRAM-SHA-512",
            "schema-registry.subject-name-strategy", "topic, record, topic-record");

    /** Confluent's subject name strategies by the short names of {@code schema-registry.subject-name-strategy}. */
    private static final Map<String, String> SUBJECT_NAME_STRATEGIES = Map.of(
            "topic", "io.confluent.kafka.serializers.subject.TopicNameStrategy",
            "record", "io.confluent.kafka.serializers.subject.RecordNameStrategy",
            "topic-record", "io.confluent.kafka.serializers.subject.TopicRecordNameStrategy");

    /** Keys a serializer requires that no producer key covers, and the property that sets each. */
    private static final Map<String, String> REQUIRED_BY_SERIALIZERS = Map.of("schema.registry.url", "schema-registry.url");
    /** The origin of the keys a {@link QuillConnectionDetails} bean set: no property. */
    private static final String FROM_CONNECTION_DETAILS = "<connection details>";

    private final QuillProducerProperties properties;
    private final @Nullable SslBundles sslBundles;
    private final @Nullable QuillConnectionDetails connectionDetails;
    private final List<String> fallbackBootstrapServers;
    /** Kafka key to the property it came from (without the prefix), for keys this factory set. */
    private final Map<String, String> origin = new LinkedHashMap<>();

    ProducerConfigFactory(QuillProducerProperties properties) {
        this(properties, null, null, null);
    }

    /**
     * @param sslBundles the application's SSL bundles, or null when it has none
     * @param connectionDetails where to connect, over the properties; or null
     * @param fallback the brokers when {@code bootstrap-servers} is not set; null for {@code localhost:9092}
     */
    ProducerConfigFactory(QuillProducerProperties properties, @Nullable SslBundles sslBundles,
                          @Nullable QuillConnectionDetails connectionDetails,
                          FallbackBootstrapServers.@Nullable Choice fallback) {
        this.properties = properties;
        this.sslBundles = sslBundles;
        this.connectionDetails = connectionDetails;
        this.fallbackBootstrapServers = fallback == null ? FallbackBootstrapServers.DEFAULT : fallback.servers();
    }

    /** The Kafka configuration the properties stand for; {@code properties.*} wins over typed properties. */
    Map<String, Object> kafkaConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        origin.clear();
        put(config, ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "bootstrap-servers", String.join(",",
                properties.getBootstrapServers() != null ? properties.getBootstrapServers() : fallbackBootstrapServers));
        put(config, ProducerConfig.CLIENT_ID_CONFIG, "client-id", properties.getClientId());
        put(config, ProducerConfig.ACKS_CONFIG, "acks", properties.getAcks());
        // Passed only when set: the core treats an explicit true differently from its default.
        put(config, ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "enable-idempotence", properties.getEnableIdempotence());
        put(config, ProducerConfig.RETRIES_CONFIG, "retries", properties.getRetries());
        put(config, ProducerConfig.LINGER_MS_CONFIG, "linger", millis(properties.getLinger()));
        put(config, ProducerConfig.BATCH_SIZE_CONFIG, "batch-size", bytes(properties.getBatchSize()));
        put(config, ProducerConfig.BUFFER_MEMORY_CONFIG, "buffer-memory", bytes(properties.getBufferMemory()));
        put(config, ProducerConfig.COMPRESSION_TYPE_CONFIG, "compression-type", properties.getCompressionType());
        put(config, ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION_CONFIG, "max-in-flight-requests-per-connection",
                properties.getMaxInFlightRequestsPerConnection());
        // Passed only when set: left at its default, the core raises it to linger + request timeout.
        put(config, ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "delivery-timeout", millis(properties.getDeliveryTimeout()));
        put(config, ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "request-timeout", millis(properties.getRequestTimeout()));
        put(config, ProducerConfig.MAX_BLOCK_MS_CONFIG, "max-block", millis(properties.getMaxBlock()));
        put(config, ProducerConfig.MAX_REQUEST_SIZE_CONFIG, "max-request-size", bytes(properties.getMaxRequestSize()));
        put(config, ProducerConfig.BUFFER_FULL_POLICY_CONFIG, "buffer-full", properties.getBufferFull());
        security(config);
        schemaRegistry(config);
        if (properties.getProperties() != null) {
            properties.getProperties().forEach((key, value) -> put(config, key, "properties." + key, value));
        }
        connectionDetails(config);
        return config;
    }

    /** What a {@link QuillConnectionDetails} bean says, over any property. */
    private void connectionDetails(Map<String, Object> config) {
        if (connectionDetails == null) {
            return;
        }
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", connectionDetails.getBootstrapServers()));
        origin.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, FROM_CONNECTION_DETAILS);
        String protocol = connectionDetails.getSecurityProtocol();
        if (protocol == null && connectionDetails.getSslBundle() != null) {
            protocol = "SSL";
        }
        if (protocol != null) {
            config.put(ProducerConfig.SECURITY_PROTOCOL_CONFIG, protocol);
            origin.put(ProducerConfig.SECURITY_PROTOCOL_CONFIG, FROM_CONNECTION_DETAILS);
        }
    }

    /** {@code security.protocol}, and {@code sasl.mechanism} with a JAAS configuration made from user and password. */
    private void security(Map<String, Object> config) {
        String protocol = properties.getSecurity().getProtocol();
        if (protocol == null && properties.getSsl().getBundle() != null) {
            protocol = "SSL";
        }
        put(config, ProducerConfig.SECURITY_PROTOCOL_CONFIG, "security.protocol", protocol);
        QuillProducerProperties.Sasl sasl = properties.getSasl();
        put(config, ProducerConfig.SASL_MECHANISM_CONFIG, "sasl.mechanism", sasl.getMechanism());
        if (sasl.getUsername() == null && sasl.getPassword() == null) {
            return;
        }
        if (sasl.getUsername() == null || sasl.getPassword() == null) {
            String missing = sasl.getUsername() == null ? "sasl.username" : "sasl.password";
            throw new InvalidQuillPropertyException(QuillProducerProperties.PREFIX + "." + missing, null,
                    "sasl.username and sasl.password must be set together", null, null);
        }
        if (sasl.getMechanism() == null) {
            throw new InvalidQuillPropertyException(QuillProducerProperties.PREFIX + ".sasl.mechanism", null,
                    "required with sasl.username", ACCEPTED.get("sasl.mechanism"), null);
        }
        // The builder quotes both values, so any password survives Kafka's JAAS syntax.
        String jaas = ProducerConfig.saslJaasConfig(sasl.getMechanism(), sasl.getUsername(), sasl.getPassword());
        put(config, ProducerConfig.SASL_JAAS_CONFIG, "sasl.username", jaas);
    }

    /** Confluent's Schema Registry keys, which the Avro serializer reads, from {@code schema-registry.*}. */
    private void schemaRegistry(Map<String, Object> config) {
        QuillProducerProperties.SchemaRegistry registry = properties.getSchemaRegistry();
        List<String> urls = registry.getUrl();
        put(config, "schema.registry.url", "schema-registry.url", urls == null || urls.isEmpty() ? null : String.join(",", urls));
        put(config, "auto.register.schemas", "schema-registry.auto-register", registry.getAutoRegister());
        put(config, "use.latest.version", "schema-registry.use-latest-version", registry.getUseLatestVersion());
        String strategy = registry.getSubjectNameStrategy();
        if (strategy != null) {
            String className = SUBJECT_NAME_STRATEGIES.get(strategy.trim().toLowerCase(Locale.ROOT));
            if (className == null) {
                throw new InvalidQuillPropertyException(QuillProducerProperties.PREFIX
                        + ".schema-registry.subject-name-strategy", strategy, "not a subject name strategy",
                        ACCEPTED.get("schema-registry.subject-name-strategy"), null);
            }
            put(config, "key.subject.name.strategy", "schema-registry.subject-name-strategy", className);
            put(config, "value.subject.name.strategy", "schema-registry.subject-name-strategy", className);
        }
        QuillProducerProperties.SchemaRegistry.BasicAuth basic = registry.getBasicAuth();
        if (basic.getUsername() != null || basic.getPassword() != null) {
            if (basic.getUsername() == null || basic.getPassword() == null) {
                String missing = basic.getUsername() == null ? "username" : "password";
                throw new InvalidQuillPropertyException(QuillProducerProperties.PREFIX + ".schema-registry.basic-auth."
                        + missing, null, "schema-registry.basic-auth.username and password must be set together",
                        null, null);
            }
            put(config, "basic.auth.credentials.source", "schema-registry.basic-auth.username", "USER_INFO");
            put(config, "basic.auth.user.info", "schema-registry.basic-auth.username",
                    basic.getUsername() + ":" + basic.getPassword());
        }
        if (registry.getBearerToken() != null) {
            put(config, "bearer.auth.credentials.source", "schema-registry.bearer-token", "STATIC_TOKEN");
            put(config, "bearer.auth.token", "schema-registry.bearer-token", registry.getBearerToken());
        }
    }

    /** The application's SSL bundle of that name, or a failure report naming the property. */
    private SslBundle sslBundle(String property, String name) {
        if (sslBundles == null) {
            throw new InvalidQuillPropertyException(property, name,
                    "the application has no SslBundles bean (spring.ssl.bundle.*)", null, null);
        }
        try {
            return sslBundles.getBundle(name);
        } catch (NoSuchSslBundleException e) {
            throw new InvalidQuillPropertyException(property, name, "no SSL bundle of that name",
                    "one of " + sslBundles.getBundleNames(), e);
        }
    }

    /** The SSL bundle's context and options: the connection details' bundle, else the one {@code ssl.bundle} names. */
    private void applySslBundle(ProducerConfig.Builder builder) {
        SslBundle given = connectionDetails == null ? null : connectionDetails.getSslBundle();
        if (given != null) {
            applySslBundle(builder, given);
            return;
        }
        String name = properties.getSsl().getBundle();
        if (name == null) {
            return;
        }
        applySslBundle(builder, sslBundle(QuillProducerProperties.PREFIX + ".ssl.bundle", name));
    }

    private static void applySslBundle(ProducerConfig.Builder builder, SslBundle bundle) {
        builder.sslContext(bundle.createSslContext());
        SslOptions options = bundle.getOptions();
        if (options != null && options.getEnabledProtocols() != null) {
            builder.property("ssl.enabled.protocols", List.of(options.getEnabledProtocols()));
        }
        if (options != null && options.getCiphers() != null) {
            builder.property("ssl.cipher.suites", List.of(options.getCiphers()));
        }
    }

    /** The context of the SSL bundle {@code schema-registry.ssl.bundle} names, for https registry URLs. */
    private void applyRegistrySslBundle(ProducerConfig.Builder builder) {
        String name = properties.getSchemaRegistry().getSsl().getBundle();
        if (name != null) {
            builder.property("schema.registry.ssl.context",
                    sslBundle(QuillProducerProperties.PREFIX + ".schema-registry.ssl.bundle", name).createSslContext());
        }
    }

    /**
     * Builds the configuration, applying the customizers last.
     *
     * @throws InvalidQuillPropertyException naming the property behind a value the core refused
     */
    ProducerConfig create(List<ProducerCustomizer> customizers) {
        ProducerConfig.Builder builder = ProducerConfig.builder().properties(kafkaConfig());
        applySslBundle(builder);
        applyRegistrySslBundle(builder);
        customizers.forEach(customizer -> customizer.customize(builder));
        try {
            return builder.build();
        } catch (ConfigException e) {
            throw translate(e);
        }
    }

    /** The property behind a Kafka key, with its prefix, or null when this factory did not set that key. */
    @Nullable String propertyFor(String kafkaKey) {
        String property = origin.get(kafkaKey);
        return property == null || property.equals(FROM_CONNECTION_DETAILS) ? null
                : QuillProducerProperties.PREFIX + "." + property;
    }

    InvalidQuillPropertyException translate(ConfigException e) {
        String key = keyNamedIn(e.getMessage());
        if (key == null) {
            return new InvalidQuillPropertyException(QuillProducerProperties.PREFIX, "?", e.getMessage(), null, e);
        }
        String property = origin.get(key);
        if (FROM_CONNECTION_DETAILS.equals(property)) {
            return new InvalidQuillPropertyException("Kafka configuration " + key + " (from the QuillConnectionDetails "
                    + "bean, such as a @ServiceConnection)", String.valueOf(connectionDetailsValue(key)), e.getMessage(),
                    null, e);
        }
        if (property == null && REQUIRED_BY_SERIALIZERS.containsKey(key)) {
            // Missing, not wrong: point at the property that sets it.
            return new InvalidQuillPropertyException(QuillProducerProperties.PREFIX + "." + REQUIRED_BY_SERIALIZERS.get(key),
                    null, e.getMessage() + " (Kafka configuration " + key + ")", null, e);
        }
        if (property == null) {
            // Set by a ProducerCustomizer: there is no property to point at, only the Kafka key.
            return new InvalidQuillPropertyException("Kafka configuration " + key + " (set by a ProducerCustomizer)",
                    "?", e.getMessage(), null, e);
        }
        Object value = ProducerConfig.isSecret(key) || property.equals("sasl.password")
                || property.startsWith("schema-registry.basic-auth") || property.equals("schema-registry.bearer-token")
                ? "[hidden]"
                : displayValue(property);
        return new InvalidQuillPropertyException(QuillProducerProperties.PREFIX + "." + property, value,
                e.getMessage() + " (Kafka configuration " + key + ")", ACCEPTED.get(property), e);
    }

    private @Nullable Object connectionDetailsValue(String key) {
        return key.equals(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG) ? String.join(",", connectionDetails.getBootstrapServers())
                : connectionDetails.getSecurityProtocol();
    }

    private @Nullable Object displayValue(String property) {
        return switch (property) {
            case "bootstrap-servers" -> properties.getBootstrapServers() == null ? null
                    : String.join(",", properties.getBootstrapServers());
            case "acks" -> properties.getAcks();
            case "enable-idempotence" -> properties.getEnableIdempotence();
            case "retries" -> properties.getRetries();
            case "linger" -> properties.getLinger();
            case "batch-size" -> properties.getBatchSize();
            case "buffer-memory" -> properties.getBufferMemory();
            case "compression-type" -> properties.getCompressionType();
            case "max-in-flight-requests-per-connection" -> properties.getMaxInFlightRequestsPerConnection();
            case "delivery-timeout" -> properties.getDeliveryTimeout();
            case "request-timeout" -> properties.getRequestTimeout();
            case "max-block" -> properties.getMaxBlock();
            case "max-request-size" -> properties.getMaxRequestSize();
            case "buffer-full" -> properties.getBufferFull();
            case "client-id" -> properties.getClientId();
            case "security.protocol" -> properties.getSecurity().getProtocol();
            case "sasl.mechanism" -> properties.getSasl().getMechanism();
            case "sasl.username" -> properties.getSasl().getUsername();
            default -> property.startsWith("properties.")
                    ? properties.getProperties().get(property.substring("properties.".length())) : "?";
        };
    }

    /**
     * The core names the key as "configuration KEY" ("Invalid value x for configuration KEY: rule", "Missing
     * required configuration KEY ..."); the longest match wins so that {@code retries} does not shadow a longer
     * key containing it.
     */
    private @Nullable String keyNamedIn(@Nullable String message) {
        if (message == null) {
            return null;
        }
        String best = null;
        for (String key : ProducerConfig.configNames()) {
            int at = message.indexOf("configuration " + key);
            if (at >= 0) {
                int end = at + "configuration ".length() + key.length();
                boolean wholeKey = end == message.length() || !isKeyChar(message.charAt(end));
                if (wholeKey && (best == null || key.length() > best.length())) {
                    best = key;
                }
            }
        }
        if (best == null) {
            for (String key : REQUIRED_BY_SERIALIZERS.keySet()) {
                if (message.contains("configuration " + key)) {
                    return key;
                }
            }
            for (String key : origin.keySet()) {
                if (message.contains("configuration " + key)) {
                    return key;
                }
            }
        }
        return best;
    }

    private static boolean isKeyChar(char c) {
        return Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-';
    }

    private void put(Map<String, Object> config, String key, String property, @Nullable Object value) {
        if (value != null) {
            config.put(key, value);
            origin.put(key, property);
        }
    }

    private static @Nullable Long millis(@Nullable Duration duration) {
        return duration == null ? null : duration.toMillis();
    }

    private static @Nullable Long bytes(@Nullable DataSize size) {
        return size == null ? null : size.toBytes();
    }
}
