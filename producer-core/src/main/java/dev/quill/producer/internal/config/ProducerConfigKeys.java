package dev.quill.producer.internal.config;

import static dev.quill.producer.internal.config.ConfigKey.NO_DEFAULT;
import static dev.quill.producer.internal.config.ConfigType.BOOLEAN;
import static dev.quill.producer.internal.config.ConfigType.CLASS;
import static dev.quill.producer.internal.config.ConfigType.DOUBLE;
import static dev.quill.producer.internal.config.ConfigType.INT;
import static dev.quill.producer.internal.config.ConfigType.LIST;
import static dev.quill.producer.internal.config.ConfigType.LONG;
import static dev.quill.producer.internal.config.ConfigType.PASSWORD;
import static dev.quill.producer.internal.config.ConfigType.SHORT;
import static dev.quill.producer.internal.config.ConfigType.STRING;
import static dev.quill.producer.internal.config.Support.NOT_SUPPORTED;
import static dev.quill.producer.internal.config.Support.NO_EFFECT;
import static dev.quill.producer.internal.config.Support.USED;
import static dev.quill.producer.internal.config.Validator.atLeast;
import static dev.quill.producer.internal.config.Validator.between;
import static dev.quill.producer.internal.config.Validator.betweenDouble;
import static dev.quill.producer.internal.config.Validator.oneOf;
import static dev.quill.producer.internal.config.Validator.oneOfIgnoreCase;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Every key of kafka-clients 4.1's producer configuration, with kafka-clients' defaults and rules, plus
 * Quill's own keys. The table is the single source for parsing, defaults, {@code toString} masking and the
 * per-key support decision; a test compares it with kafka-clients' {@code ProducerConfig.configDef()}.
 *
 * <p>Deliberate differences from kafka-clients' defaults (each also documented on {@code ProducerConfig}):
 * {@code bootstrap.servers} has no default (kafka-clients defaults to an empty list and then fails on it),
 * {@code metric.reporters} defaults to an empty list (there is no JMX reporter to load) and
 * {@code enable.metrics.push} defaults to false (Quill does not push KIP-714 client metrics).
 */
public final class ProducerConfigKeys {

    public static final String BUFFER_FULL_POLICY = "buffer.full.policy";

    private static final String SECURITY = "not supported yet: Quill supports security.protocol PLAINTEXT, SSL, "
            + "SASL_PLAINTEXT and SASL_SSL with sasl.mechanism PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512 (credentials in "
            + "sasl.jaas.config) or OAUTHBEARER (client credentials from sasl.oauthbearer.token.endpoint.url, or "
            + "unsecured tokens), and the ssl.* key and trust store keys";
    private static final String TWO_PHASE_COMMIT = "not supported yet: two-phase commit with an external "
            + "transaction manager (KIP-939) is planned";
    private static final String METRICS = "Quill keeps its own metrics (QuillProducer.metrics()) "
            + "and loads no metrics reporters";

    private static final Map<String, ConfigKey> KEYS;

    static {
        Map<String, ConfigKey> m = new LinkedHashMap<>();
        // Connection and metadata.
        def(m, "bootstrap.servers", LIST, NO_DEFAULT, null, USED, null);
        def(m, "client.id", STRING, "", null, USED, null);
        def(m, "client.dns.lookup", STRING, "use_all_dns_ips",
                oneOf("use_all_dns_ips", "resolve_canonical_bootstrap_servers_only"), USED, null);
        def(m, "connections.max.idle.ms", LONG, 540000L, null, USED, null);
        def(m, "metadata.max.age.ms", LONG, 300000L, atLeast(0), USED, null);
        def(m, "metadata.max.idle.ms", LONG, 300000L, atLeast(5000), USED, null);
        def(m, "metadata.recovery.strategy", STRING, "rebootstrap", oneOfIgnoreCase("REBOOTSTRAP", "NONE"), USED, null);
        def(m, "metadata.recovery.rebootstrap.trigger.ms", LONG, 300000L, atLeast(0), NO_EFFECT,
                "Quill falls back to bootstrap.servers as soon as no known broker answers");
        def(m, "receive.buffer.bytes", INT, 32768, atLeast(-1), USED, null);
        def(m, "send.buffer.bytes", INT, 131072, atLeast(-1), USED, null);
        def(m, "reconnect.backoff.ms", LONG, 50L, atLeast(0), USED, null);
        def(m, "reconnect.backoff.max.ms", LONG, 1000L, atLeast(0), USED, null);
        def(m, "socket.connection.setup.timeout.ms", LONG, 10000L, null, USED, null);
        def(m, "socket.connection.setup.timeout.max.ms", LONG, 30000L, null, USED, null);
        def(m, "request.timeout.ms", INT, 30000, atLeast(0), USED, null);

        // Delivery.
        def(m, "acks", STRING, "all", oneOf("all", "-1", "0", "1"), USED, null);
        def(m, "enable.idempotence", BOOLEAN, true, null, USED, null);
        def(m, "retries", INT, Integer.MAX_VALUE, between(0, Integer.MAX_VALUE), USED, null);
        def(m, "retry.backoff.ms", LONG, 100L, atLeast(0), USED, null);
        def(m, "retry.backoff.max.ms", LONG, 1000L, atLeast(0), USED, null);
        def(m, "delivery.timeout.ms", INT, 120000, atLeast(0), USED, null);
        def(m, "max.in.flight.requests.per.connection", INT, 5, atLeast(1), USED, null);
        def(m, "max.block.ms", LONG, 60000L, atLeast(0), USED, null);

        // Batching, memory and compression.
        def(m, "batch.size", INT, 16384, atLeast(0), USED, null);
        def(m, "linger.ms", LONG, 5L, atLeast(0), USED, null);
        def(m, "buffer.memory", LONG, 33554432L, atLeast(0), USED, null);
        def(m, "max.request.size", INT, 1048576, atLeast(0), USED, null);
        def(m, "compression.type", STRING, "none", oneOf("none", "gzip", "snappy", "lz4", "zstd"), USED, null);
        def(m, "compression.gzip.level", INT, -1, Validator.gzipLevel(), USED, null);
        def(m, "compression.lz4.level", INT, 9, between(1, 17), USED, null);
        def(m, "compression.zstd.level", INT, 3, between(-131072, 22), USED, null);

        // Serializers and partitioning.
        def(m, "key.serializer", CLASS, NO_DEFAULT, null, USED, null);
        def(m, "value.serializer", CLASS, NO_DEFAULT, null, USED, null);
        def(m, "partitioner.class", CLASS, null, null, USED, null);
        def(m, "partitioner.ignore.keys", BOOLEAN, false, null, USED, null);
        def(m, "partitioner.adaptive.partitioning.enable", BOOLEAN, true, null, USED, null);
        def(m, "partitioner.availability.timeout.ms", LONG, 0L, atLeast(0), USED, null);

        // Interceptors, metrics, telemetry.
        def(m, "interceptor.classes", LIST, List.of(), null, USED, null);
        def(m, "metric.reporters", LIST, List.of(), null, NO_EFFECT, METRICS);
        def(m, "metrics.num.samples", INT, 2, atLeast(1), NO_EFFECT, METRICS);
        def(m, "metrics.recording.level", STRING, "INFO", oneOf("INFO", "DEBUG", "TRACE"), NO_EFFECT, METRICS);
        def(m, "metrics.sample.window.ms", LONG, 30000L, atLeast(0), NO_EFFECT, METRICS);
        def(m, "enable.metrics.push", BOOLEAN, false, null, NO_EFFECT,
                "Quill does not push client metrics to the broker (KIP-714)");

        // Transactions.
        def(m, "transactional.id", STRING, null, Validator.nonEmptyString(), USED, null);
        def(m, "transaction.timeout.ms", INT, 60000, null, USED, null);
        def(m, "transaction.two.phase.commit.enable", BOOLEAN, false, null, NOT_SUPPORTED, TWO_PHASE_COMMIT);

        // Security: the protocol is checked for PLAINTEXT; every other key fails when set to a non-default value.
        def(m, "security.protocol", STRING, "PLAINTEXT",
                oneOfIgnoreCase("SASL_SSL", "PLAINTEXT", "SSL", "SASL_PLAINTEXT"), USED, null);
        def(m, "security.providers", STRING, null, null, NOT_SUPPORTED, SECURITY);
        sasl(m);
        ssl(m);

        // Quill's own.
        def(m, BUFFER_FULL_POLICY, STRING, "block", oneOfIgnoreCase("block", "fail"), USED, null);

        KEYS = Collections.unmodifiableMap(m);
    }

    private static void sasl(Map<String, ConfigKey> m) {
        sec(m, "sasl.client.callback.handler.class", CLASS, null, null);
        used(m, "sasl.jaas.config", PASSWORD, null, null);
        sec(m, "sasl.kerberos.kinit.cmd", STRING, "/usr/bin/kinit", null);
        sec(m, "sasl.kerberos.min.time.before.relogin", LONG, 60000L, null);
        sec(m, "sasl.kerberos.service.name", STRING, null, null);
        sec(m, "sasl.kerberos.ticket.renew.jitter", DOUBLE, 0.05, null);
        sec(m, "sasl.kerberos.ticket.renew.window.factor", DOUBLE, 0.8, null);
        used(m, "sasl.login.callback.handler.class", CLASS, null, null);
        sec(m, "sasl.login.class", CLASS, null, null);
        used(m, "sasl.login.connect.timeout.ms", INT, null, null);
        used(m, "sasl.login.read.timeout.ms", INT, null, null);
        used(m, "sasl.login.refresh.buffer.seconds", SHORT, (short) 300, between(0, 3600));
        used(m, "sasl.login.refresh.min.period.seconds", SHORT, (short) 60, between(0, 900));
        used(m, "sasl.login.refresh.window.factor", DOUBLE, 0.8, betweenDouble(0.5, 1.0));
        used(m, "sasl.login.refresh.window.jitter", DOUBLE, 0.05, betweenDouble(0.0, 0.25));
        used(m, "sasl.login.retry.backoff.max.ms", LONG, 10000L, null);
        used(m, "sasl.login.retry.backoff.ms", LONG, 100L, null);
        used(m, "sasl.mechanism", STRING, "GSSAPI", null);
        sec(m, "sasl.oauthbearer.assertion.algorithm", STRING, "RS256", oneOfIgnoreCase("ES256", "RS256"));
        sec(m, "sasl.oauthbearer.assertion.claim.aud", STRING, null, null);
        sec(m, "sasl.oauthbearer.assertion.claim.exp.seconds", INT, 300, between(0, 86400));
        sec(m, "sasl.oauthbearer.assertion.claim.iss", STRING, null, null);
        sec(m, "sasl.oauthbearer.assertion.claim.jti.include", BOOLEAN, false, null);
        sec(m, "sasl.oauthbearer.assertion.claim.nbf.seconds", INT, 60, between(0, 3600));
        sec(m, "sasl.oauthbearer.assertion.claim.sub", STRING, null, null);
        sec(m, "sasl.oauthbearer.assertion.file", STRING, null, null);
        sec(m, "sasl.oauthbearer.assertion.private.key.file", STRING, null, null);
        sec(m, "sasl.oauthbearer.assertion.private.key.passphrase", PASSWORD, null, null);
        sec(m, "sasl.oauthbearer.assertion.template.file", STRING, null, null);
        used(m, "sasl.oauthbearer.client.credentials.client.id", STRING, null, null);
        used(m, "sasl.oauthbearer.client.credentials.client.secret", PASSWORD, null, null);
        sec(m, "sasl.oauthbearer.clock.skew.seconds", INT, 30, null);
        sec(m, "sasl.oauthbearer.expected.audience", LIST, null, null);
        sec(m, "sasl.oauthbearer.expected.issuer", STRING, null, null);
        used(m, "sasl.oauthbearer.header.urlencode", BOOLEAN, false, null);
        sec(m, "sasl.oauthbearer.jwks.endpoint.refresh.ms", LONG, 3600000L, null);
        sec(m, "sasl.oauthbearer.jwks.endpoint.retry.backoff.max.ms", LONG, 10000L, null);
        sec(m, "sasl.oauthbearer.jwks.endpoint.retry.backoff.ms", LONG, 100L, null);
        sec(m, "sasl.oauthbearer.jwks.endpoint.url", STRING, null, null);
        sec(m, "sasl.oauthbearer.jwt.retriever.class", CLASS,
                "org.apache.kafka.common.security.oauthbearer.DefaultJwtRetriever", null);
        sec(m, "sasl.oauthbearer.jwt.validator.class", CLASS,
                "org.apache.kafka.common.security.oauthbearer.DefaultJwtValidator", null);
        used(m, "sasl.oauthbearer.scope", STRING, null, null);
        sec(m, "sasl.oauthbearer.scope.claim.name", STRING, "scope", null);
        sec(m, "sasl.oauthbearer.sub.claim.name", STRING, "sub", null);
        used(m, "sasl.oauthbearer.token.endpoint.url", STRING, null, null);
    }

    private static void ssl(Map<String, ConfigKey> m) {
        used(m, "ssl.cipher.suites", LIST, null, null);
        used(m, "ssl.enabled.protocols", LIST, List.of("TLSv1.2", "TLSv1.3"), null);
        used(m, "ssl.endpoint.identification.algorithm", STRING, "https", null);
        sec(m, "ssl.engine.factory.class", CLASS, null, null);
        used(m, "ssl.key.password", PASSWORD, null, null);
        used(m, "ssl.keymanager.algorithm", STRING, "SunX509", null);
        used(m, "ssl.keystore.certificate.chain", PASSWORD, null, null);
        used(m, "ssl.keystore.key", PASSWORD, null, null);
        used(m, "ssl.keystore.location", STRING, null, null);
        used(m, "ssl.keystore.password", PASSWORD, null, null);
        used(m, "ssl.keystore.type", STRING, "JKS", null);
        used(m, "ssl.protocol", STRING, "TLSv1.3", null);
        used(m, "ssl.provider", STRING, null, null);
        used(m, "ssl.secure.random.implementation", STRING, null, null);
        used(m, "ssl.trustmanager.algorithm", STRING, "PKIX", null);
        used(m, "ssl.truststore.certificates", PASSWORD, null, null);
        used(m, "ssl.truststore.location", STRING, null, null);
        used(m, "ssl.truststore.password", PASSWORD, null, null);
        used(m, "ssl.truststore.type", STRING, "JKS", null);
    }

    private static void used(Map<String, ConfigKey> m, String name, ConfigType type, Object dflt,
                             Validator validator) {
        def(m, name, type, dflt, validator, USED, null);
    }

    private static void sec(Map<String, ConfigKey> m, String name, ConfigType type, Object dflt, Validator validator) {
        def(m, name, type, dflt, validator, NOT_SUPPORTED, SECURITY);
    }

    private static void def(Map<String, ConfigKey> m, String name, ConfigType type, Object dflt, Validator validator,
                            Support support, String note) {
        if (m.put(name, new ConfigKey(name, type, dflt, validator, support, note)) != null) {
            throw new IllegalStateException("duplicate key " + name);
        }
    }

    private ProducerConfigKeys() {
    }

    /** Every known key, in a stable order (grouped by concern). */
    public static Map<String, ConfigKey> all() {
        return KEYS;
    }

    public static ConfigKey get(String name) {
        return KEYS.get(name);
    }

    /** Confluent's Schema Registry serializer keys, which Quill's Avro serializer reads as Confluent's does. */
    private static final Set<String> REGISTRY_SERIALIZER_KEYS = Set.of("auto.register.schemas", "use.schema.id",
            "use.latest.version", "latest.compatibility.strict", "normalize.schemas", "avro.remove.java.properties",
            "key.subject.name.strategy", "value.subject.name.strategy", "max.schemas.per.subject",
            "basic.auth.credentials.source", "basic.auth.user.info", "bearer.auth.credentials.source",
            "bearer.auth.token");
    /** Prefixes of Confluent's registry keys: the URLs and TLS settings, and extra HTTP headers. */
    private static final List<String> REGISTRY_SERIALIZER_PREFIXES = List.of("schema.registry.", "request.header.");

    /**
     * Keys read by Quill's built-in serializers, not by the producer: known, so no unknown-key warning, but not
     * part of the producer's own table.
     */
    public static boolean isSerializerKey(String name) {
        return name.equals("key.serializer.encoding") || name.equals("value.serializer.encoding")
                || name.equals("serializer.encoding") || REGISTRY_SERIALIZER_KEYS.contains(name)
                || REGISTRY_SERIALIZER_PREFIXES.stream().anyMatch(name::startsWith);
    }

    /** Whether a value of this key must never be printed. */
    public static boolean isSecret(String name) {
        ConfigKey key = KEYS.get(name);
        if (key != null && key.type() == PASSWORD) {
            return true;
        }
        String n = name.toLowerCase(Locale.ROOT);
        return n.contains("password") || n.contains("jaas") || n.contains("secret") || n.contains("passphrase")
                || n.contains("credential") || n.contains("token") || n.contains("user.info");
    }
}
