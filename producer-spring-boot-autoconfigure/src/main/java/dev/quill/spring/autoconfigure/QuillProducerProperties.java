package dev.quill.spring.autoconfigure;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DataSizeUnit;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.util.unit.DataSize;
import org.springframework.util.unit.DataUnit;

/**
 * {@code quill.producer.*}: the producer's settings in Spring Boot's form (kebab-case, {@link Duration} and
 * {@link DataSize} values). Defaults are kafka-clients' (the core's); {@code properties.*} passes any other
 * Kafka producer key through unchanged and wins over the typed properties when both name the same key.
 */
@ConfigurationProperties("quill.producer")
public class QuillProducerProperties {

    static final String PREFIX = "quill.producer";

    /** Whether to auto-configure the producer, the template, health and metrics. */
    private boolean enabled = true;

    /**
     * Brokers to fetch the first metadata from, as host:port (Kafka's bootstrap.servers). Defaults to
     * localhost:9092, as Spring Boot's spring.kafka.bootstrap-servers does.
     */
    private List<String> bootstrapServers = new ArrayList<>(List.of("localhost:9092"));

    /** Name of this producer in broker logs, quotas and meter tags (client.id); generated when not set. */
    private String clientId;

    /**
     * Key serializer: string, bytes, byte-buffer, short, integer, long, float, double, boolean, uuid, void,
     * json, or the name of a class implementing dev.quill.producer.Serializer (kafka-clients' built-in
     * serializer class names work too).
     */
    private String keySerializer = "string";

    /** Value serializer: the same choices as key-serializer; json uses the application's JsonMapper. */
    private String valueSerializer = "string";

    /** Acknowledgements the leader waits for before answering: all (or -1), 1, or 0 (acks). */
    private String acks = "all";

    /**
     * Whether each record is written exactly once per partition despite retries (enable.idempotence). Left
     * unset it is on, unless acks or retries make it impossible; set to true it makes them fail instead.
     */
    private Boolean enableIdempotence;

    /** How many times a retriable failure is retried, within delivery-timeout (retries). */
    private Integer retries = Integer.MAX_VALUE;

    /** How long to wait for more records before sending a batch that is not full (linger.ms). */
    @DurationUnit(ChronoUnit.MILLIS)
    private Duration linger = Duration.ofMillis(5);

    /** Upper bound of a batch per partition (batch.size). */
    @DataSizeUnit(DataUnit.BYTES)
    private DataSize batchSize = DataSize.ofBytes(16384);

    /** Memory for records waiting to be sent (buffer.memory). */
    @DataSizeUnit(DataUnit.BYTES)
    private DataSize bufferMemory = DataSize.ofBytes(33554432);

    /** Compression of record batches: none, gzip, snappy, lz4 or zstd (compression.type). */
    private String compressionType = "none";

    /** Unanswered requests per broker connection (max.in.flight.requests.per.connection). */
    private Integer maxInFlightRequestsPerConnection = 5;

    /**
     * Bound on the whole life of a record, retries included (delivery.timeout.ms). Left unset it is 2 minutes,
     * raised to linger + request-timeout when those add up to more.
     */
    @DurationUnit(ChronoUnit.MILLIS)
    private Duration deliveryTimeout;

    /** How long to wait for a broker's answer to one request (request.timeout.ms). */
    @DurationUnit(ChronoUnit.MILLIS)
    private Duration requestTimeout = Duration.ofMillis(30000);

    /**
     * How long a send may wait for buffer memory, and a record for its topic's metadata (max.block.ms).
     */
    @DurationUnit(ChronoUnit.MILLIS)
    private Duration maxBlock = Duration.ofMillis(60000);

    /** Upper bound of one request, and so of one record (max.request.size). */
    @DataSizeUnit(DataUnit.BYTES)
    private DataSize maxRequestSize = DataSize.ofBytes(1048576);

    /**
     * What a send does when buffer-memory is full: block (wait up to max-block, as kafka-clients does) or fail
     * at once with BufferExhaustedException (buffer.full.policy).
     */
    private String bufferFull = "block";

    /** Topic of ProducerTemplate.sendDefault. */
    private String defaultTopic;

    /**
     * How long ProducerTemplate.sendAndWait waits for an acknowledgement when not given a timeout. Running out
     * does not cancel the send.
     */
    private Duration sendTimeout = Duration.ofSeconds(30);

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

    public Security getSecurity() {
        return security;
    }

    public Sasl getSasl() {
        return sasl;
    }

    public Ssl getSsl() {
        return ssl;
    }

    /** {@code quill.producer.security.*}. */
    public static class Security {

        /**
         * How connections to the brokers are secured: PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL
         * (security.protocol). Left unset it is PLAINTEXT, or SSL when ssl.bundle is set.
         */
        private String protocol;

        public String getProtocol() {
            return protocol;
        }

        public void setProtocol(String protocol) {
            this.protocol = protocol;
        }
    }

    /** {@code quill.producer.sasl.*}: SASL credentials without writing a JAAS configuration. */
    public static class Sasl {

        /** SASL mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512 (sasl.mechanism). Required with username. */
        private String mechanism;

        /** User name to authenticate as; with password it makes sasl.jaas.config. */
        private String username;

        /** Password of the user; never logged or shown in failure messages. */
        private String password;

        public String getMechanism() {
            return mechanism;
        }

        public void setMechanism(String mechanism) {
            this.mechanism = mechanism;
        }

        public String getUsername() {
            return username;
        }

        public void setUsername(String username) {
            this.username = username;
        }

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }

        @Override
        public String toString() {
            return "Sasl[mechanism=" + mechanism + ", username=" + username + ", password="
                    + (password == null ? null : "[hidden]") + "]";
        }
    }

    /** {@code quill.producer.ssl.*}. */
    public static class Ssl {

        /**
         * Name of a Spring Boot SSL bundle (spring.ssl.bundle.*) whose trust store, key store and options secure
         * the connections; replaces the ssl.* key and trust store settings.
         */
        private String bundle;

        public String getBundle() {
            return bundle;
        }

        public void setBundle(String bundle) {
            this.bundle = bundle;
        }
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public List<String> getBootstrapServers() {
        return bootstrapServers;
    }

    public void setBootstrapServers(List<String> bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
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

    public String getAcks() {
        return acks;
    }

    public void setAcks(String acks) {
        this.acks = acks;
    }

    public Boolean getEnableIdempotence() {
        return enableIdempotence;
    }

    public void setEnableIdempotence(Boolean enableIdempotence) {
        this.enableIdempotence = enableIdempotence;
    }

    public Integer getRetries() {
        return retries;
    }

    public void setRetries(Integer retries) {
        this.retries = retries;
    }

    public Duration getLinger() {
        return linger;
    }

    public void setLinger(Duration linger) {
        this.linger = linger;
    }

    public DataSize getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(DataSize batchSize) {
        this.batchSize = batchSize;
    }

    public DataSize getBufferMemory() {
        return bufferMemory;
    }

    public void setBufferMemory(DataSize bufferMemory) {
        this.bufferMemory = bufferMemory;
    }

    public String getCompressionType() {
        return compressionType;
    }

    public void setCompressionType(String compressionType) {
        this.compressionType = compressionType;
    }

    public Integer getMaxInFlightRequestsPerConnection() {
        return maxInFlightRequestsPerConnection;
    }

    public void setMaxInFlightRequestsPerConnection(Integer maxInFlightRequestsPerConnection) {
        this.maxInFlightRequestsPerConnection = maxInFlightRequestsPerConnection;
    }

    public Duration getDeliveryTimeout() {
        return deliveryTimeout;
    }

    public void setDeliveryTimeout(Duration deliveryTimeout) {
        this.deliveryTimeout = deliveryTimeout;
    }

    public Duration getRequestTimeout() {
        return requestTimeout;
    }

    public void setRequestTimeout(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    public Duration getMaxBlock() {
        return maxBlock;
    }

    public void setMaxBlock(Duration maxBlock) {
        this.maxBlock = maxBlock;
    }

    public DataSize getMaxRequestSize() {
        return maxRequestSize;
    }

    public void setMaxRequestSize(DataSize maxRequestSize) {
        this.maxRequestSize = maxRequestSize;
    }

    public String getBufferFull() {
        return bufferFull;
    }

    public void setBufferFull(String bufferFull) {
        this.bufferFull = bufferFull;
    }

    public String getDefaultTopic() {
        return defaultTopic;
    }

    public void setDefaultTopic(String defaultTopic) {
        this.defaultTopic = defaultTopic;
    }

    public Duration getSendTimeout() {
        return sendTimeout;
    }

    public void setSendTimeout(Duration sendTimeout) {
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
