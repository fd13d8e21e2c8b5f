package dev.quill.producer;

import dev.quill.producer.errors.ConfigException;
import dev.quill.producer.internal.config.BackoffRules;
import dev.quill.producer.internal.config.BootstrapServers;
import dev.quill.producer.internal.config.ConfigKey;
import dev.quill.producer.internal.config.DeliveryTimeoutRule;
import dev.quill.producer.internal.config.IdempotenceRule;
import dev.quill.producer.internal.config.ProducerConfigKeys;
import dev.quill.producer.internal.config.SupportCheck;
import dev.quill.producer.internal.config.ValueParser;
import dev.quill.producer.internal.config.ValueText;
import dev.quill.producer.internal.interceptor.InterceptorClasses;
import dev.quill.producer.internal.partition.Partitioners;

import dev.quill.producer.internal.security.JaasConfig;
import dev.quill.producer.internal.security.SecuritySettings;

import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;

/**
 * The producer's configuration: immutable, validated once, with kafka-clients 4.x's keys, defaults and rules.
 *
 * <pre>{@code
 * ProducerConfig config = ProducerConfig.builder()
 *         .bootstrapServers("localhost:9092")
 *         .linger(Duration.ofMillis(10))
 *         .compressionType(CompressionType.ZSTD)
 *         .property("metadata.max.age.ms", 60_000)      // any other Kafka key
 *         .build();
 * ProducerConfig same = ProducerConfig.from(Map.of("bootstrap.servers", "localhost:9092", "linger.ms", "10",
 *         "compression.type", "zstd", "metadata.max.age.ms", 60000));
 * }</pre>
 *
 * <h2>Values</h2>
 * {@link #from(Map)} and {@link Builder#property} take what kafka-clients takes: strings (trimmed), or values of
 * the key's type ({@code 5}, {@code 5L}, {@code true}); lists as comma-separated strings or {@code List}s; classes
 * as names or {@code Class} objects. Quill also takes any integral number that fits an integer key (kafka-clients
 * refuses {@code 5L} for {@code batch.size}). An invalid value fails with a {@link ConfigException} that names the
 * key, the value and the rule, e.g. "Invalid value -1 for configuration batch.size: Value must be at least 0".
 *
 * <h2>Rules beyond single values (as kafka-clients 4.1)</h2>
 * <ul>
 * <li>{@code delivery.timeout.ms >= linger.ms + request.timeout.ms}: when {@code delivery.timeout.ms} was given
 * this fails; when it was left at its default it is raised to the sum, with a warning.</li>
 * <li>Idempotence ({@code enable.idempotence}, default true) needs {@code acks=all}, {@code retries > 0} and
 * {@code max.in.flight.requests.per.connection <= 5}. Given explicitly as true, a conflict fails naming the
 * conflicting key. Left at its default, {@code acks} other than all or {@code retries=0} turn idempotence off
 * (logged at INFO); {@code max.in.flight.requests.per.connection > 5} fails even then, as in kafka-clients 4.x
 * (3.x turned idempotence off instead): set {@code enable.idempotence=false} to allow it.</li>
 * <li>{@code reconnect.backoff.ms} given without {@code reconnect.backoff.max.ms} sets the maximum to the same
 * value, turning exponential reconnect backoff off (with a warning).</li>
 * </ul>
 *
 * <h2>Keys Quill does not honour</h2>
 * <ul>
 * <li>Not supported yet, failing with "not supported yet" when set to anything but their default:
 * the {@code sasl.*} keys of GSSAPI, of OAUTHBEARER assertions and token validation, and custom login and
 * callback classes, {@code ssl.engine.factory.class} (use {@link Builder#sslContext} instead),
 * {@code security.providers}, {@code transactional.id} and {@code transaction.two.phase.commit.enable=true}.
 * A configuration written for a secured cluster fails at startup rather than trying plaintext.</li>
 * <li>Accepted without effect, logged as a warning when set to anything but Quill's default:
 * {@code metric.reporters}, {@code metrics.num.samples}, {@code metrics.recording.level},
 * {@code metrics.sample.window.ms} (Quill exposes its own metrics), {@code enable.metrics.push} (no KIP-714
 * push), {@code transaction.timeout.ms} (transactions only).</li>
 * <li>Unknown keys are logged as a warning and kept in {@link #originals()}, which serializers and the
 * partitioner (and interceptors) receive in {@code configure}; the encoding keys of the string serializer
 * ({@code key.serializer.encoding}, {@code value.serializer.encoding}, {@code serializer.encoding}) are known.</li>
 * </ul>
 *
 * <h2>Defaults that differ from kafka-clients</h2>
 * {@code bootstrap.servers} has none (it is required); {@code client.id} "" becomes {@code quill-producer-N}
 * (kafka-clients: {@code producer-N}); {@code metric.reporters} is empty (no JMX reporter) and
 * {@code enable.metrics.push} is false. Every other key has kafka-clients 4.1's default.
 *
 * <p>Warnings are logged through {@link System.Logger} (logger {@code dev.quill.producer.ProducerConfig}) and
 * kept in {@link #warnings()}.
 */
public final class ProducerConfig {

    /** Required. Where to fetch metadata first: {@code host:port} entries; see {@link #bootstrapServers()}. */
    public static final String BOOTSTRAP_SERVERS_CONFIG = "bootstrap.servers";
    /** Default "" (Quill names the producer {@code quill-producer-N}); see {@link #clientId()}. */
    public static final String CLIENT_ID_CONFIG = "client.id";
    /** Default {@code all}; see {@link #acks()}. */
    public static final String ACKS_CONFIG = "acks";
    /** Default true; see {@link #idempotenceEnabled()}. */
    public static final String ENABLE_IDEMPOTENCE_CONFIG = "enable.idempotence";
    /** Default {@code Integer.MAX_VALUE}; see {@link #retries()}. */
    public static final String RETRIES_CONFIG = "retries";
    /** Default 5; see {@link #lingerMs()}. */
    public static final String LINGER_MS_CONFIG = "linger.ms";
    /** Default 16384; see {@link #batchSize()}. */
    public static final String BATCH_SIZE_CONFIG = "batch.size";
    /** Default 33554432 (32 MiB); see {@link #bufferMemory()}. */
    public static final String BUFFER_MEMORY_CONFIG = "buffer.memory";
    /** Default 60000; see {@link #maxBlockMs()}. */
    public static final String MAX_BLOCK_MS_CONFIG = "max.block.ms";
    /** Default 1048576; see {@link #maxRequestSize()}. */
    public static final String MAX_REQUEST_SIZE_CONFIG = "max.request.size";
    /** Default {@code none}; see {@link #compressionType()}. */
    public static final String COMPRESSION_TYPE_CONFIG = "compression.type";
    /** Default -1 (the codec's default, 6); range 1..9 or -1. */
    public static final String COMPRESSION_GZIP_LEVEL_CONFIG = "compression.gzip.level";
    /** Default 9; range 1..17. */
    public static final String COMPRESSION_LZ4_LEVEL_CONFIG = "compression.lz4.level";
    /** Default 3; range -131072..22. */
    public static final String COMPRESSION_ZSTD_LEVEL_CONFIG = "compression.zstd.level";
    /** Default 5; see {@link #maxInFlightRequestsPerConnection()}. */
    public static final String MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION_CONFIG = "max.in.flight.requests.per.connection";
    /** Default 120000; see {@link #deliveryTimeoutMs()}. */
    public static final String DELIVERY_TIMEOUT_MS_CONFIG = "delivery.timeout.ms";
    /** Default 30000; see {@link #requestTimeoutMs()}. */
    public static final String REQUEST_TIMEOUT_MS_CONFIG = "request.timeout.ms";
    /** Default 100; see {@link #retryBackoffMs()}. */
    public static final String RETRY_BACKOFF_MS_CONFIG = "retry.backoff.ms";
    /** Default 1000; see {@link #retryBackoffMaxMs()}. */
    public static final String RETRY_BACKOFF_MAX_MS_CONFIG = "retry.backoff.max.ms";
    /** Default 50; see {@link #reconnectBackoffMs()}. */
    public static final String RECONNECT_BACKOFF_MS_CONFIG = "reconnect.backoff.ms";
    /** Default 1000; see {@link #reconnectBackoffMaxMs()}. */
    public static final String RECONNECT_BACKOFF_MAX_MS_CONFIG = "reconnect.backoff.max.ms";
    /** Default 300000; see {@link #metadataMaxAgeMs()}. */
    public static final String METADATA_MAX_AGE_MS_CONFIG = "metadata.max.age.ms";
    /** Default 300000, at least 5000; see {@link #metadataMaxIdleMs()}. */
    public static final String METADATA_MAX_IDLE_MS_CONFIG = "metadata.max.idle.ms";
    /** Default {@code rebootstrap}; see {@link #metadataRecoveryStrategy()}. */
    public static final String METADATA_RECOVERY_STRATEGY_CONFIG = "metadata.recovery.strategy";
    /** Default 300000; see {@link #metadataRecoveryRebootstrapTriggerMs()}. */
    public static final String METADATA_RECOVERY_REBOOTSTRAP_TRIGGER_MS_CONFIG = "metadata.recovery.rebootstrap.trigger.ms";
    /** Default null (the built-in partitioner); see {@link #partitionerClass()}. */
    public static final String PARTITIONER_CLASS_CONFIG = "partitioner.class";
    /** Default false; see {@link #partitionerIgnoreKeys()}. */
    public static final String PARTITIONER_IGNORE_KEYS_CONFIG = "partitioner.ignore.keys";
    /** Default true; see {@link #partitionerAdaptivePartitioningEnable()}. */
    public static final String PARTITIONER_ADAPTIVE_PARTITIONING_ENABLE_CONFIG = "partitioner.adaptive.partitioning.enable";
    /** Default 0 (off); see {@link #partitionerAvailabilityTimeoutMs()}. */
    public static final String PARTITIONER_AVAILABILITY_TIMEOUT_MS_CONFIG = "partitioner.availability.timeout.ms";
    /** Default 131072; -1 for the OS default. */
    public static final String SEND_BUFFER_CONFIG = "send.buffer.bytes";
    /** Default 32768; -1 for the OS default. */
    public static final String RECEIVE_BUFFER_CONFIG = "receive.buffer.bytes";
    /** Default 540000; see {@link #connectionsMaxIdleMs()}. */
    public static final String CONNECTIONS_MAX_IDLE_MS_CONFIG = "connections.max.idle.ms";
    /** Default 10000; see {@link #socketConnectionSetupTimeoutMs()}. */
    public static final String SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG = "socket.connection.setup.timeout.ms";
    /** Default 30000; see {@link #socketConnectionSetupTimeoutMaxMs()}. */
    public static final String SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG = "socket.connection.setup.timeout.max.ms";
    /** Default {@code use_all_dns_ips}; see {@link #clientDnsLookup()}. */
    public static final String CLIENT_DNS_LOOKUP_CONFIG = "client.dns.lookup";
    /** No default; see {@link #newKeySerializer()}. */
    public static final String KEY_SERIALIZER_CLASS_CONFIG = "key.serializer";
    /** No default; see {@link #newValueSerializer()}. */
    public static final String VALUE_SERIALIZER_CLASS_CONFIG = "value.serializer";
    /** Default empty; see {@link #newInterceptors()}. */
    public static final String INTERCEPTOR_CLASSES_CONFIG = "interceptor.classes";
    /** Default {@code PLAINTEXT}; also {@code SSL}, {@code SASL_PLAINTEXT}, {@code SASL_SSL}. */
    public static final String SECURITY_PROTOCOL_CONFIG = "security.protocol";
    /** Default {@code GSSAPI} (not supported); Quill speaks {@code PLAIN}, {@code SCRAM-SHA-256}, {@code SCRAM-SHA-512}. */
    public static final String SASL_MECHANISM_CONFIG = "sasl.mechanism";
    /** No default; the login module with {@code username} and {@code password} options, in Kafka's JAAS format. */
    public static final String SASL_JAAS_CONFIG = "sasl.jaas.config";
    /** Default null; any other value is not supported yet. */
    public static final String TRANSACTIONAL_ID_CONFIG = "transactional.id";
    /** Quill's own key: {@code block} (default) or {@code fail}; see {@link #bufferFullPolicy()}. */
    public static final String BUFFER_FULL_POLICY_CONFIG = ProducerConfigKeys.BUFFER_FULL_POLICY;

    private static final System.Logger LOG = System.getLogger(ProducerConfig.class.getName());
    private static final AtomicInteger CLIENT_ID_SEQUENCE = new AtomicInteger(1);

    private final Map<String, Object> originals;
    private final Map<String, Object> values;
    private final List<String> bootstrapServers;
    private final List<String> unknownKeys;
    private final List<String> warnings;
    private final SSLContext sslContext;
    private final SecuritySettings security;

    private ProducerConfig(Map<?, ?> input, SSLContext sslContext) {
        this.sslContext = sslContext;
        Map<String, Object> given = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : input.entrySet()) {
            if (!(e.getKey() instanceof String name)) {
                throw new ConfigException("Configuration keys must be strings; got " + e.getKey()
                        + (e.getKey() == null ? "" : " (" + e.getKey().getClass().getName() + ")"));
            }
            given.put(name, e.getValue());
        }
        this.originals = Collections.unmodifiableMap(given);
        List<String> warn = new ArrayList<>();

        Map<String, Object> v = new LinkedHashMap<>();
        for (ConfigKey key : ProducerConfigKeys.all().values()) {
            v.put(key.name(), key.hasDefault() ? key.defaultValue() : null);
        }
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<String, Object> e : given.entrySet()) {
            ConfigKey key = ProducerConfigKeys.get(e.getKey());
            if (key == null) {
                if (!ProducerConfigKeys.isSerializerKey(e.getKey())) {
                    unknown.add(e.getKey());
                }
                continue;
            }
            Object parsed = ValueParser.parse(key, e.getValue());
            if (parsed == null && key.hasDefault() && key.defaultValue() != null) {
                if (!key.name().equals(CLIENT_ID_CONFIG)) {
                    throw new ConfigException(ValueParser.invalid(key.name(), null, "Value must be non-null"));
                }
                parsed = "";
            }
            v.put(key.name(), parsed);
        }
        this.unknownKeys = Collections.unmodifiableList(unknown);
        if (!unknown.isEmpty()) {
            warn.add("Unknown configuration keys " + unknown + ": not used by the producer; they are still passed "
                    + "to serializers and the partitioner in configure()");
        }

        SupportCheck.apply(given, v, warn);
        @SuppressWarnings("unchecked")
        List<String> bootstrapEntries = (List<String>) v.get(BOOTSTRAP_SERVERS_CONFIG);
        this.bootstrapServers = BootstrapServers.required(bootstrapEntries, given.get(BOOTSTRAP_SERVERS_CONFIG));
        v.put(BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        if (v.get(KEY_SERIALIZER_CLASS_CONFIG) != null) {
            Serializers.resolve(KEY_SERIALIZER_CLASS_CONFIG, v.get(KEY_SERIALIZER_CLASS_CONFIG));
        }
        if (v.get(VALUE_SERIALIZER_CLASS_CONFIG) != null) {
            Serializers.resolve(VALUE_SERIALIZER_CLASS_CONFIG, v.get(VALUE_SERIALIZER_CLASS_CONFIG));
        }
        if (v.get(PARTITIONER_CLASS_CONFIG) != null) {
            Partitioners.resolve(PARTITIONER_CLASS_CONFIG, v.get(PARTITIONER_CLASS_CONFIG));
        }
        InterceptorClasses.check(INTERCEPTOR_CLASSES_CONFIG, interceptorEntries(given, v));
        v.put(ACKS_CONFIG, Acks.forName((String) v.get(ACKS_CONFIG)).configName);
        v.put(SECURITY_PROTOCOL_CONFIG, ((String) v.get(SECURITY_PROTOCOL_CONFIG)).toUpperCase(Locale.ROOT));
        v.put(METADATA_RECOVERY_STRATEGY_CONFIG,
                ((String) v.get(METADATA_RECOVERY_STRATEGY_CONFIG)).toLowerCase(Locale.ROOT));
        v.put(BUFFER_FULL_POLICY_CONFIG, BufferFullPolicy.forName((String) v.get(BUFFER_FULL_POLICY_CONFIG)).configName);

        this.security = SecuritySettings.check(v, sslContext);
        // A configuration breaking several rules is told about the first, so this order is part of the behaviour.
        IdempotenceRule.apply(given, v, LOG);
        DeliveryTimeoutRule.apply(given, v, warn);
        BackoffRules.apply(given, v, warn);
        if (((String) v.get(CLIENT_ID_CONFIG)).isEmpty()) {
            v.put(CLIENT_ID_CONFIG, "quill-producer-" + CLIENT_ID_SEQUENCE.getAndIncrement());
        }

        this.values = Collections.unmodifiableMap(v);
        this.warnings = List.copyOf(warn);
        for (String w : warnings) {
            LOG.log(Level.WARNING, w);
        }
    }

    /**
     * A configuration from Kafka's keys, as kafka-clients' {@code new KafkaProducer(Map)} takes them.
     *
     * @throws ConfigException naming the key, value and rule of the first invalid setting, or a missing
     *         {@code bootstrap.servers}
     */
    public static ProducerConfig from(Map<String, ?> configs) {
        return new ProducerConfig(Objects.requireNonNull(configs, "configs"), null);
    }

    /** As {@link #from(Map)}, for a {@code Properties} file's contents. */
    public static ProducerConfig from(Properties properties) {
        return new ProducerConfig(Objects.requireNonNull(properties, "properties"), null);
    }

    public static Builder builder() {
        return new Builder(Map.of(), null);
    }

    /** A builder holding this configuration's originals (and {@link #sslContext()}), to derive a variant. */
    public Builder toBuilder() {
        return new Builder(originals, sslContext);
    }

    /** Every key Quill knows: all of kafka-clients 4.1's producer keys and {@value #BUFFER_FULL_POLICY_CONFIG}. */
    public static Set<String> configNames() {
        return ProducerConfigKeys.all().keySet();
    }

    /**
     * A {@code sasl.jaas.config} value for PLAIN or SCRAM with this user name and password, quoted so that any
     * characters survive Kafka's JAAS syntax (it is a secret: keep it out of logs).
     */
    public static String saslJaasConfig(String mechanism, String username, String password) {
        String module = Objects.requireNonNull(mechanism, "mechanism").toUpperCase(Locale.ROOT).startsWith("SCRAM")
                ? JaasConfig.SCRAM_LOGIN_MODULE : JaasConfig.PLAIN_LOGIN_MODULE;
        return module + " required username=" + JaasConfig.quote(Objects.requireNonNull(username, "username"))
                + " password=" + JaasConfig.quote(Objects.requireNonNull(password, "password")) + ";";
    }

    /**
     * Whether values of this key are secrets (passwords, JAAS configuration, private keys, and any key whose name
     * says so), which Quill never prints: {@link #toString()}, messages and logs show {@code [hidden]}.
     */
    public static boolean isSecret(String key) {
        return ProducerConfigKeys.isSecret(key);
    }

    /**
     * The default of a known key as Quill applies it (before the cross-key rules), null when the key has none.
     *
     * @throws IllegalArgumentException for an unknown key
     */
    public static Object defaultValue(String key) {
        ConfigKey k = ProducerConfigKeys.get(key);
        if (k == null) {
            throw new IllegalArgumentException("unknown configuration key " + key);
        }
        return k.hasDefault() ? k.defaultValue() : null;
    }

    // ---- getters --------------------------------------------------------------------------------------

    /**
     * {@code bootstrap.servers}: brokers to fetch the first metadata from, normalized to {@code host:port}
     * (IPv6 literals as {@code [addr]:port}); a {@code PLAINTEXT://} style prefix is dropped and empty entries
     * skipped. Required. Caveat: names are not resolved here (kafka-clients fails at construction when none
     * resolves); an unresolvable name surfaces later as a connection error, retried.
     */
    public List<String> bootstrapServers() {
        return bootstrapServers;
    }

    /** The bootstrap servers as unresolved socket addresses, for the network layer to resolve when it connects. */
    List<InetSocketAddress> bootstrapAddresses() {
        return BootstrapServers.toUnresolvedAddresses(bootstrapServers);
    }

    /**
     * {@code client.id}: the name brokers log and quota this producer by. When not set, {@code quill-producer-N},
     * numbered per configuration built. Caveat: the generated name belongs to this configuration object, so two
     * producers created from one configuration share it; set it, or build one configuration per producer.
     */
    public String clientId() {
        return (String) values.get(CLIENT_ID_CONFIG);
    }

    /** {@code acks} (default {@code all}): see {@link Acks} for what each level risks. */
    public Acks acks() {
        return Acks.forName((String) values.get(ACKS_CONFIG));
    }

    /**
     * {@code enable.idempotence} as it applies (default true): the broker drops duplicates caused by retries, and
     * records of a partition keep their order with up to 5 requests in flight. False when it was left at its
     * default and {@code acks} is not {@code all} or {@code retries} is 0.
     */
    public boolean idempotenceEnabled() {
        return (Boolean) values.get(ENABLE_IDEMPOTENCE_CONFIG);
    }

    /**
     * {@code retries} (default {@code Integer.MAX_VALUE}): how often a batch failing with a retriable error is sent
     * again. Caveat: {@code delivery.timeout.ms} is the real bound; lower it rather than this.
     */
    public int retries() {
        return (Integer) values.get(RETRIES_CONFIG);
    }

    /**
     * {@code linger.ms} (default 5): how long a batch that is not full waits for more records. Caveat: adds up to
     * that much latency to each record, in exchange for fewer, larger requests.
     */
    public long lingerMs() {
        return (Long) values.get(LINGER_MS_CONFIG);
    }

    /**
     * {@code batch.size} (default 16384 bytes): the size a batch is allocated with and sent at once when full.
     * 0 disables batching (every record its own batch). A record larger than this gets a batch of its own size.
     */
    public int batchSize() {
        return (Integer) values.get(BATCH_SIZE_CONFIG);
    }

    /**
     * {@code buffer.memory} (default 32 MiB): the bound on all bytes waiting to be sent. When it is used up,
     * {@code send()} follows {@link #bufferFullPolicy()}.
     */
    public long bufferMemory() {
        return (Long) values.get(BUFFER_MEMORY_CONFIG);
    }

    /**
     * {@code max.block.ms} (default 60000): how long {@code send()} may wait for buffer space (policy
     * {@code block}), and how long a record may wait for its topic's metadata before its future fails. Quill's
     * {@code send()} never waits for metadata itself; the record waits in the buffer.
     */
    public long maxBlockMs() {
        return (Long) values.get(MAX_BLOCK_MS_CONFIG);
    }

    /**
     * {@code max.request.size} (default 1 MiB): the largest request, and so the largest record, the producer
     * sends. Caveat: the broker's {@code message.max.bytes} / topic {@code max.message.bytes} still applies.
     */
    public int maxRequestSize() {
        return (Integer) values.get(MAX_REQUEST_SIZE_CONFIG);
    }

    /** {@code compression.type} (default {@code none}); codecs other than gzip need their library at run time. */
    public CompressionType compressionType() {
        return CompressionType.forName((String) values.get(COMPRESSION_TYPE_CONFIG));
    }

    /** {@code compression.gzip.level} (default -1, the codec's default). */
    public int compressionGzipLevel() {
        return (Integer) values.get(COMPRESSION_GZIP_LEVEL_CONFIG);
    }

    /** {@code compression.lz4.level} (default 9). */
    public int compressionLz4Level() {
        return (Integer) values.get(COMPRESSION_LZ4_LEVEL_CONFIG);
    }

    /** {@code compression.zstd.level} (default 3). */
    public int compressionZstdLevel() {
        return (Integer) values.get(COMPRESSION_ZSTD_LEVEL_CONFIG);
    }

    /** The level of the configured codec; empty for {@code none} and {@code snappy}, which have no levels. */
    public OptionalInt compressionLevel() {
        return switch (compressionType()) {
            case GZIP -> OptionalInt.of(compressionGzipLevel());
            case LZ4 -> OptionalInt.of(compressionLz4Level());
            case ZSTD -> OptionalInt.of(compressionZstdLevel());
            default -> OptionalInt.empty();
        };
    }

    /**
     * {@code max.in.flight.requests.per.connection} (default 5): unacknowledged requests per broker. At most 5 with
     * idempotence. Caveat: without idempotence, more than 1 lets a retry reorder records.
     */
    public int maxInFlightRequestsPerConnection() {
        return (Integer) values.get(MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION_CONFIG);
    }

    /**
     * {@code delivery.timeout.ms} as it applies (default 120000): the bound on a record's whole life from
     * {@code send()} to acknowledgement, retries included. At least {@code linger.ms + request.timeout.ms}.
     */
    public int deliveryTimeoutMs() {
        return (Integer) values.get(DELIVERY_TIMEOUT_MS_CONFIG);
    }

    /**
     * {@code request.timeout.ms} (default 30000): how long to wait for a response before the request is failed and
     * retried. Caveat: should exceed the broker's {@code replica.lag.time.max.ms} to avoid duplicate retries
     * without idempotence.
     */
    public int requestTimeoutMs() {
        return (Integer) values.get(REQUEST_TIMEOUT_MS_CONFIG);
    }

    /**
     * {@code retry.backoff.ms} (default 100): the first wait before a retry; later waits double up to
     * {@link #retryBackoffMaxMs()}, with jitter. Greater than the maximum means a static backoff of the maximum.
     */
    public long retryBackoffMs() {
        return (Long) values.get(RETRY_BACKOFF_MS_CONFIG);
    }

    /** {@code retry.backoff.max.ms} (default 1000): the longest wait between retries. */
    public long retryBackoffMaxMs() {
        return (Long) values.get(RETRY_BACKOFF_MAX_MS_CONFIG);
    }

    /** {@code reconnect.backoff.ms} (default 50): the first wait before reconnecting to a broker. */
    public long reconnectBackoffMs() {
        return (Long) values.get(RECONNECT_BACKOFF_MS_CONFIG);
    }

    /**
     * {@code reconnect.backoff.max.ms} as it applies (default 1000): the longest wait between reconnects; equal to
     * {@code reconnect.backoff.ms} when only that was set.
     */
    public long reconnectBackoffMaxMs() {
        return (Long) values.get(RECONNECT_BACKOFF_MAX_MS_CONFIG);
    }

    /** {@code metadata.max.age.ms} (default 300000): metadata is refreshed at least this often. */
    public long metadataMaxAgeMs() {
        return (Long) values.get(METADATA_MAX_AGE_MS_CONFIG);
    }

    /**
     * {@code metadata.max.idle.ms} (default 300000, at least 5000): a topic not sent to for this long is dropped
     * from metadata; the next send to it waits for metadata again.
     */
    public long metadataMaxIdleMs() {
        return (Long) values.get(METADATA_MAX_IDLE_MS_CONFIG);
    }

    /**
     * {@code metadata.recovery.strategy}, lower case: {@code rebootstrap} (default; when no known broker answers,
     * start again from {@code bootstrap.servers}) or {@code none} (once metadata named the brokers, only they are
     * asked; a cluster whose brokers all moved is not found again without a restart).
     */
    public String metadataRecoveryStrategy() {
        return (String) values.get(METADATA_RECOVERY_STRATEGY_CONFIG);
    }

    /**
     * {@code metadata.recovery.rebootstrap.trigger.ms} (default 300000): how long without metadata before
     * rebootstrap. Accepted for compatibility; Quill turns to {@code bootstrap.servers} as soon as no known broker
     * answers, without waiting this long.
     */
    public long metadataRecoveryRebootstrapTriggerMs() {
        return (Long) values.get(METADATA_RECOVERY_REBOOTSTRAP_TRIGGER_MS_CONFIG);
    }

    /**
     * {@code partitioner.class} (default none: the built-in rule, murmur2 for keys and sticky/adaptive spreading
     * otherwise), as a class name. Kafka's {@code org.apache.kafka.clients.producer.RoundRobinPartitioner} means
     * {@link RoundRobinPartitioner}; other classes must implement {@link Partitioner}.
     */
    public String partitionerClass() {
        Object value = values.get(PARTITIONER_CLASS_CONFIG);
        return value == null ? null : ValueText.className(value);
    }

    /** {@code partitioner.ignore.keys} (default false): spread keyed records as if they had no key. Loses key order. */
    public boolean partitionerIgnoreKeys() {
        return (Boolean) values.get(PARTITIONER_IGNORE_KEYS_CONFIG);
    }

    /**
     * {@code partitioner.adaptive.partitioning.enable} (default true): records without a key go less often to
     * partitions whose queues are long (KIP-794). False spreads them uniformly.
     */
    public boolean partitionerAdaptivePartitioningEnable() {
        return (Boolean) values.get(PARTITIONER_ADAPTIVE_PARTITIONING_ENABLE_CONFIG);
    }

    /**
     * {@code partitioner.availability.timeout.ms} (default 0, off): when a broker has had batches ready to send for
     * longer than this without taking any (not connected, or its requests unanswered), new records without a key
     * stop going to the partitions it leads, until batches are sent to it again (KIP-794). Only with adaptive
     * partitioning and the built-in partitioner; records with a key or an explicit partition are not affected.
     */
    public long partitionerAvailabilityTimeoutMs() {
        return (Long) values.get(PARTITIONER_AVAILABILITY_TIMEOUT_MS_CONFIG);
    }

    /** {@code send.buffer.bytes} (default 131072): the socket send buffer; -1 leaves the OS default. */
    public int sendBufferBytes() {
        return (Integer) values.get(SEND_BUFFER_CONFIG);
    }

    /** {@code receive.buffer.bytes} (default 32768): the socket receive buffer; -1 leaves the OS default. */
    public int receiveBufferBytes() {
        return (Integer) values.get(RECEIVE_BUFFER_CONFIG);
    }

    /** {@code connections.max.idle.ms} (default 540000): idle connections are closed after this long. */
    public long connectionsMaxIdleMs() {
        return (Long) values.get(CONNECTIONS_MAX_IDLE_MS_CONFIG);
    }

    /** {@code socket.connection.setup.timeout.ms} (default 10000): the first connect timeout; doubles per failure. */
    public long socketConnectionSetupTimeoutMs() {
        return (Long) values.get(SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG);
    }

    /** {@code socket.connection.setup.timeout.max.ms} (default 30000): the longest connect timeout. */
    public long socketConnectionSetupTimeoutMaxMs() {
        return (Long) values.get(SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG);
    }

    /**
     * {@code client.dns.lookup}: {@code use_all_dns_ips} (default; when a host name has several addresses, a
     * failed connection moves on to the next one before the reconnect backoff applies) or
     * {@code resolve_canonical_bootstrap_servers_only} (each bootstrap host is replaced, when the producer is
     * created, by the canonical names of all its addresses, as Kerberos needs; connections then use the first
     * address of a name). Names are looked up again after every address failed and after each successful
     * connection, so a broker that moved is found at its new address.
     */
    public String clientDnsLookup() {
        return (String) values.get(CLIENT_DNS_LOOKUP_CONFIG);
    }

    /** {@code key.serializer} as a class name, or null when not configured (a serializer instance is then needed). */
    public String keySerializerClass() {
        Object value = values.get(KEY_SERIALIZER_CLASS_CONFIG);
        return value == null ? null : ValueText.className(value);
    }

    /** {@code value.serializer} as a class name, or null when not configured. */
    public String valueSerializerClass() {
        Object value = values.get(VALUE_SERIALIZER_CLASS_CONFIG);
        return value == null ? null : ValueText.className(value);
    }

    /** {@code security.protocol}, upper case: {@code PLAINTEXT} (default), {@code SSL}, {@code SASL_PLAINTEXT} or {@code SASL_SSL}. */
    public String securityProtocol() {
        return (String) values.get(SECURITY_PROTOCOL_CONFIG);
    }

    /** {@code sasl.mechanism} (default {@code GSSAPI}, which Quill does not speak): used with the SASL protocols. */
    public String saslMechanism() {
        return (String) values.get(SASL_MECHANISM_CONFIG);
    }

    /**
     * The TLS context given to {@link Builder#sslContext(SSLContext)}, if any: it replaces the key and trust stores
     * of the {@code ssl.*} keys (the protocol, cipher and hostname verification keys still apply).
     */
    public Optional<SSLContext> sslContext() {
        return Optional.ofNullable(sslContext);
    }

    /** {@value #BUFFER_FULL_POLICY_CONFIG} (Quill's key, default {@link BufferFullPolicy#BLOCK}). */
    public BufferFullPolicy bufferFullPolicy() {
        return BufferFullPolicy.forName((String) values.get(BUFFER_FULL_POLICY_CONFIG));
    }

    /**
     * The configuration exactly as given, unknown keys included; serializers and partitioners receive it (with
     * the effective {@code client.id}) in {@code configure}.
     */
    public Map<String, Object> originals() {
        return originals;
    }

    /**
     * The effective value of every known key: given, defaulted, or adjusted by the cross-key rules. Types:
     * Boolean, Integer, Short, Long, Double, String, {@code List<String>}; classes as given (String or Class).
     */
    public Map<String, Object> values() {
        return values;
    }

    /** Given keys that Quill does not know, in the order given. */
    public List<String> unknownKeys() {
        return unknownKeys;
    }

    /** The warnings logged while this configuration was built. */
    public List<String> warnings() {
        return warnings;
    }

    /** The security keys, checked. */
    SecuritySettings security() {
        return security;
    }

    // ---- plugins --------------------------------------------------------------------------------------

    /**
     * A new key serializer from {@code key.serializer}, configured with {@link #originals()} (and the effective
     * {@code client.id}) as a key serializer. For a producer created without a key serializer instance.
     *
     * @throws ConfigException when {@code key.serializer} is not set, or its class cannot be instantiated
     */
    public Serializer<?> newKeySerializer() {
        return newSerializer(KEY_SERIALIZER_CLASS_CONFIG, true);
    }

    /** As {@link #newKeySerializer()}, for {@code value.serializer}. */
    public Serializer<?> newValueSerializer() {
        return newSerializer(VALUE_SERIALIZER_CLASS_CONFIG, false);
    }

    private Serializer<?> newSerializer(String key, boolean isKey) {
        Serializer<?> serializer = Serializers.instantiate(key, values.get(key));
        serializer.configure(pluginConfigs(), isKey);
        return serializer;
    }

    /** A new, configured instance of {@code partitioner.class}, or null for the built-in partitioner. */
    Partitioner newPartitioner() {
        Object value = values.get(PARTITIONER_CLASS_CONFIG);
        if (value == null) {
            return null;
        }
        Partitioner partitioner = Partitioners.instantiate(PARTITIONER_CLASS_CONFIG, value);
        partitioner.configure(pluginConfigs());
        return partitioner;
    }

    /**
     * New instances of {@code interceptor.classes} (default none), in order, each configured with
     * {@link #originals()} and the effective {@code client.id}. Each class implements {@link ProducerInterceptor} or
     * kafka-clients' {@code org.apache.kafka.clients.producer.ProducerInterceptor} (run through an adapter; that
     * needs kafka-clients on the class path). Classes are taken as names or {@code Class} objects, in a
     * comma-separated string or a {@code List}. The caller owns them: close them when done.
     *
     * @throws ConfigException when a class cannot be instantiated, or whatever its {@code configure} threw; the
     *         interceptors made until then are closed
     */
    public List<ProducerInterceptor<?, ?>> newInterceptors() {
        return InterceptorClasses.instantiate(INTERCEPTOR_CLASSES_CONFIG, interceptorEntries(originals, values),
                pluginConfigs());
    }

    /** The classes as given when a List was given (Class objects kept, not reloaded by name), else the names. */
    private static List<?> interceptorEntries(Map<String, Object> given, Map<String, Object> v) {
        return given.get(INTERCEPTOR_CLASSES_CONFIG) instanceof List<?> list
                ? list : (List<?>) v.get(INTERCEPTOR_CLASSES_CONFIG);
    }

    private Map<String, Object> pluginConfigs() {
        Map<String, Object> configs = new LinkedHashMap<>(originals);
        configs.put(CLIENT_ID_CONFIG, clientId());
        return Collections.unmodifiableMap(configs);
    }

    // ---- printing -------------------------------------------------------------------------------------

    /** Every effective value, one per line in key order as kafka-clients logs them; secrets masked. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("ProducerConfig values:\n");
        for (Map.Entry<String, Object> e : new TreeMap<>(values).entrySet()) {
            out.append('\t').append(e.getKey()).append(" = ").append(ValueText.shown(e.getKey(), e.getValue()))
                    .append('\n');
        }
        if (!unknownKeys.isEmpty()) {
            out.append("\tunknown keys (values not shown) = ").append(unknownKeys).append('\n');
        }
        return out.toString();
    }

    // ---- builder --------------------------------------------------------------------------------------

    /**
     * Typed setters for the common keys and {@link #property} for any other. Nothing is checked before
     * {@link #build()}, which applies exactly the rules of {@link ProducerConfig#from(Map)}: a setter counts as
     * giving the key explicitly (which matters for the idempotence and delivery timeout rules).
     */
    public static final class Builder {

        private final Map<String, Object> configs;
        private SSLContext sslContext;

        private Builder(Map<String, Object> initial, SSLContext sslContext) {
            this.configs = new LinkedHashMap<>(initial);
            this.sslContext = sslContext;
        }

        /** {@code security.protocol}: PLAINTEXT (default), SSL, SASL_PLAINTEXT or SASL_SSL. */
        public Builder securityProtocol(String protocol) {
            return property(SECURITY_PROTOCOL_CONFIG, protocol);
        }

        /**
         * {@code sasl.mechanism} and a {@code sasl.jaas.config} holding the user name and password (quoted, so any
         * password works). The mechanism is PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512; set {@link #securityProtocol}
         * to SASL_SSL (or SASL_PLAINTEXT) as well.
         */
        public Builder sasl(String mechanism, String username, String password) {
            property(SASL_MECHANISM_CONFIG, Objects.requireNonNull(mechanism, "mechanism"));
            return property(SASL_JAAS_CONFIG, saslJaasConfig(mechanism, username, password));
        }

        /**
         * A ready TLS context (for example from a Spring Boot SSL bundle) used instead of the key and trust stores
         * of the {@code ssl.*} keys; {@code ssl.enabled.protocols}, {@code ssl.cipher.suites} and
         * {@code ssl.endpoint.identification.algorithm} still apply. Null removes it.
         */
        public Builder sslContext(SSLContext context) {
            this.sslContext = context;
            return this;
        }

        /**
         * {@code bootstrap.servers}: required; {@code host:port} entries, each argument possibly a comma-separated
         * list itself ({@code "a:9092,b:9092"}). Two or three brokers suffice: the rest are found through metadata.
         */
        public Builder bootstrapServers(String... servers) {
            return bootstrapServers(Arrays.asList(servers));
        }

        /** {@code bootstrap.servers}: as {@link #bootstrapServers(String...)}. */
        public Builder bootstrapServers(List<String> servers) {
            List<String> entries = new ArrayList<>();
            for (String s : servers) {
                entries.addAll(Arrays.asList(Objects.requireNonNull(s, "server").split(",", -1)));
            }
            return property(BOOTSTRAP_SERVERS_CONFIG, Collections.unmodifiableList(entries));
        }

        /** {@code client.id}; default {@code quill-producer-N}. */
        public Builder clientId(String clientId) {
            return property(CLIENT_ID_CONFIG, clientId);
        }

        /** {@code acks}; default {@link Acks#ALL}. Other levels conflict with {@code enableIdempotence(true)}. */
        public Builder acks(Acks acks) {
            return property(ACKS_CONFIG, acks.configName);
        }

        /**
         * {@code enable.idempotence}; default true (turned off quietly by {@code acks} other than all or
         * {@code retries(0)} unless set here). Set true, a conflicting setting fails the build.
         */
        public Builder enableIdempotence(boolean enable) {
            return property(ENABLE_IDEMPOTENCE_CONFIG, enable);
        }

        /** {@code retries}; default {@code Integer.MAX_VALUE}; bound the time with {@link #deliveryTimeout} instead. */
        public Builder retries(int retries) {
            return property(RETRIES_CONFIG, retries);
        }

        /** {@code linger.ms}; default 5 ms. Adds up to this much latency per record for larger batches. */
        public Builder linger(Duration linger) {
            return property(LINGER_MS_CONFIG, millis(linger));
        }

        /** {@code batch.size} in bytes; default 16384; 0 disables batching. */
        public Builder batchSize(int bytes) {
            return property(BATCH_SIZE_CONFIG, bytes);
        }

        /** {@code buffer.memory} in bytes; default 32 MiB. See {@link #bufferFullPolicy} for what happens when full. */
        public Builder bufferMemory(long bytes) {
            return property(BUFFER_MEMORY_CONFIG, bytes);
        }

        /** {@code max.block.ms}; default 60 s: the longest {@code send()} waits for buffer space. */
        public Builder maxBlock(Duration maxBlock) {
            return property(MAX_BLOCK_MS_CONFIG, millis(maxBlock));
        }

        /** {@code max.request.size} in bytes; default 1 MiB; the broker's own limit still applies. */
        public Builder maxRequestSize(int bytes) {
            return property(MAX_REQUEST_SIZE_CONFIG, bytes);
        }

        /** {@code compression.type}; default none. Codecs other than gzip need their library on the class path. */
        public Builder compressionType(CompressionType type) {
            return property(COMPRESSION_TYPE_CONFIG, type.configName);
        }

        /**
         * {@code compression.type} and its level key ({@code compression.gzip.level} 1..9 or -1,
         * {@code compression.lz4.level} 1..17, {@code compression.zstd.level} -131072..22).
         *
         * @throws ConfigException for {@code none} and {@code snappy}, which have no level
         */
        public Builder compression(CompressionType type, int level) {
            String levelKey = switch (type) {
                case GZIP -> COMPRESSION_GZIP_LEVEL_CONFIG;
                case LZ4 -> COMPRESSION_LZ4_LEVEL_CONFIG;
                case ZSTD -> COMPRESSION_ZSTD_LEVEL_CONFIG;
                default -> throw new ConfigException("Invalid value " + level + " for the level of compression.type "
                        + type.configName + ": " + type.configName + " has no compression level");
            };
            compressionType(type);
            return property(levelKey, level);
        }

        /** {@code max.in.flight.requests.per.connection}; default 5, at most 5 with idempotence. */
        public Builder maxInFlightRequestsPerConnection(int max) {
            return property(MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION_CONFIG, max);
        }

        /** {@code delivery.timeout.ms}; default 120 s; must be at least linger + request timeout. */
        public Builder deliveryTimeout(Duration timeout) {
            return property(DELIVERY_TIMEOUT_MS_CONFIG, millis(timeout));
        }

        /** {@code request.timeout.ms}; default 30 s. */
        public Builder requestTimeout(Duration timeout) {
            return property(REQUEST_TIMEOUT_MS_CONFIG, millis(timeout));
        }

        /** {@code retry.backoff.ms}; default 100 ms, the first wait before a retry. */
        public Builder retryBackoff(Duration backoff) {
            return property(RETRY_BACKOFF_MS_CONFIG, millis(backoff));
        }

        /** {@code retry.backoff.max.ms}; default 1 s, the longest wait before a retry. */
        public Builder retryBackoffMax(Duration backoff) {
            return property(RETRY_BACKOFF_MAX_MS_CONFIG, millis(backoff));
        }

        /** {@value #BUFFER_FULL_POLICY_CONFIG}; default {@link BufferFullPolicy#BLOCK}. */
        public Builder bufferFullPolicy(BufferFullPolicy policy) {
            return property(BUFFER_FULL_POLICY_CONFIG, policy.configName);
        }

        /** {@code partitioner.class}: a class implementing {@link Partitioner}; default the built-in rule. */
        public Builder partitioner(Class<? extends Partitioner> partitioner) {
            return property(PARTITIONER_CLASS_CONFIG, partitioner);
        }

        /** {@code partitioner.class} by name; kafka-clients' {@code RoundRobinPartitioner} maps to Quill's. */
        public Builder partitioner(String className) {
            return property(PARTITIONER_CLASS_CONFIG, className);
        }

        /** {@code key.serializer}: a class implementing {@link Serializer}, or one of kafka-clients' built-in ones. */
        public Builder keySerializer(Class<?> serializer) {
            return property(KEY_SERIALIZER_CLASS_CONFIG, serializer);
        }

        /** {@code key.serializer} by class name; kafka-clients' built-in names map to Quill's serializers. */
        public Builder keySerializer(String className) {
            return property(KEY_SERIALIZER_CLASS_CONFIG, className);
        }

        /** {@code value.serializer}: a class implementing {@link Serializer}, or one of kafka-clients' built-in ones. */
        public Builder valueSerializer(Class<?> serializer) {
            return property(VALUE_SERIALIZER_CLASS_CONFIG, serializer);
        }

        /** {@code value.serializer} by class name; kafka-clients' built-in names map to Quill's serializers. */
        public Builder valueSerializer(String className) {
            return property(VALUE_SERIALIZER_CLASS_CONFIG, className);
        }

        /** Any key by Kafka's name, with a value as {@link ProducerConfig#from(Map)} takes it. */
        public Builder property(String key, Object value) {
            configs.put(Objects.requireNonNull(key, "key"), value);
            return this;
        }

        /** Every entry of {@code properties}, as {@link #property}. */
        public Builder properties(Map<String, ?> properties) {
            properties.forEach(this::property);
            return this;
        }

        /**
         * @throws ConfigException naming the key, value and rule of the first invalid setting
         */
        public ProducerConfig build() {
            return new ProducerConfig(configs, sslContext);
        }

        private static long millis(Duration duration) {
            Objects.requireNonNull(duration, "duration");
            try {
                return duration.toMillis();
            } catch (ArithmeticException e) {
                return duration.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
            }
        }
    }
}
