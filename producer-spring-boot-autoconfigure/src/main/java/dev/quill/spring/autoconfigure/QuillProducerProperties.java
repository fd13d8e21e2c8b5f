package dev.quill.spring.autoconfigure;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DataSizeUnit;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.util.unit.DataSize;
import org.springframework.util.unit.DataUnit;

/**
 * {@code quill.producer.*}: the producer's settings in Spring Boot's form (kebab-case, {@link Duration} and
 * {@link DataSize} values). A property left unset is not passed to the core, whose default (kafka-clients') then
 * applies: the defaults named here are documentation, not a second source. {@code properties.*} passes any other
 * Kafka producer key through unchanged and wins over the typed properties when both name the same key.
 */
@ConfigurationProperties("quill.producer")
public class QuillProducerProperties {

    static final String PREFIX = "quill.producer";

    /** Whether to auto-configure the producer, the template, health and metrics. */
    private boolean enabled = true;

    /**
     * Brokers to fetch the first metadata from, as host:port (Kafka's bootstrap.servers). Unset, Spring Kafka's own
     * (spring.kafka.producer.bootstrap-servers, spring.kafka.bootstrap-servers, or its connection details), else
     * localhost:9092; the log says which at startup.
     */
    private @Nullable List<String> bootstrapServers;

    /** Name of this producer in broker logs, quotas and meter tags (client.id); generated when not set. */
    private @Nullable String clientId;

    /**
     * Key serializer: string, bytes, byte-buffer, short, integer, long, float, double, boolean, uuid, void,
     * json, or the name of a class implementing dev.quill.producer.Serializer (kafka-clients' built-in
     * serializer class names work too).
     */
    private String keySerializer = "string";

    /** Value serializer: the same choices as key-serializer; json uses the application's JsonMapper. */
    private String valueSerializer = "string";

    /** Acknowledgements the leader waits for before answering: all (or -1), 1, or 0 (acks). Default all. */
    private @Nullable String acks;

    /**
     * Whether each record is written exactly once per partition despite retries (enable.idempotence). Left
     * unset it is on, unless acks or retries make it impossible; set to true it makes them fail instead.
     */
    private @Nullable Boolean enableIdempotence;

    /** How many times a retriable failure is retried, within delivery-timeout (retries). Default 2147483647. */
    private @Nullable Integer retries;

    /** How long to wait for more records before sending a batch that is not full (linger.ms). Default 5ms. */
    @DurationUnit(ChronoUnit.MILLIS)
    private @Nullable Duration linger;

    /** Upper bound of a batch per partition (batch.size). Default 16384B. */
    @DataSizeUnit(DataUnit.BYTES)
    private @Nullable DataSize batchSize;

    /** Memory for records waiting to be sent (buffer.memory). Default 32MB. */
    @DataSizeUnit(DataUnit.BYTES)
    private @Nullable DataSize bufferMemory;

    /** Compression of record batches: none, gzip, snappy, lz4 or zstd (compression.type). Default none. */
    private @Nullable String compressionType;

    /** Unanswered requests per broker connection (max.in.flight.requests.per.connection). Default 5. */
    private @Nullable Integer maxInFlightRequestsPerConnection;

    /**
     * Bound on the whole life of a record, retries included (delivery.timeout.ms). Left unset it is 2 minutes,
     * raised to linger + request-timeout when those add up to more.
     */
    @DurationUnit(ChronoUnit.MILLIS)
    private @Nullable Duration deliveryTimeout;

    /** How long to wait for a broker's answer to one request (request.timeout.ms). Default 30s. */
    @DurationUnit(ChronoUnit.MILLIS)
    private @Nullable Duration requestTimeout;

    /**
     * How long a send may wait for buffer memory, and a record for its topic's metadata or its serializer's
     * schema id (max.block.ms). Default 60s.
     */
    @DurationUnit(ChronoUnit.MILLIS)
    private @Nullable Duration maxBlock;

    /** Upper bound of one request, and so of one record (max.request.size). Default 1MB. */
    @DataSizeUnit(DataUnit.BYTES)
    private @Nullable DataSize maxRequestSize;

    /**
     * What a send does when buffer-memory is full: block (wait up to max-block, as kafka-clients does) or fail
     * at once with BufferExhaustedException (buffer.full.policy). Default block.
     */
    private @Nullable String bufferFull;

    /** Topic of ProducerTemplate.sendDefault. */
    private @Nullable String defaultTopic;

    /**
     * Turns transactions on: ProducerTemplate sends inside @Transactional methods (quillTransactionManager),
     * executeInTransaction, or another Spring-managed transaction, each transaction through a producer whose
     * transactional.id is this prefix followed by a number from 0. The same numbers are used after a restart, so that
     * a restarted instance fences what its predecessor left open: give each instance its own prefix.
     */
    private @Nullable String transactionIdPrefix;

    /** At most this many transactions at once, one transactional producer each; one more fails with a clear error. */
    private int transactionPoolSize = 10;

    /**
     * Connections to each broker that the transactional producers share. A broker handles one request per connection
     * at a time: more connections let more transactions progress at once, fewer keep fewer sockets.
     */
    private int transactionConnectionsPerBroker = 8;

    /** Whether a transactional ProducerTemplate may send outside a transaction, through the non-transactional producer. */
    private boolean allowNonTransactional;

    /**
     * How long ProducerTemplate.sendAndWait waits when not given a timeout. Unset, it waits for the record's own
     * outcome (at most max-block plus delivery-timeout), so what it reports is final. A shorter wait can end with
     * SendTimeoutException while the record may still be delivered: running out does not cancel the send.
     */
    private @Nullable Duration sendTimeout;

    /**
     * Whether ProducerTemplate observes each send through the application's ObservationRegistry: a timer, and
     * with a tracer a span whose context travels in the record's headers.
     */
    private boolean observationEnabled;

    /**
     * On context shutdown, how long to wait for buffered and in-flight records to be delivered; records still
     * unsent then fail.
     */
    private Duration closeTimeout = Duration.ofSeconds(30);

    /** Any Kafka producer key, passed through unchanged (for example metadata.max.age.ms). */
    private Map<String, String> properties = new LinkedHashMap<>();

    private final Security security = new Security();

    private final Sasl sasl = new Sasl();

    private final Ssl ssl = new Ssl();

    private final SchemaRegistry schemaRegistry = new SchemaRegistry();

    private final Mock mock = new Mock();

    public Security getSecurity() {
        return security;
    }

    public Sasl getSasl() {
        return sasl;
    }

    public Ssl getSsl() {
        return ssl;
    }

    public SchemaRegistry getSchemaRegistry() {
        return schemaRegistry;
    }

    public Mock getMock() {
        return mock;
    }

    /**
     * {@code quill.producer.mock.*}: for tests, a {@code dev.quill.producer.testing.MockProducer} in place of the
     * producer, which connects to nothing and records what it is given.
     */
    public static class Mock {

        /**
         * Whether the auto-configured producer is a MockProducer that connects to no broker and records every send
         * (for tests); the other properties still apply to it (serializers, client id, partitioner, size limits).
         */
        private boolean enabled;

        /**
         * Whether the MockProducer completes each record successfully as it is sent; when false the test completes
         * them (completeNext, errorNext, flush).
         */
        private boolean autoComplete = true;

        /**
         * Partition count of each topic the MockProducer knows, by topic name (partitions[my.topic]=3 for a name
         * with dots); a topic not named has one partition.
         */
        private Map<String, Integer> partitions = new LinkedHashMap<>();

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public boolean isAutoComplete() {
            return autoComplete;
        }

        public void setAutoComplete(boolean autoComplete) {
            this.autoComplete = autoComplete;
        }

        public Map<String, Integer> getPartitions() {
            return partitions;
        }

        public void setPartitions(Map<String, Integer> partitions) {
            this.partitions = partitions;
        }
    }

    /** {@code quill.producer.security.*}. */
    /**
     * The Schema Registry the Avro serializer ({@code key-serializer} or {@code value-serializer} {@code avro})
     * registers and looks up schemas in, with Confluent's semantics: any Confluent-compatible registry works.
     */
    public static class SchemaRegistry {

        /** Registry URLs, tried in turn when one cannot be reached (schema.registry.url). */
        private @Nullable List<String> url;

        /** Whether to register a value's schema under its subject (auto.register.schemas). Default true. */
        private @Nullable Boolean autoRegister;

        /** Whether to write the id of the subject's latest version (use.latest.version). Default false. */
        private @Nullable Boolean useLatestVersion;

        /**
         * How a subject is named: topic (<topic>-key, <topic>-value), record (the record's full name) or topic-record
         * (<topic>-<full name>) (key.subject.name.strategy and value.subject.name.strategy). Default topic.
         */
        private @Nullable String subjectNameStrategy;

        /** Basic authentication against the registry (basic.auth.user.info). */
        private final BasicAuth basicAuth = new BasicAuth();

        /** A bearer token sent to the registry (bearer.auth.token). */
        private @Nullable String bearerToken;

        /** TLS to the registry. */
        private final Ssl ssl = new Ssl();

        public @Nullable List<String> getUrl() {
            return url;
        }

        public void setUrl(@Nullable List<String> url) {
            this.url = url;
        }

        public @Nullable Boolean getAutoRegister() {
            return autoRegister;
        }

        public void setAutoRegister(@Nullable Boolean autoRegister) {
            this.autoRegister = autoRegister;
        }

        public @Nullable Boolean getUseLatestVersion() {
            return useLatestVersion;
        }

        public void setUseLatestVersion(@Nullable Boolean useLatestVersion) {
            this.useLatestVersion = useLatestVersion;
        }

        public @Nullable String getSubjectNameStrategy() {
            return subjectNameStrategy;
        }

        public void setSubjectNameStrategy(@Nullable String subjectNameStrategy) {
            this.subjectNameStrategy = subjectNameStrategy;
        }

        public BasicAuth getBasicAuth() {
            return basicAuth;
        }

        public @Nullable String getBearerToken() {
            return bearerToken;
        }

        public Ssl getSsl() {
            return ssl;
        }

        public void setBearerToken(@Nullable String bearerToken) {
            this.bearerToken = bearerToken;
        }

        @Override
        public String toString() {
            return "SchemaRegistry[url=" + url + ", basicAuth=" + basicAuth + ", bearerToken="
                    + (bearerToken == null ? null : "[hidden]") + ", ssl.bundle=" + ssl.getBundle() + "]";
        }

        /** User and password for the registry's basic authentication. */
        public static class BasicAuth {

            /** User name. */
            private @Nullable String username;

            /** Password. */
            private @Nullable String password;

            public @Nullable String getUsername() {
                return username;
            }

            public void setUsername(@Nullable String username) {
                this.username = username;
            }

            public @Nullable String getPassword() {
                return password;
            }

            public void setPassword(@Nullable String password) {
                this.password = password;
            }

            @Override
            public String toString() {
                return "BasicAuth[username=" + username + ", password=" + (password == null ? null : "[hidden]") + "]";
            }
        }
    }

    public static class Security {

        /**
         * How connections to the brokers are secured: PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL
         * (security.protocol). Left unset it is PLAINTEXT, or SSL when ssl.bundle is set.
         */
        private @Nullable String protocol;

        public @Nullable String getProtocol() {
            return protocol;
        }

        public void setProtocol(@Nullable String protocol) {
            this.protocol = protocol;
        }
    }

    /** {@code quill.producer.sasl.*}: SASL credentials without writing a JAAS configuration. */
    public static class Sasl {

        /** SASL mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512 (sasl.mechanism). Required with username. */
        private @Nullable String mechanism;

        /** User name to authenticate as; with password it makes sasl.jaas.config. */
        private @Nullable String username;

        /** Password of the user; never logged or shown in failure messages. */
        private @Nullable String password;

        public @Nullable String getMechanism() {
            return mechanism;
        }

        public void setMechanism(@Nullable String mechanism) {
            this.mechanism = mechanism;
        }

        public @Nullable String getUsername() {
            return username;
        }

        public void setUsername(@Nullable String username) {
            this.username = username;
        }

        public @Nullable String getPassword() {
            return password;
        }

        public void setPassword(@Nullable String password) {
            this.password = password;
        }

        @Override
        public String toString() {
            return "Sasl[mechanism=" + mechanism + ", username=" + username + ", password="
                    + (password == null ? null : "[hidden]") + "]";
        }
    }

    /** {@code quill.producer.ssl.*}, and {@code quill.producer.schema-registry.ssl.*}. */
    public static class Ssl {

        /**
         * Name of a Spring Boot SSL bundle (spring.ssl.bundle.*) whose trust store, key store and options secure the
         * connections (to the brokers, or to the Schema Registry); replaces the ssl.* (or schema.registry.ssl.*)
         * store settings.
         */
        private @Nullable String bundle;

        public @Nullable String getBundle() {
            return bundle;
        }

        public void setBundle(@Nullable String bundle) {
            this.bundle = bundle;
        }
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public @Nullable List<String> getBootstrapServers() {
        return bootstrapServers;
    }

    public void setBootstrapServers(@Nullable List<String> bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    public @Nullable String getClientId() {
        return clientId;
    }

    public void setClientId(@Nullable String clientId) {
        this.clientId = clientId;
    }

    public String getKeySerializer() {
        return keySerializer;
    }

    public void setKeySerializer(String keySerializer) {
        this.keySerializer = keySerializer;
    }

    public String getValueSerializer() {
        return valueSerializer;
    }

    public void setValueSerializer(String valueSerializer) {
        this.valueSerializer = valueSerializer;
    }

    public @Nullable String getAcks() {
        return acks;
    }

    public void setAcks(@Nullable String acks) {
        this.acks = acks;
    }

    public @Nullable Boolean getEnableIdempotence() {
        return enableIdempotence;
    }

    public void setEnableIdempotence(@Nullable Boolean enableIdempotence) {
        this.enableIdempotence = enableIdempotence;
    }

    public @Nullable Integer getRetries() {
        return retries;
    }

    public void setRetries(@Nullable Integer retries) {
        this.retries = retries;
    }

    public @Nullable Duration getLinger() {
        return linger;
    }

    public void setLinger(@Nullable Duration linger) {
        this.linger = linger;
    }

    public @Nullable DataSize getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(@Nullable DataSize batchSize) {
        this.batchSize = batchSize;
    }

    public @Nullable DataSize getBufferMemory() {
        return bufferMemory;
    }

    public void setBufferMemory(@Nullable DataSize bufferMemory) {
        this.bufferMemory = bufferMemory;
    }

    public @Nullable String getCompressionType() {
        return compressionType;
    }

    public void setCompressionType(@Nullable String compressionType) {
        this.compressionType = compressionType;
    }

    public @Nullable Integer getMaxInFlightRequestsPerConnection() {
        return maxInFlightRequestsPerConnection;
    }

    public void setMaxInFlightRequestsPerConnection(@Nullable Integer maxInFlightRequestsPerConnection) {
        this.maxInFlightRequestsPerConnection = maxInFlightRequestsPerConnection;
    }

    public @Nullable Duration getDeliveryTimeout() {
        return deliveryTimeout;
    }

    public void setDeliveryTimeout(@Nullable Duration deliveryTimeout) {
        this.deliveryTimeout = deliveryTimeout;
    }

    public @Nullable Duration getRequestTimeout() {
        return requestTimeout;
    }

    public void setRequestTimeout(@Nullable Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    public @Nullable Duration getMaxBlock() {
        return maxBlock;
    }

    public void setMaxBlock(@Nullable Duration maxBlock) {
        this.maxBlock = maxBlock;
    }

    public @Nullable DataSize getMaxRequestSize() {
        return maxRequestSize;
    }

    public void setMaxRequestSize(@Nullable DataSize maxRequestSize) {
        this.maxRequestSize = maxRequestSize;
    }

    public @Nullable String getBufferFull() {
        return bufferFull;
    }

    public void setBufferFull(@Nullable String bufferFull) {
        this.bufferFull = bufferFull;
    }

    public @Nullable String getDefaultTopic() {
        return defaultTopic;
    }

    public void setDefaultTopic(@Nullable String defaultTopic) {
        this.defaultTopic = defaultTopic;
    }

    public @Nullable String getTransactionIdPrefix() {
        return transactionIdPrefix;
    }

    public void setTransactionIdPrefix(@Nullable String transactionIdPrefix) {
        this.transactionIdPrefix = transactionIdPrefix;
    }

    public int getTransactionPoolSize() {
        return transactionPoolSize;
    }

    public void setTransactionPoolSize(int transactionPoolSize) {
        this.transactionPoolSize = transactionPoolSize;
    }

    public int getTransactionConnectionsPerBroker() {
        return transactionConnectionsPerBroker;
    }

    public void setTransactionConnectionsPerBroker(int transactionConnectionsPerBroker) {
        this.transactionConnectionsPerBroker = transactionConnectionsPerBroker;
    }

    public boolean isAllowNonTransactional() {
        return allowNonTransactional;
    }

    public void setAllowNonTransactional(boolean allowNonTransactional) {
        this.allowNonTransactional = allowNonTransactional;
    }

    public @Nullable Duration getSendTimeout() {
        return sendTimeout;
    }

    public void setSendTimeout(@Nullable Duration sendTimeout) {
        this.sendTimeout = sendTimeout;
    }

    public boolean isObservationEnabled() {
        return observationEnabled;
    }

    public void setObservationEnabled(boolean observationEnabled) {
        this.observationEnabled = observationEnabled;
    }

    public Duration getCloseTimeout() {
        return closeTimeout;
    }

    public void setCloseTimeout(Duration closeTimeout) {
        this.closeTimeout = closeTimeout;
    }

    public Map<String, String> getProperties() {
        return properties;
    }

    public void setProperties(Map<String, String> properties) {
        this.properties = properties;
    }
}
