package dev.quill.producer;

import dev.quill.producer.errors.ConfigException;
import dev.quill.producer.internal.config.BackoffRules;
import dev.quill.producer.internal.config.BootstrapServers;
import dev.quill.producer.internal.config.ConfigKey;
import dev.quill.producer.internal.config.DeliveryTimeoutRule;
import dev.quill.producer.internal.config.IdempotenceRule;
import dev.quill.producer.internal.config.ParsedValues;
import dev.quill.producer.internal.config.ProducerConfigKeys;
import dev.quill.producer.internal.config.SupportCheck;
import dev.quill.producer.internal.config.ValueText;

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
 * Some keys are checked against others once all are parsed: {@link #ENABLE_IDEMPOTENCE_CONFIG idempotence}
 * against {@code acks}, {@code retries} and {@code max.in.flight.requests.per.connection};
 * {@link #DELIVERY_TIMEOUT_MS_CONFIG delivery.timeout.ms} against {@code linger.ms + request.timeout.ms}; and each
 * backoff or connection timeout against its maximum. A conflicting key given explicitly fails; one left at its
 * default mostly gives way, with a warning. Each key's constant says how.
 *
 * <h2>Keys Quill does not honour</h2>
 * <ul>
 * <li>Not supported yet, failing with "not supported yet" when set to anything but their default:
 * the {@code sasl.*} keys of GSSAPI, of OAUTHBEARER assertions and token validation, and custom login and
 * callback classes, {@code ssl.engine.factory.class} (use {@link Builder#sslContext} instead),
 * {@code security.providers} and {@code transaction.two.phase.commit.enable=true}.
 * A configuration written for a secured cluster fails at startup rather than trying plaintext.</li>
 * <li>Accepted without effect, logged as a warning when set to anything but Quill's default:
 * {@code metric.reporters}, {@code metrics.num.samples}, {@code metrics.recording.level},
 * {@code metrics.sample.window.ms} (Quill exposes its own metrics), {@code enable.metrics.push} (no KIP-714
 * push).</li>
 * <li>Unknown keys are logged as a warning and kept in {@link #originals()}, which serializers and the
 * partitioner (and interceptors) receive in {@code configure}. The keys read by Quill's serializers are known:
 * the string serializer's encodings ({@code key.serializer.encoding}, {@code value.serializer.encoding},
 * {@code serializer.encoding}) and Confluent's Schema Registry serializer keys.</li>
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

    // ---- keys: each documented here once, with its default as ProducerConfigKeys applies it ----------------
    // The "Default: {@code ...}." form is read by ProducerConfigDocumentationTest, which compares it with the table.

    /**
     * The brokers to fetch the first metadata from: {@code host:port} entries (IPv6 literals as
     * {@code [addr]:port}); a {@code PLAINTEXT://} style prefix is dropped and empty entries are skipped. Two or
     * three suffice: the rest of the cluster is found through metadata. Required: it has no default. Caveat: names
     * are not resolved when the configuration is built (kafka-clients fails at construction when none resolves);
     * an unresolvable name surfaces later as a connection error, retried.
     */
    public static final String BOOTSTRAP_SERVERS_CONFIG = "bootstrap.servers";
    /**
     * The name brokers log and quota this producer by. Default: {@code ""}, which Quill replaces by
     * {@code quill-producer-N}, numbered per configuration built (kafka-clients: {@code producer-N}). Caveat: the
     * generated name belongs to the configuration object, so two producers created from one configuration share
     * it; set it, or build one configuration per producer.
     */
    public static final String CLIENT_ID_CONFIG = "client.id";
    /**
     * How many replicas must have a record before the broker acknowledges it: {@code all} (or {@code -1}),
     * {@code 1} or {@code 0}; see {@link Acks} for what each level risks. Default: {@code all}. Caveat: levels
     * other than {@code all} conflict with idempotence (see {@link #ENABLE_IDEMPOTENCE_CONFIG}).
     */
    public static final String ACKS_CONFIG = "acks";
    /**
     * Whether the broker drops duplicates caused by retries, so that records of a partition also keep their order
     * with up to 5 requests in flight. Default: {@code true}. It needs {@code acks=all}, {@code retries > 0} and
     * {@code max.in.flight.requests.per.connection <= 5}. Caveat: left at its default, {@code acks} other than
     * {@code all} or {@code retries=0} turn it off quietly (logged at INFO); set explicitly to true, they fail.
     */
    public static final String ENABLE_IDEMPOTENCE_CONFIG = "enable.idempotence";
    /**
     * How often a batch failing with a retriable error is sent again. Default: {@code 2147483647}
     * ({@code Integer.MAX_VALUE}). Caveat: {@link #DELIVERY_TIMEOUT_MS_CONFIG} is the real bound; lower that rather
     * than this. 0 conflicts with idempotence.
     */
    public static final String RETRIES_CONFIG = "retries";
    /**
     * How long, in milliseconds, a batch that is not full waits for more records. Default: {@code 5}. Caveat: adds
     * up to that much latency to each record, in exchange for fewer, larger requests.
     */
    public static final String LINGER_MS_CONFIG = "linger.ms";
    /**
     * The size in bytes a batch is allocated with, and sent at once when full. 0 disables batching (every record
     * its own batch); a record larger than this gets a batch of its own size. Default: {@code 16384}.
     */
    public static final String BATCH_SIZE_CONFIG = "batch.size";
    /**
     * The bound in bytes on all record bytes waiting to be sent. Default: {@code 33554432} (32 MiB). When it is used
     * up, {@code send()} follows {@link #BUFFER_FULL_POLICY_CONFIG}.
     */
    public static final String BUFFER_MEMORY_CONFIG = "buffer.memory";
    /**
     * How long, in milliseconds, a record may wait before it is in a batch: for room in
     * {@link #BUFFER_MEMORY_CONFIG} ({@code send()} blocks that long under buffer-full policy {@code block}), for
     * its topic's metadata, and for its serializer's lookup such as an Avro schema id. Default: {@code 60000}.
     * Caveat: Quill's {@code send()} never waits for metadata or a lookup itself; such a record waits inside the
     * producer and its future fails after this long. {@code partitionsFor} waits up to this long as well.
     */
    public static final String MAX_BLOCK_MS_CONFIG = "max.block.ms";
    /**
     * The largest request in bytes, and so the largest record, the producer sends. Default: {@code 1048576}
     * (1 MiB). Caveat: the broker's {@code message.max.bytes} and the topic's {@code max.message.bytes} still
     * apply.
     */
    public static final String MAX_REQUEST_SIZE_CONFIG = "max.request.size";
    /**
     * The codec batches are compressed with: {@code none}, {@code gzip}, {@code snappy}, {@code lz4} or
     * {@code zstd}. Default: {@code none}. Caveat: codecs other than gzip need their library on the class path at
     * run time.
     */
    public static final String COMPRESSION_TYPE_CONFIG = "compression.type";
    /** The gzip level, 1..9, or -1 for the codec's own default (6). Default: {@code -1}. */
    public static final String COMPRESSION_GZIP_LEVEL_CONFIG = "compression.gzip.level";
    /** The lz4 level, 1..17. Default: {@code 9}. */
    public static final String COMPRESSION_LZ4_LEVEL_CONFIG = "compression.lz4.level";
    /** The zstd level, -131072..22. Default: {@code 3}. */
    public static final String COMPRESSION_ZSTD_LEVEL_CONFIG = "compression.zstd.level";
    /**
     * Unacknowledged requests per broker connection. Default: {@code 5}. At most 5 with idempotence, even when
     * idempotence is only defaulted (as in kafka-clients 4.x): set {@code enable.idempotence=false} to allow more.
     * Caveat: without idempotence, more than 1 lets a retry reorder records.
     */
    public static final String MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION_CONFIG = "max.in.flight.requests.per.connection";
    /**
     * The bound in milliseconds on a record's whole life from {@code send()} to acknowledgement, retries included.
     * Default: {@code 120000}. It must be at least {@code linger.ms + request.timeout.ms}: given smaller, the
     * configuration fails; left at its default, it is raised to the sum with a warning.
     */
    public static final String DELIVERY_TIMEOUT_MS_CONFIG = "delivery.timeout.ms";
    /**
     * How long in milliseconds to wait for a response before the request is failed and retried. Default:
     * {@code 30000}. Caveat: should exceed the broker's {@code replica.lag.time.max.ms} to avoid duplicates from
     * retries without idempotence.
     */
    public static final String REQUEST_TIMEOUT_MS_CONFIG = "request.timeout.ms";
    /**
     * The first wait in milliseconds before a retry; later waits double up to
     * {@link #RETRY_BACKOFF_MAX_MS_CONFIG}, with jitter. Default: {@code 100}. Above the maximum it means a static
     * backoff of the maximum (with a warning).
     */
    public static final String RETRY_BACKOFF_MS_CONFIG = "retry.backoff.ms";
    /** The longest wait in milliseconds between retries. Default: {@code 1000}. */
    public static final String RETRY_BACKOFF_MAX_MS_CONFIG = "retry.backoff.max.ms";
    /**
     * The first wait in milliseconds before reconnecting to a broker; later waits double up to
     * {@link #RECONNECT_BACKOFF_MAX_MS_CONFIG}. Default: {@code 50}. Above the maximum it means a static backoff
     * of the maximum (with a warning). Caveat: given without the maximum, it becomes the maximum too, turning
     * exponential backoff off (with a warning), as in kafka-clients.
     */
    public static final String RECONNECT_BACKOFF_MS_CONFIG = "reconnect.backoff.ms";
    /**
     * The longest wait in milliseconds between reconnects. Default: {@code 1000}; equal to
     * {@link #RECONNECT_BACKOFF_MS_CONFIG} when only that was given.
     */
    public static final String RECONNECT_BACKOFF_MAX_MS_CONFIG = "reconnect.backoff.max.ms";
    /** Metadata is refreshed at least this often, in milliseconds. Default: {@code 300000}. */
    public static final String METADATA_MAX_AGE_MS_CONFIG = "metadata.max.age.ms";
    /**
     * A topic not sent to for this many milliseconds is dropped from metadata; the next send to it waits for
     * metadata again. At least 5000. Default: {@code 300000}.
     */
    public static final String METADATA_MAX_IDLE_MS_CONFIG = "metadata.max.idle.ms";
    /**
     * What to do when no known broker answers, in any case: {@code rebootstrap} (start again from
     * {@code bootstrap.servers}) or {@code none} (once metadata named the brokers, only they are asked; a cluster
     * whose brokers all moved is not found again without a restart). Default: {@code rebootstrap}.
     */
    public static final String METADATA_RECOVERY_STRATEGY_CONFIG = "metadata.recovery.strategy";
    /**
     * How long in milliseconds without metadata before kafka-clients rebootstraps. Default: {@code 300000}. Caveat:
     * accepted without effect; Quill turns to {@code bootstrap.servers} as soon as no known broker answers.
     */
    public static final String METADATA_RECOVERY_REBOOTSTRAP_TRIGGER_MS_CONFIG = "metadata.recovery.rebootstrap.trigger.ms";
    /**
     * The class choosing a record's partition when the record names none: one implementing {@link Partitioner},
     * as a name or a {@code Class}. Kafka's {@code org.apache.kafka.clients.producer.RoundRobinPartitioner} means
     * {@link RoundRobinPartitioner}. Default: {@code null}: the built-in rule, murmur2 of the key for keyed
     * records, sticky and adaptive spreading for the others.
     */
    public static final String PARTITIONER_CLASS_CONFIG = "partitioner.class";
    /**
     * Whether the built-in partitioner spreads keyed records as if they had no key. Default: {@code false}.
     * Caveat: true loses per-key order.
     */
    public static final String PARTITIONER_IGNORE_KEYS_CONFIG = "partitioner.ignore.keys";
    /**
     * Whether records without a key go less often to partitions whose queues are long (KIP-794); false spreads
     * them uniformly. Default: {@code true}.
     */
    public static final String PARTITIONER_ADAPTIVE_PARTITIONING_ENABLE_CONFIG = "partitioner.adaptive.partitioning.enable";
    /**
     * When a broker has had batches ready for longer than this many milliseconds without taking any (not
     * connected, or its requests unanswered), new records without a key stop going to the partitions it leads,
     * until batches are sent to it again (KIP-794). 0 turns this off. Default: {@code 0}. Caveat: only with
     * adaptive partitioning and the built-in partitioner; records with a key or an explicit partition are not
     * affected.
     */
    public static final String PARTITIONER_AVAILABILITY_TIMEOUT_MS_CONFIG = "partitioner.availability.timeout.ms";
    /** The socket send buffer in bytes; -1 leaves the OS default. Default: {@code 131072}. */
    public static final String SEND_BUFFER_CONFIG = "send.buffer.bytes";
    /** The socket receive buffer in bytes; -1 leaves the OS default. Default: {@code 32768}. */
    public static final String RECEIVE_BUFFER_CONFIG = "receive.buffer.bytes";
    /** Idle connections are closed after this many milliseconds. Default: {@code 540000}. */
    public static final String CONNECTIONS_MAX_IDLE_MS_CONFIG = "connections.max.idle.ms";
    /**
     * The first connect timeout in milliseconds; it doubles per failed attempt up to
     * {@link #SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG}. Default: {@code 10000}. Above the maximum it means
     * a static timeout of the maximum (with a warning).
     */
    public static final String SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG = "socket.connection.setup.timeout.ms";
    /** The longest connect timeout in milliseconds. Default: {@code 30000}. */
    public static final String SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG = "socket.connection.setup.timeout.max.ms";
    /**
     * How broker names become addresses: {@code use_all_dns_ips} (when a name has several addresses, a failed
     * connection moves on to the next one before the reconnect backoff applies) or
     * {@code resolve_canonical_bootstrap_servers_only} (each bootstrap host is replaced, when the producer is
     * created, by the canonical names of all its addresses, as Kerberos needs; connections then use the first
     * address of a name). Default: {@code use_all_dns_ips}. Names are looked up again after every address failed
     * and after each successful connection, so a broker that moved is found at its new address.
     */
    public static final String CLIENT_DNS_LOOKUP_CONFIG = "client.dns.lookup";
    /**
     * The key serializer class: one implementing {@link Serializer}, or one of kafka-clients' (its built-in ones
     * map to Quill's; others run through an adapter). No default: without it, the producer must be given a key
     * serializer instance.
     */
    public static final String KEY_SERIALIZER_CLASS_CONFIG = "key.serializer";
    /** As {@link #KEY_SERIALIZER_CLASS_CONFIG}, for values. No default either. */
    public static final String VALUE_SERIALIZER_CLASS_CONFIG = "value.serializer";
    /**
     * Interceptors run on each record, in order: classes implementing {@link ProducerInterceptor} or kafka-clients'
     * {@code org.apache.kafka.clients.producer.ProducerInterceptor} (run through an adapter, which needs
     * kafka-clients on the class path), as names or {@code Class} objects, in a comma-separated string or a
     * {@code List}. Default: {@code ""} (none).
     */
    public static final String INTERCEPTOR_CLASSES_CONFIG = "interceptor.classes";
    /**
     * How connections to brokers are secured: {@code PLAINTEXT}, {@code SSL}, {@code SASL_PLAINTEXT} or
     * {@code SASL_SSL}, in any case. Default: {@code PLAINTEXT}.
     */
    public static final String SECURITY_PROTOCOL_CONFIG = "security.protocol";
    /**
     * The SASL mechanism of the {@code SASL_*} protocols. Quill speaks {@code PLAIN}, {@code SCRAM-SHA-256},
     * {@code SCRAM-SHA-512} (credentials in {@link #SASL_JAAS_CONFIG}) and {@code OAUTHBEARER} (client credentials
     * from {@code sasl.oauthbearer.token.endpoint.url}, or unsecured tokens). Default: {@code GSSAPI}, which Quill
     * does not speak: set this whenever a SASL protocol is used.
     */
    public static final String SASL_MECHANISM_CONFIG = "sasl.mechanism";
    /**
     * The login module and its options in Kafka's JAAS format, e.g. the {@code username} and {@code password} for
     * PLAIN and SCRAM ({@link #saslJaasConfig} writes one). Needed with the SASL protocols.
     * Default: {@code null}. It is a secret: never printed.
     */
    public static final String SASL_JAAS_CONFIG = "sasl.jaas.config";
    /**
     * The id that makes a producer transactional: {@code initTransactions()} registers it with its transaction
     * coordinator, fencing any older producer with the same id and aborting what that one left open. It implies
     * {@link #ENABLE_IDEMPOTENCE_CONFIG idempotence}, which then cannot be turned off by {@code acks} or
     * {@code retries}. Use the same id for the same piece of work across restarts, and different ids for work that
     * runs at the same time. Default: {@code null} (not transactional).
     */
    public static final String TRANSACTIONAL_ID_CONFIG = "transactional.id";
    /**
     * How long the transaction coordinator lets a transaction stay open before it aborts it; the producer's next
     * transactional call then fails. Must not exceed the brokers' {@code transaction.max.timeout.ms} (15 minutes by
     * default). Default: {@code 60000} (1 minute).
     */
    public static final String TRANSACTION_TIMEOUT_MS_CONFIG = "transaction.timeout.ms";
    /**
     * Quill's own key: what {@code send()} does when {@link #BUFFER_MEMORY_CONFIG} is used up: {@code block}
     * (wait up to {@link #MAX_BLOCK_MS_CONFIG}) or {@code fail} (fail at once); see {@link BufferFullPolicy}.
     * Default: {@code block}.
     */
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
    private final ConfiguredPlugins plugins;

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

        ParsedValues parsed = ParsedValues.parse(given);
        Map<String, Object> v = parsed.values();
        this.unknownKeys = parsed.unknownKeys();
        if (!unknownKeys.isEmpty()) {
            warn.add("Unknown configuration keys " + unknownKeys + ": not used by the producer; they are still passed "
                    + "to serializers and the partitioner in configure()");
        }

        SupportCheck.apply(given, v, warn);
        @SuppressWarnings("unchecked")
        List<String> bootstrapEntries = (List<String>) v.get(BOOTSTRAP_SERVERS_CONFIG);
        this.bootstrapServers = BootstrapServers.required(bootstrapEntries, given.get(BOOTSTRAP_SERVERS_CONFIG));
        v.put(BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        ConfiguredPlugins.check(given, v);
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
        this.plugins = new ConfiguredPlugins(originals, values);
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

    /** The value of {@link #BOOTSTRAP_SERVERS_CONFIG}, normalized to {@code host:port} entries. */
    public List<String> bootstrapServers() {
        return bootstrapServers;
    }

    /** The bootstrap servers as unresolved socket addresses, for the network layer to resolve when it connects. */
    List<InetSocketAddress> bootstrapAddresses() {
        return BootstrapServers.toUnresolvedAddresses(bootstrapServers);
    }

    /** The value of {@link #CLIENT_ID_CONFIG} as it applies: the given name, or the one generated for this object. */
    public String clientId() {
        return (String) values.get(CLIENT_ID_CONFIG);
    }

    /** The value of {@link #ACKS_CONFIG}. */
    public Acks acks() {
        return Acks.forName((String) values.get(ACKS_CONFIG));
    }

    /** The value of {@link #ENABLE_IDEMPOTENCE_CONFIG} as it applies after the cross-key rules. */
    public boolean idempotenceEnabled() {
        return (Boolean) values.get(ENABLE_IDEMPOTENCE_CONFIG);
    }

    /** The value of {@link #TRANSACTIONAL_ID_CONFIG}, when the producer is transactional. */
    public Optional<String> transactionalId() {
        return Optional.ofNullable((String) values.get(TRANSACTIONAL_ID_CONFIG));
    }

    /** The value of {@link #TRANSACTION_TIMEOUT_MS_CONFIG}. */
    public int transactionTimeoutMs() {
        return (Integer) values.get(TRANSACTION_TIMEOUT_MS_CONFIG);
    }

    /** The value of {@link #RETRIES_CONFIG}. */
    public int retries() {
        return (Integer) values.get(RETRIES_CONFIG);
    }

    /** The value of {@link #LINGER_MS_CONFIG}. */
    public long lingerMs() {
        return (Long) values.get(LINGER_MS_CONFIG);
    }

    /** The value of {@link #BATCH_SIZE_CONFIG}. */
    public int batchSize() {
        return (Integer) values.get(BATCH_SIZE_CONFIG);
    }

    /** The value of {@link #BUFFER_MEMORY_CONFIG}. */
    public long bufferMemory() {
        return (Long) values.get(BUFFER_MEMORY_CONFIG);
    }

    /** The value of {@link #MAX_BLOCK_MS_CONFIG}. */
    public long maxBlockMs() {
        return (Long) values.get(MAX_BLOCK_MS_CONFIG);
    }

    /** The value of {@link #MAX_REQUEST_SIZE_CONFIG}. */
    public int maxRequestSize() {
        return (Integer) values.get(MAX_REQUEST_SIZE_CONFIG);
    }

    /** The value of {@link #COMPRESSION_TYPE_CONFIG}. */
    public CompressionType compressionType() {
        return CompressionType.forName((String) values.get(COMPRESSION_TYPE_CONFIG));
    }

    /** The value of {@link #COMPRESSION_GZIP_LEVEL_CONFIG}. */
    public int compressionGzipLevel() {
        return (Integer) values.get(COMPRESSION_GZIP_LEVEL_CONFIG);
    }

    /** The value of {@link #COMPRESSION_LZ4_LEVEL_CONFIG}. */
    public int compressionLz4Level() {
        return (Integer) values.get(COMPRESSION_LZ4_LEVEL_CONFIG);
    }

    /** The value of {@link #COMPRESSION_ZSTD_LEVEL_CONFIG}. */
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

    /** The value of {@link #MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION_CONFIG}. */
    public int maxInFlightRequestsPerConnection() {
        return (Integer) values.get(MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION_CONFIG);
    }

    /** The value of {@link #DELIVERY_TIMEOUT_MS_CONFIG} as it applies after the cross-key rules. */
    public int deliveryTimeoutMs() {
        return (Integer) values.get(DELIVERY_TIMEOUT_MS_CONFIG);
    }

    /** The value of {@link #REQUEST_TIMEOUT_MS_CONFIG}. */
    public int requestTimeoutMs() {
        return (Integer) values.get(REQUEST_TIMEOUT_MS_CONFIG);
    }

    /** The value of {@link #RETRY_BACKOFF_MS_CONFIG}. */
    public long retryBackoffMs() {
        return (Long) values.get(RETRY_BACKOFF_MS_CONFIG);
    }

    /** The value of {@link #RETRY_BACKOFF_MAX_MS_CONFIG}. */
    public long retryBackoffMaxMs() {
        return (Long) values.get(RETRY_BACKOFF_MAX_MS_CONFIG);
    }

    /** The value of {@link #RECONNECT_BACKOFF_MS_CONFIG}. */
    public long reconnectBackoffMs() {
        return (Long) values.get(RECONNECT_BACKOFF_MS_CONFIG);
    }

    /** The value of {@link #RECONNECT_BACKOFF_MAX_MS_CONFIG} as it applies after the cross-key rules. */
    public long reconnectBackoffMaxMs() {
        return (Long) values.get(RECONNECT_BACKOFF_MAX_MS_CONFIG);
    }

    /** The value of {@link #METADATA_MAX_AGE_MS_CONFIG}. */
    public long metadataMaxAgeMs() {
        return (Long) values.get(METADATA_MAX_AGE_MS_CONFIG);
    }

    /** The value of {@link #METADATA_MAX_IDLE_MS_CONFIG}. */
    public long metadataMaxIdleMs() {
        return (Long) values.get(METADATA_MAX_IDLE_MS_CONFIG);
    }

    /** The value of {@link #METADATA_RECOVERY_STRATEGY_CONFIG}, lower case. */
    public String metadataRecoveryStrategy() {
        return (String) values.get(METADATA_RECOVERY_STRATEGY_CONFIG);
    }

    /** The value of {@link #METADATA_RECOVERY_REBOOTSTRAP_TRIGGER_MS_CONFIG}. */
    public long metadataRecoveryRebootstrapTriggerMs() {
        return (Long) values.get(METADATA_RECOVERY_REBOOTSTRAP_TRIGGER_MS_CONFIG);
    }

    /** The value of {@link #PARTITIONER_CLASS_CONFIG} as a class name, or null for the built-in partitioner. */
    public String partitionerClass() {
        Object value = values.get(PARTITIONER_CLASS_CONFIG);
        return value == null ? null : ValueText.className(value);
    }

    /** The value of {@link #PARTITIONER_IGNORE_KEYS_CONFIG}. */
    public boolean partitionerIgnoreKeys() {
        return (Boolean) values.get(PARTITIONER_IGNORE_KEYS_CONFIG);
    }

    /** The value of {@link #PARTITIONER_ADAPTIVE_PARTITIONING_ENABLE_CONFIG}. */
    public boolean partitionerAdaptivePartitioningEnable() {
        return (Boolean) values.get(PARTITIONER_ADAPTIVE_PARTITIONING_ENABLE_CONFIG);
    }

    /** The value of {@link #PARTITIONER_AVAILABILITY_TIMEOUT_MS_CONFIG}. */
    public long partitionerAvailabilityTimeoutMs() {
        return (Long) values.get(PARTITIONER_AVAILABILITY_TIMEOUT_MS_CONFIG);
    }

    /** The value of {@link #SEND_BUFFER_CONFIG}. */
    public int sendBufferBytes() {
        return (Integer) values.get(SEND_BUFFER_CONFIG);
    }

    /** The value of {@link #RECEIVE_BUFFER_CONFIG}. */
    public int receiveBufferBytes() {
        return (Integer) values.get(RECEIVE_BUFFER_CONFIG);
    }

    /** The value of {@link #CONNECTIONS_MAX_IDLE_MS_CONFIG}. */
    public long connectionsMaxIdleMs() {
        return (Long) values.get(CONNECTIONS_MAX_IDLE_MS_CONFIG);
    }

    /** The value of {@link #SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG}. */
    public long socketConnectionSetupTimeoutMs() {
        return (Long) values.get(SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG);
    }

    /** The value of {@link #SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG}. */
    public long socketConnectionSetupTimeoutMaxMs() {
        return (Long) values.get(SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG);
    }

    /** The value of {@link #CLIENT_DNS_LOOKUP_CONFIG}. */
    public String clientDnsLookup() {
        return (String) values.get(CLIENT_DNS_LOOKUP_CONFIG);
    }

    /** The value of {@link #KEY_SERIALIZER_CLASS_CONFIG} as a class name, or null when not configured. */
    public String keySerializerClass() {
        Object value = values.get(KEY_SERIALIZER_CLASS_CONFIG);
        return value == null ? null : ValueText.className(value);
    }

    /** The value of {@link #VALUE_SERIALIZER_CLASS_CONFIG} as a class name, or null when not configured. */
    public String valueSerializerClass() {
        Object value = values.get(VALUE_SERIALIZER_CLASS_CONFIG);
        return value == null ? null : ValueText.className(value);
    }

    /** The value of {@link #SECURITY_PROTOCOL_CONFIG}, upper case. */
    public String securityProtocol() {
        return (String) values.get(SECURITY_PROTOCOL_CONFIG);
    }

    /** The value of {@link #SASL_MECHANISM_CONFIG} as given. */
    public String saslMechanism() {
        return (String) values.get(SASL_MECHANISM_CONFIG);
    }

    /**
     * The TLS context given to {@link Builder#sslContext(SSLContext)}, if any: it replaces the key and trust stores of
     * the {@code ssl.*} keys (the protocol, cipher and hostname verification keys still apply).
     */
    public Optional<SSLContext> sslContext() {
        return Optional.ofNullable(sslContext);
    }

    /** The value of {@link #BUFFER_FULL_POLICY_CONFIG}. */
    public BufferFullPolicy bufferFullPolicy() {
        return BufferFullPolicy.forName((String) values.get(BUFFER_FULL_POLICY_CONFIG));
    }

    /**
     * The configuration exactly as given, unknown keys included; serializers and partitioners receive it (with the
     * effective {@code client.id}) in {@code configure}.
     */
    public Map<String, Object> originals() {
        return originals;
    }

    /**
     * The effective value of every known key: given, defaulted, or adjusted by the cross-key rules. Types: Boolean,
     * Integer, Short, Long, Double, String, {@code List<String>}; classes as given (String or Class).
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
        return plugins.newSerializer(KEY_SERIALIZER_CLASS_CONFIG, true);
    }

    /** As {@link #newKeySerializer()}, for {@code value.serializer}. */
    public Serializer<?> newValueSerializer() {
        return plugins.newSerializer(VALUE_SERIALIZER_CLASS_CONFIG, false);
    }

    /**
     * A new, configured instance of {@code partitioner.class}, or null for the built-in partitioner. The caller owns
     * it: close it when done.
     */
    public Partitioner newPartitioner() {
        return plugins.newPartitioner();
    }

    /**
     * New instances of {@link #INTERCEPTOR_CLASSES_CONFIG}, in order, each configured with {@link #originals()} and
     * the effective {@code client.id}. The caller owns them: close them when done.
     *
     * @throws ConfigException when a class cannot be instantiated, or whatever its {@code configure} threw; the
     *         interceptors made until then are closed
     */
    public List<ProducerInterceptor<?, ?>> newInterceptors() {
        return plugins.newInterceptors();
    }

    // ---- printing -------------------------------------------------------------------------------------

    /** Every effective value, one per line in key order as kafka-clients logs them; secrets masked. */
    @Override
    public String toString() {
        return ValueText.listing("ProducerConfig values:", values, unknownKeys);
    }

    // ---- builder --------------------------------------------------------------------------------------

    /**
     * Typed setters for the common keys and {@link #property} for any other. Nothing is checked before
     * {@link #build()}, which applies exactly the rules of {@link ProducerConfig#from(Map)}: a setter counts as giving
     * the key explicitly (which matters for the idempotence and delivery timeout rules).
     */
    public static final class Builder {

        private final Map<String, Object> configs;
        private SSLContext sslContext;

        private Builder(Map<String, Object> initial, SSLContext sslContext) {
            this.configs = new LinkedHashMap<>(initial);
            this.sslContext = sslContext;
        }

        /** Sets {@link #SECURITY_PROTOCOL_CONFIG}. */
        public Builder securityProtocol(String protocol) {
            return property(SECURITY_PROTOCOL_CONFIG, protocol);
        }

        /**
         * Sets {@link #SASL_MECHANISM_CONFIG}, and {@link #SASL_JAAS_CONFIG} to the user name and password as
         * {@link ProducerConfig#saslJaasConfig} writes them: for the mechanisms that log in with a password, PLAIN,
         * SCRAM-SHA-256 and SCRAM-SHA-512. Set {@link #securityProtocol} to SASL_SSL (or SASL_PLAINTEXT) as well.
         */
        public Builder sasl(String mechanism, String username, String password) {
            property(SASL_MECHANISM_CONFIG, Objects.requireNonNull(mechanism, "mechanism"));
            return property(SASL_JAAS_CONFIG, saslJaasConfig(mechanism, username, password));
        }

        /**
         * A ready TLS context (for example from a Spring Boot SSL bundle) used instead of the key and trust stores of
         * the {@code ssl.*} keys; {@code ssl.enabled.protocols}, {@code ssl.cipher.suites} and
         * {@code ssl.endpoint.identification.algorithm} still apply. Null removes it.
         */
        public Builder sslContext(SSLContext context) {
            this.sslContext = context;
            return this;
        }

        /**
         * Sets {@link #BOOTSTRAP_SERVERS_CONFIG}; each argument may itself be a comma-separated list
         * ({@code "a:9092,b:9092"}).
         */
        public Builder bootstrapServers(String... servers) {
            return bootstrapServers(Arrays.asList(servers));
        }

        /** As {@link #bootstrapServers(String...)}. */
        public Builder bootstrapServers(List<String> servers) {
            List<String> entries = new ArrayList<>();
            for (String s : servers) {
                entries.addAll(Arrays.asList(Objects.requireNonNull(s, "server").split(",", -1)));
            }
            return property(BOOTSTRAP_SERVERS_CONFIG, Collections.unmodifiableList(entries));
        }

        /** Sets {@link #CLIENT_ID_CONFIG}. */
        public Builder clientId(String clientId) {
            return property(CLIENT_ID_CONFIG, clientId);
        }

        /** Sets {@link #ACKS_CONFIG}. */
        public Builder acks(Acks acks) {
            return property(ACKS_CONFIG, acks.configName);
        }

        /** Sets {@link #ENABLE_IDEMPOTENCE_CONFIG} explicitly: true then makes a conflicting setting fail the build. */
        public Builder enableIdempotence(boolean enable) {
            return property(ENABLE_IDEMPOTENCE_CONFIG, enable);
        }

        /** Sets {@link #RETRIES_CONFIG}. */
        public Builder retries(int retries) {
            return property(RETRIES_CONFIG, retries);
        }

        /** Sets {@link #LINGER_MS_CONFIG}, in whole milliseconds. */
        public Builder linger(Duration linger) {
            return property(LINGER_MS_CONFIG, millis(linger));
        }

        /** Sets {@link #BATCH_SIZE_CONFIG}. */
        public Builder batchSize(int bytes) {
            return property(BATCH_SIZE_CONFIG, bytes);
        }

        /** Sets {@link #BUFFER_MEMORY_CONFIG}. */
        public Builder bufferMemory(long bytes) {
            return property(BUFFER_MEMORY_CONFIG, bytes);
        }

        /** Sets {@link #MAX_BLOCK_MS_CONFIG}, in whole milliseconds. */
        public Builder maxBlock(Duration maxBlock) {
            return property(MAX_BLOCK_MS_CONFIG, millis(maxBlock));
        }

        /** Sets {@link #MAX_REQUEST_SIZE_CONFIG}. */
        public Builder maxRequestSize(int bytes) {
            return property(MAX_REQUEST_SIZE_CONFIG, bytes);
        }

        /** Sets {@link #COMPRESSION_TYPE_CONFIG}. */
        public Builder compressionType(CompressionType type) {
            return property(COMPRESSION_TYPE_CONFIG, type.configName);
        }

        /**
         * Sets {@link #COMPRESSION_TYPE_CONFIG} and the codec's level key: {@link #COMPRESSION_GZIP_LEVEL_CONFIG},
         * {@link #COMPRESSION_LZ4_LEVEL_CONFIG} or {@link #COMPRESSION_ZSTD_LEVEL_CONFIG}.
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

        /** Sets {@link #MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION_CONFIG}. */
        public Builder maxInFlightRequestsPerConnection(int max) {
            return property(MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION_CONFIG, max);
        }

        /**
         * Sets {@link #DELIVERY_TIMEOUT_MS_CONFIG} explicitly, in whole milliseconds: too small then fails the build.
         */
        public Builder deliveryTimeout(Duration timeout) {
            return property(DELIVERY_TIMEOUT_MS_CONFIG, millis(timeout));
        }

        /** Sets {@link #REQUEST_TIMEOUT_MS_CONFIG}, in whole milliseconds. */
        public Builder requestTimeout(Duration timeout) {
            return property(REQUEST_TIMEOUT_MS_CONFIG, millis(timeout));
        }

        /** Sets {@link #RETRY_BACKOFF_MS_CONFIG}, in whole milliseconds. */
        public Builder retryBackoff(Duration backoff) {
            return property(RETRY_BACKOFF_MS_CONFIG, millis(backoff));
        }

        /** Sets {@link #RETRY_BACKOFF_MAX_MS_CONFIG}, in whole milliseconds. */
        public Builder retryBackoffMax(Duration backoff) {
            return property(RETRY_BACKOFF_MAX_MS_CONFIG, millis(backoff));
        }

        /** Sets {@link #BUFFER_FULL_POLICY_CONFIG}. */
        public Builder bufferFullPolicy(BufferFullPolicy policy) {
            return property(BUFFER_FULL_POLICY_CONFIG, policy.configName);
        }

        /** Sets {@link #PARTITIONER_CLASS_CONFIG}. */
        public Builder partitioner(Class<? extends Partitioner> partitioner) {
            return property(PARTITIONER_CLASS_CONFIG, partitioner);
        }

        /** Sets {@link #PARTITIONER_CLASS_CONFIG} by class name. */
        public Builder partitioner(String className) {
            return property(PARTITIONER_CLASS_CONFIG, className);
        }

        /** Sets {@link #KEY_SERIALIZER_CLASS_CONFIG}. */
        public Builder keySerializer(Class<?> serializer) {
            return property(KEY_SERIALIZER_CLASS_CONFIG, serializer);
        }

        /** Sets {@link #KEY_SERIALIZER_CLASS_CONFIG} by class name. */
        public Builder keySerializer(String className) {
            return property(KEY_SERIALIZER_CLASS_CONFIG, className);
        }

        /** Sets {@link #VALUE_SERIALIZER_CLASS_CONFIG}. */
        public Builder valueSerializer(Class<?> serializer) {
            return property(VALUE_SERIALIZER_CLASS_CONFIG, serializer);
        }

        /** Sets {@link #VALUE_SERIALIZER_CLASS_CONFIG} by class name. */
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
         * The configuration, checked exactly as {@link ProducerConfig#from(Map)} checks it.
         *
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
