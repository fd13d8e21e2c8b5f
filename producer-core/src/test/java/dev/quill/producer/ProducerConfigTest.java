package dev.quill.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.quill.producer.errors.ConfigException;
import dev.quill.producer.internal.config.ConfigKey;
import dev.quill.producer.internal.config.ProducerConfigKeys;
import dev.quill.producer.internal.config.Support;
import dev.quill.producer.serialization.LongSerializer;
import dev.quill.producer.serialization.StringSerializer;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

class ProducerConfigTest {

    private static final String KAFKA_STRING_SERIALIZER = "org.apache.kafka.common.serialization.StringSerializer";

    /** Keys whose Quill default differs from kafka-clients' on purpose; each is documented on ProducerConfig. */
    private static final Set<String> DOCUMENTED_DEFAULT_EXCEPTIONS =
            Set.of("bootstrap.servers", "metric.reporters", "enable.metrics.push");

    private static Map<String, Object> minimal() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bootstrap.servers", "localhost:9092");
        return m;
    }

    private static Map<String, Object> with(Object... keyValues) {
        Map<String, Object> m = minimal();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    private static boolean kafkaAccepts(Map<String, Object> config) {
        Map<String, Object> m = new HashMap<>(config);
        m.putIfAbsent("key.serializer", KAFKA_STRING_SERIALIZER);
        m.putIfAbsent("value.serializer", KAFKA_STRING_SERIALIZER);
        try {
            new org.apache.kafka.clients.producer.ProducerConfig(m);
            return true;
        } catch (org.apache.kafka.common.config.ConfigException e) {
            return false;
        }
    }

    /** Runs from(), returns null when accepted, else the exception's message. */
    private static String quillRejects(Map<String, Object> config) {
        try {
            ProducerConfig.from(config);
            return null;
        } catch (ConfigException e) {
            return e.getMessage();
        }
    }

    // ---- the key table against kafka-clients -----------------------------------------------------------

    @Test
    void everyKafkaKeyIsKnownAndNothingElseButQuillsOwn() {
        Set<String> kafka = org.apache.kafka.clients.producer.ProducerConfig.configNames();
        assertThat(ProducerConfig.configNames()).containsAll(kafka);
        Set<String> extra = new TreeSet<>(ProducerConfig.configNames());
        extra.removeAll(kafka);
        assertThat(extra).containsExactly("buffer.full.policy");
    }

    @Test
    void typesEqualKafkaClients() {
        Map<String, ConfigDef.ConfigKey> kafka = org.apache.kafka.clients.producer.ProducerConfig.configDef().configKeys();
        for (ConfigDef.ConfigKey k : kafka.values()) {
            assertThat(ProducerConfigKeys.get(k.name).type().name()).as(k.name).isEqualTo(k.type.name());
        }
    }

    @Test
    void defaultsEqualKafkaClientsExceptTheDocumentedOnes() {
        Map<String, Object> kafkaDefaults = org.apache.kafka.clients.producer.ProducerConfig.configDef().defaultValues();
        assertThat(kafkaDefaults.keySet()).containsAll(DOCUMENTED_DEFAULT_EXCEPTIONS);
        for (Map.Entry<String, Object> e : kafkaDefaults.entrySet()) {
            if (DOCUMENTED_DEFAULT_EXCEPTIONS.contains(e.getKey())) {
                continue;
            }
            Object expected = e.getValue() instanceof Class<?> c ? c.getName() : e.getValue();
            assertThat(ProducerConfig.defaultValue(e.getKey())).as(e.getKey()).isEqualTo(expected);
        }
        assertThat(ProducerConfig.defaultValue("metric.reporters")).isEqualTo(List.of());
        assertThat(ProducerConfig.defaultValue("enable.metrics.push")).isEqualTo(false);
        assertThat(ProducerConfig.defaultValue("bootstrap.servers")).isNull();
        // No default in either client.
        for (String key : List.of("key.serializer", "value.serializer")) {
            assertThat(kafkaDefaults).doesNotContainKey(key);
            assertThat(ProducerConfigKeys.get(key).hasDefault()).isFalse();
        }
    }

    @Test
    void effectiveValuesOfAMinimalConfigAreTheDefaults() {
        ProducerConfig config = ProducerConfig.from(minimal());
        Map<String, Object> kafkaDefaults = org.apache.kafka.clients.producer.ProducerConfig.configDef().defaultValues();
        for (Map.Entry<String, Object> e : kafkaDefaults.entrySet()) {
            String key = e.getKey();
            if (DOCUMENTED_DEFAULT_EXCEPTIONS.contains(key) || key.equals("client.id")) {
                continue;
            }
            Object expected = e.getValue() instanceof Class<?> c ? c.getName() : e.getValue();
            assertThat(config.values().get(key)).as(key).isEqualTo(expected);
        }
        assertThat(config.acks()).isEqualTo(Acks.ALL);
        assertThat(config.idempotenceEnabled()).isTrue();
        assertThat(config.retries()).isEqualTo(Integer.MAX_VALUE);
        assertThat(config.lingerMs()).isEqualTo(5);
        assertThat(config.batchSize()).isEqualTo(16384);
        assertThat(config.bufferMemory()).isEqualTo(33554432L);
        assertThat(config.maxBlockMs()).isEqualTo(60000);
        assertThat(config.maxRequestSize()).isEqualTo(1048576);
        assertThat(config.compressionType()).isEqualTo(CompressionType.NONE);
        assertThat(config.compressionLevel()).isEmpty();
        assertThat(config.compressionGzipLevel()).isEqualTo(-1);
        assertThat(config.compressionLz4Level()).isEqualTo(9);
        assertThat(config.compressionZstdLevel()).isEqualTo(3);
        assertThat(config.maxInFlightRequestsPerConnection()).isEqualTo(5);
        assertThat(config.deliveryTimeoutMs()).isEqualTo(120000);
        assertThat(config.requestTimeoutMs()).isEqualTo(30000);
        assertThat(config.retryBackoffMs()).isEqualTo(100);
        assertThat(config.retryBackoffMaxMs()).isEqualTo(1000);
        assertThat(config.reconnectBackoffMs()).isEqualTo(50);
        assertThat(config.reconnectBackoffMaxMs()).isEqualTo(1000);
        assertThat(config.metadataMaxAgeMs()).isEqualTo(300000);
        assertThat(config.metadataMaxIdleMs()).isEqualTo(300000);
        assertThat(config.metadataRecoveryStrategy()).isEqualTo("rebootstrap");
        assertThat(config.metadataRecoveryRebootstrapTriggerMs()).isEqualTo(300000);
        assertThat(config.partitionerClass()).isNull();
        assertThat(config.partitionerIgnoreKeys()).isFalse();
        assertThat(config.partitionerAdaptivePartitioningEnable()).isTrue();
        assertThat(config.partitionerAvailabilityTimeoutMs()).isZero();
        assertThat(config.sendBufferBytes()).isEqualTo(131072);
        assertThat(config.receiveBufferBytes()).isEqualTo(32768);
        assertThat(config.connectionsMaxIdleMs()).isEqualTo(540000);
        assertThat(config.socketConnectionSetupTimeoutMs()).isEqualTo(10000);
        assertThat(config.socketConnectionSetupTimeoutMaxMs()).isEqualTo(30000);
        assertThat(config.clientDnsLookup()).isEqualTo("use_all_dns_ips");
        assertThat(config.securityProtocol()).isEqualTo("PLAINTEXT");
        assertThat(config.keySerializerClass()).isNull();
        assertThat(config.valueSerializerClass()).isNull();
        assertThat(config.bufferFullPolicy()).isEqualTo(BufferFullPolicy.BLOCK);
        assertThat(config.warnings()).isEmpty();
        assertThat(config.unknownKeys()).isEmpty();
    }

    // ---- value parsing and validation, in parity with kafka-clients --------------------------------------

    @Test
    void numericKeysAcceptAndRejectTheSameValuesAsKafkaClients() {
        List<Object> candidates = List.of("-2", "-1", "0", "1", "9", "17", "22", "23", "4999", "5000", "3600",
                String.valueOf(Integer.MAX_VALUE), String.valueOf(Integer.MAX_VALUE + 1L), String.valueOf(Long.MAX_VALUE),
                "-131072", "-131073", "x", " 7 ", "1.5");
        List<String> checked = new ArrayList<>();
        for (ConfigKey key : ProducerConfigKeys.all().values()) {
            boolean numeric = switch (key.type()) {
                case INT, LONG -> true;
                default -> false;
            };
            // delivery.timeout.ms: kafka-clients checks linger + request timeout in KafkaProducer, tested below.
            if (!numeric || key.support() == Support.NOT_SUPPORTED || key.name().equals("delivery.timeout.ms")) {
                continue;
            }
            for (Object value : candidates) {
                Map<String, Object> config = with(key.name(), value);
                String rejection = quillRejects(config);
                assertThat(rejection == null).as("%s=%s accepted (kafka-clients: %s; Quill: %s)", key.name(), value,
                        kafkaAccepts(config), rejection).isEqualTo(kafkaAccepts(config));
                if (rejection != null) {
                    assertThat(rejection).contains(key.name()).contains(String.valueOf(value));
                }
            }
            checked.add(key.name());
        }
        assertThat(checked).contains("batch.size", "linger.ms", "buffer.memory", "max.block.ms", "retries",
                "max.in.flight.requests.per.connection", "compression.gzip.level", "compression.zstd.level",
                "metadata.max.idle.ms", "receive.buffer.bytes", "request.timeout.ms");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "acks|all", "acks|-1", "acks|0", "acks|1", "acks|2", "acks|ALL", "acks|''", "acks| 1 ",
            "compression.type|none", "compression.type|gzip", "compression.type|snappy", "compression.type|lz4",
            "compression.type|zstd", "compression.type|GZIP", "compression.type|brotli",
            "client.dns.lookup|use_all_dns_ips", "client.dns.lookup|resolve_canonical_bootstrap_servers_only",
            "client.dns.lookup|default",
            "metadata.recovery.strategy|rebootstrap", "metadata.recovery.strategy|NONE", "metadata.recovery.strategy|x",
            "enable.idempotence|TRUE", "enable.idempotence| false ", "enable.idempotence|yes",
            "partitioner.ignore.keys|true", "partitioner.ignore.keys|1",
            "security.protocol|plaintext", "security.protocol|foo"})
    void stringAndBooleanKeysAcceptAndRejectTheSameValuesAsKafkaClients(String key, String value) {
        Map<String, Object> config = with(key, value);
        String rejection = quillRejects(config);
        assertThat(rejection == null).as("%s=%s: %s", key, value, rejection).isEqualTo(kafkaAccepts(config));
        if (rejection != null) {
            assertThat(rejection).startsWith("Invalid value " + value.trim() + " for configuration " + key + ": ");
        }
    }

    @Test
    void invalidValueMessagesReadLikeKafkaClients() {
        assertThatThrownBy(() -> ProducerConfig.from(with("batch.size", -1)))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid value -1 for configuration batch.size: Value must be at least 0");
        assertThatThrownBy(() -> ProducerConfig.from(with("acks", "2")))
                .hasMessage("Invalid value 2 for configuration acks: String must be one of: all, -1, 0, 1");
        assertThatThrownBy(() -> ProducerConfig.from(with("compression.type", "brotli")))
                .hasMessage("Invalid value brotli for configuration compression.type: "
                        + "String must be one of: none, gzip, snappy, lz4, zstd");
        assertThatThrownBy(() -> ProducerConfig.from(with("compression.gzip.level", 0)))
                .hasMessage("Invalid value 0 for configuration compression.gzip.level: "
                        + "Value must be between 1 and 9 or equal to -1");
        assertThatThrownBy(() -> ProducerConfig.from(with("compression.zstd.level", 23)))
                .hasMessage("Invalid value 23 for configuration compression.zstd.level: Value must be no more than 22");
        assertThatThrownBy(() -> ProducerConfig.from(with("linger.ms", "soon")))
                .hasMessage("Invalid value soon for configuration linger.ms: Not a number of type LONG");
        assertThatThrownBy(() -> ProducerConfig.from(with("batch.size", 1.5)))
                .hasMessage("Invalid value 1.5 for configuration batch.size: "
                        + "Expected value to be a 32-bit integer, but it was a java.lang.Double");
        assertThatThrownBy(() -> ProducerConfig.from(with("acks", 1)))
                .hasMessage("Invalid value 1 for configuration acks: "
                        + "Expected value to be a string, but it was a java.lang.Integer");
        assertThatThrownBy(() -> ProducerConfig.from(with("max.in.flight.requests.per.connection", 0)))
                .hasMessage("Invalid value 0 for configuration max.in.flight.requests.per.connection: "
                        + "Value must be at least 1");
        assertThatThrownBy(() -> ProducerConfig.from(with("retries", -1)))
                .hasMessage("Invalid value -1 for configuration retries: Value must be at least 0");
        assertThatThrownBy(() -> ProducerConfig.from(with("request.timeout.ms", 3_000_000_000L)))
                .hasMessageStartingWith("Invalid value 3000000000 for configuration request.timeout.ms: ");
        assertThatThrownBy(() -> ProducerConfig.from(with("buffer.full.policy", "drop")))
                .hasMessage("Invalid value drop for configuration buffer.full.policy: "
                        + "String must be one of (case insensitive): block, fail");
    }

    @Test
    void nullIsRefusedForKeysWithADefault() {
        Map<String, Object> config = minimal();
        config.put("linger.ms", null);
        assertThatThrownBy(() -> ProducerConfig.from(config))
                .hasMessage("Invalid value null for configuration linger.ms: Value must be non-null");
        Map<String, Object> nullClientId = minimal();
        nullClientId.put("client.id", null);
        assertThat(ProducerConfig.from(nullClientId).clientId()).startsWith("quill-producer-");
        Map<String, Object> nullSerializer = minimal();
        nullSerializer.put("key.serializer", null);
        assertThat(ProducerConfig.from(nullSerializer).keySerializerClass()).isNull();
    }

    @Test
    void valuesAreTakenAsStringsOrTheirOwnTypeAndIntegralNumbersWidenOrNarrowWhenTheyFit() {
        for (Object v : List.of("5", " 5 ", 5, 5L, (short) 5)) {
            assertThat(ProducerConfig.from(with("batch.size", v)).batchSize()).as("%s", v).isEqualTo(5);
            assertThat(ProducerConfig.from(with("linger.ms", v)).lingerMs()).as("%s", v).isEqualTo(5L);
        }
        assertThat(ProducerConfig.from(with("enable.idempotence", false)).idempotenceEnabled()).isFalse();
        assertThat(ProducerConfig.from(with("compression.type", CompressionType.ZSTD)).compressionType())
                .isEqualTo(CompressionType.ZSTD);
        assertThat(ProducerConfig.from(with("acks", Acks.LEADER)).acks()).isEqualTo(Acks.LEADER);
        assertThat(ProducerConfig.from(with("acks", Acks.NONE)).acks()).isEqualTo(Acks.NONE);
        assertThat(ProducerConfig.from(with("buffer.full.policy", BufferFullPolicy.FAIL)).bufferFullPolicy())
                .isEqualTo(BufferFullPolicy.FAIL);
        assertThat(ProducerConfig.from(with("buffer.full.policy", "FAIL")).bufferFullPolicy())
                .isEqualTo(BufferFullPolicy.FAIL);
    }

    // ---- bootstrap.servers --------------------------------------------------------------------------------

    @Test
    void bootstrapServersAreRequired() {
        assertThatThrownBy(() -> ProducerConfig.from(Map.of("linger.ms", 1)))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Missing required configuration bootstrap.servers which has no default value.");
        assertThatThrownBy(() -> ProducerConfig.from(Map.of("bootstrap.servers", " , ")))
                .hasMessageStartingWith("Invalid value  ,  for configuration bootstrap.servers: ")
                .hasMessageContaining("at least one host:port");
        assertThatThrownBy(() -> ProducerConfig.builder().bootstrapServers(List.of()).build())
                .hasMessageContaining("bootstrap.servers");
        assertThat(ProducerConfig.builder().bootstrapServers("a:1, b:2", "c:3").build().bootstrapServers())
                .containsExactly("a:1", "b:2", "c:3");
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "localhost:", ":9092", "localhost:99999", "localhost:0", "foo bar:9092",
            "host:port", "localhost:9092/x", "[::1]", "a:1,localhost"})
    void badBootstrapEntriesFailNamingTheKeyAndTheEntry(String value) {
        String bad = value.contains(",") ? "localhost" : value;
        assertThatThrownBy(() -> ProducerConfig.from(Map.of("bootstrap.servers", value)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Invalid value " + bad + " for configuration bootstrap.servers: ");
    }

    @Test
    void bootstrapEntriesAreNormalized() {
        ProducerConfig config = ProducerConfig.from(Map.of("bootstrap.servers",
                " PLAINTEXT://broker-1.example.com:9092 ,, [::1]:9093, fe80::1:9094,10.0.0.1:9095 "));
        assertThat(config.bootstrapServers())
                .containsExactly("broker-1.example.com:9092", "[::1]:9093", "[fe80::1]:9094", "10.0.0.1:9095");
        assertThat(config.bootstrapAddresses()).allMatch(a -> a.isUnresolved());
        assertThat(config.bootstrapAddresses().get(1).getHostString()).isEqualTo("::1");
        assertThat(config.bootstrapAddresses().get(1).getPort()).isEqualTo(9093);
        assertThat(ProducerConfig.from(Map.of("bootstrap.servers", List.of("a:1", " b:2 "))).bootstrapServers())
                .containsExactly("a:1", "b:2");
    }

    // ---- cross-key rules ------------------------------------------------------------------------------

    @Test
    void explicitDeliveryTimeoutBelowLingerPlusRequestTimeoutFails() {
        assertThatThrownBy(() -> ProducerConfig.from(with("delivery.timeout.ms", 1000)))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid value 1000 for configuration delivery.timeout.ms: must be at least "
                        + "linger.ms + request.timeout.ms (5 + 30000 = 30005)");
        assertThat(ProducerConfig.from(with("delivery.timeout.ms", 30005)).deliveryTimeoutMs()).isEqualTo(30005);
        assertThat(ProducerConfig.from(with("delivery.timeout.ms", 1000, "linger.ms", 0, "request.timeout.ms", 1000))
                .deliveryTimeoutMs()).isEqualTo(1000);
    }

    @Test
    void defaultedDeliveryTimeoutIsRaisedWithAWarning() {
        ProducerConfig config = ProducerConfig.from(with("request.timeout.ms", 200000, "linger.ms", 100));
        assertThat(config.deliveryTimeoutMs()).isEqualTo(200100);
        assertThat(config.warnings()).anySatisfy(w -> assertThat(w).contains("delivery.timeout.ms").contains("200100"));
        ProducerConfig huge = ProducerConfig.from(with("request.timeout.ms", Integer.MAX_VALUE, "linger.ms", Long.MAX_VALUE));
        assertThat(huge.deliveryTimeoutMs()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void explicitIdempotenceConflictsFailNamingTheConflictingSetting() {
        assertThatThrownBy(() -> ProducerConfig.from(with("enable.idempotence", "true", "acks", "1")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Invalid value 1 for configuration acks: must be all (or -1) when "
                        + "enable.idempotence=true");
        assertThatThrownBy(() -> ProducerConfig.from(with("enable.idempotence", true, "acks", "0")))
                .hasMessageStartingWith("Invalid value 0 for configuration acks:");
        assertThatThrownBy(() -> ProducerConfig.from(with("enable.idempotence", true, "retries", 0)))
                .hasMessage("Invalid value 0 for configuration retries: must be at least 1 when enable.idempotence=true");
        assertThatThrownBy(() -> ProducerConfig.from(with("enable.idempotence", true,
                "max.in.flight.requests.per.connection", 6)))
                .hasMessageStartingWith("Invalid value 6 for configuration max.in.flight.requests.per.connection: "
                        + "must be at most 5 when enable.idempotence=true");
        for (Map<String, Object> config : List.of(with("enable.idempotence", "true", "acks", "1"),
                with("enable.idempotence", true, "retries", 0))) {
            assertThat(kafkaAccepts(config)).isFalse();
        }
    }

    @Test
    void defaultedIdempotenceTurnsOffForAcksOrRetriesAsInKafkaClients() {
        for (Map<String, Object> config : List.of(with("acks", "1"), with("acks", "0"), with("retries", 0))) {
            ProducerConfig quill = ProducerConfig.from(config);
            assertThat(quill.idempotenceEnabled()).as("%s", config).isFalse();
            assertThat(quill.values().get("enable.idempotence")).isEqualTo(false);
            assertThat(kafkaAccepts(config)).isTrue();
        }
        assertThat(ProducerConfig.from(with("acks", "-1")).idempotenceEnabled()).isTrue();
    }

    @Test
    void moreThanFiveInFlightFailsEvenWithDefaultedIdempotenceAsInKafkaClients4() {
        Map<String, Object> config = with("max.in.flight.requests.per.connection", 6);
        assertThatThrownBy(() -> ProducerConfig.from(config))
                .hasMessageContaining("max.in.flight.requests.per.connection")
                .hasMessageContaining("6")
                .hasMessageContaining("enable.idempotence=false");
        assertThat(kafkaAccepts(config)).isFalse();
        Map<String, Object> off = with("max.in.flight.requests.per.connection", 10, "enable.idempotence", false);
        assertThat(ProducerConfig.from(off).maxInFlightRequestsPerConnection()).isEqualTo(10);
        assertThat(kafkaAccepts(off)).isTrue();
    }

    @Test
    void reconnectBackoffMaxFollowsAnExplicitBackoffAsInKafkaClients() {
        ProducerConfig config = ProducerConfig.from(with("reconnect.backoff.ms", 2000));
        assertThat(config.reconnectBackoffMaxMs()).isEqualTo(2000);
        assertThat(config.warnings()).anySatisfy(w -> assertThat(w).contains("reconnect.backoff.max.ms"));
        assertThat(ProducerConfig.from(with("reconnect.backoff.ms", 10)).reconnectBackoffMaxMs()).isEqualTo(10);
        assertThat(ProducerConfig.from(with("reconnect.backoff.ms", 2000, "reconnect.backoff.max.ms", 3000))
                .reconnectBackoffMaxMs()).isEqualTo(3000);
        var kafka = new org.apache.kafka.clients.producer.ProducerConfig(Map.of("bootstrap.servers", "x:1",
                "reconnect.backoff.ms", 2000, "key.serializer", KAFKA_STRING_SERIALIZER,
                "value.serializer", KAFKA_STRING_SERIALIZER));
        assertThat(kafka.getLong("reconnect.backoff.max.ms")).isEqualTo(2000L);
    }

    @Test
    void retryBackoffAboveItsMaximumIsAWarning() {
        ProducerConfig config = ProducerConfig.from(with("retry.backoff.ms", 5000));
        assertThat(config.retryBackoffMs()).isEqualTo(5000);
        assertThat(config.warnings()).anySatisfy(w -> assertThat(w).contains("retry.backoff.ms").contains("static"));
    }

    // ---- keys Quill does not honour ---------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ssl.engine.factory.class|com.example.EngineFactory", "sasl.oauthbearer.jwks.endpoint.url|https://idp/keys",
            "sasl.kerberos.service.name|kafka", "security.providers|x.Y",
            "transaction.two.phase.commit.enable|true",
            "sasl.login.class|com.example.Login"})
    void keysForLaterWorkFailAsNotSupportedYet(String key, String value) {
        assertThatThrownBy(() -> ProducerConfig.from(with(key, value)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Invalid value " + value + " for configuration " + key + ": not supported yet: ");
    }

    @Test
    void unsupportedKeysAtTheirDefaultAreFine() {
        ProducerConfig config = ProducerConfig.from(with("security.protocol", "plaintext", "ssl.protocol", "TLSv1.3",
                "sasl.mechanism", "GSSAPI", "interceptor.classes", "", "transaction.two.phase.commit.enable", false,
                "ssl.enabled.protocols", "TLSv1.2,TLSv1.3"));
        assertThat(config.securityProtocol()).isEqualTo("PLAINTEXT");
        assertThat(config.warnings()).isEmpty();
        assertThatThrownBy(() -> ProducerConfig.from(with("transactional.id", "")))
                .hasMessage("Invalid value  for configuration transactional.id: String must be non-empty");
    }

    @Test
    void secretsNeverAppearInMessages() {
        assertThatThrownBy(() -> ProducerConfig.from(with("sasl.client.callback.handler.class", "x.Y",
                "ssl.truststore.password", "hunter2")))
                .hasMessageStartingWith("Invalid value x.Y for configuration sasl.client.callback.handler.class: "
                        + "not supported yet: ")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> ProducerConfig.from(with("security.protocol", "SASL_SSL", "sasl.mechanism", "PLAIN",
                "sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required password=\"hunter2\";")))
                .hasMessageContaining("sasl.jaas.config")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> ProducerConfig.from(with("ssl.key.password", 42)))
                .hasMessageNotContaining("42");
    }

    @Test
    void keysWithoutEffectWarnWhenSetToSomethingElseThanTheDefault() {
        ProducerConfig config = ProducerConfig.from(with(
                "metric.reporters", "org.apache.kafka.common.metrics.JmxReporter",
                "enable.metrics.push", "true", "metrics.num.samples", 3, "metrics.recording.level", "INFO"));
        assertThat(config.warnings()).hasSize(3);
        assertThat(config.warnings()).anySatisfy(w -> assertThat(w).startsWith(
                "Configuration metric.reporters=org.apache.kafka.common.metrics.JmxReporter has no effect: "
                        + "Quill keeps its own metrics (QuillProducer.metrics()) and loads no metrics reporters"));
        assertThat(config.warnings()).anySatisfy(w -> assertThat(w).contains("enable.metrics.push=true"));
        assertThat(config.values().get("metrics.num.samples")).isEqualTo(3);
        assertThatThrownBy(() -> ProducerConfig.from(with("metrics.num.samples", 0)))
                .hasMessage("Invalid value 0 for configuration metrics.num.samples: Value must be at least 1");
    }

    @Test
    void aTransactionalIdImpliesIdempotenceWhichThenCannotGiveWay() {
        ProducerConfig config = ProducerConfig.from(with("transactional.id", "orders-tx", "transaction.timeout.ms", 90000));
        assertThat(config.transactionalId()).contains("orders-tx");
        assertThat(config.transactionTimeoutMs()).isEqualTo(90000);
        assertThat(config.idempotenceEnabled()).isTrue();
        assertThat(config.warnings()).isEmpty();
        assertThatThrownBy(() -> ProducerConfig.from(with("transactional.id", "orders-tx", "retries", 0)))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid value 0 for configuration retries: must be at least 1 when transactional.id is set "
                        + "(transactions need idempotence)");
        assertThatThrownBy(() -> ProducerConfig.from(with("transactional.id", "orders-tx", "enable.idempotence", false)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("enable.idempotence").hasMessageContaining("transactional.id is set");
    }

    @Test
    void partitionerAvailabilityTimeoutIsHonouredSoItIsNotWarnedAbout() {
        ProducerConfig config = ProducerConfig.from(with("partitioner.availability.timeout.ms", 500));
        assertThat(config.partitionerAvailabilityTimeoutMs()).isEqualTo(500);
        assertThat(config.warnings()).isEmpty();
    }

    @Test
    void unknownKeysWarnAndArePassedOn() {
        ProducerConfig config = ProducerConfig.from(with("orders.audit.topic", "audit",
                "key.serializer.encoding", "UTF-16", "lingr.ms", 5));
        assertThat(config.unknownKeys()).containsExactly("orders.audit.topic", "lingr.ms");
        assertThat(config.warnings()).singleElement().satisfies(w ->
                assertThat(w).contains("[orders.audit.topic, lingr.ms]"));
        assertThat(config.originals()).containsEntry("orders.audit.topic", "audit")
                .containsEntry("key.serializer.encoding", "UTF-16");
    }

    @Test
    void schemaRegistryKeysAreTheAvroSerializersSoTheyAreNotWarnedAbout() {
        ProducerConfig config = ProducerConfig.from(with("schema.registry.url", "http://sr:8081",
                "auto.register.schemas", "false", "use.latest.version", "true", "basic.auth.credentials.source",
                "USER_INFO", "basic.auth.user.info", "u:secret", "schema.registry.ssl.truststore.location", "/t.jks",
                "value.subject.name.strategy", "io.confluent.kafka.serializers.subject.RecordNameStrategy"));
        assertThat(config.unknownKeys()).isEmpty();
        assertThat(config.warnings()).isEmpty();
        assertThat(config.originals()).containsEntry("schema.registry.url", "http://sr:8081");
        assertThat(config.toString()).doesNotContain("u:secret");
    }

    // ---- builder -----------------------------------------------------------------------------------------

    @Test
    void builderSettersEqualTheKafkaKeys() {
        ProducerConfig built = ProducerConfig.builder()
                .bootstrapServers("a:1", "b:2")
                .clientId("orders")
                .acks(Acks.LEADER)
                .enableIdempotence(false)
                .retries(3)
                .linger(Duration.ofMillis(20))
                .batchSize(65536)
                .bufferMemory(64L << 20)
                .maxBlock(Duration.ofSeconds(5))
                .maxRequestSize(2 << 20)
                .compression(CompressionType.ZSTD, 7)
                .maxInFlightRequestsPerConnection(1)
                .deliveryTimeout(Duration.ofMinutes(3))
                .requestTimeout(Duration.ofSeconds(20))
                .retryBackoff(Duration.ofMillis(200))
                .retryBackoffMax(Duration.ofSeconds(2))
                .bufferFullPolicy(BufferFullPolicy.FAIL)
                .partitioner(RoundRobinPartitioner.class)
                .keySerializer(StringSerializer.class)
                .valueSerializer(KAFKA_STRING_SERIALIZER)
                .property("metadata.max.age.ms", "60000")
                .build();
        ProducerConfig fromMap = ProducerConfig.from(Map.ofEntries(
                Map.entry("bootstrap.servers", "a:1,b:2"), Map.entry("client.id", "orders"), Map.entry("acks", "1"),
                Map.entry("enable.idempotence", "false"), Map.entry("retries", "3"), Map.entry("linger.ms", "20"),
                Map.entry("batch.size", "65536"), Map.entry("buffer.memory", "67108864"),
                Map.entry("max.block.ms", "5000"), Map.entry("max.request.size", "2097152"),
                Map.entry("compression.type", "zstd"), Map.entry("compression.zstd.level", "7"),
                Map.entry("max.in.flight.requests.per.connection", "1"), Map.entry("delivery.timeout.ms", "180000"),
                Map.entry("request.timeout.ms", "20000"), Map.entry("retry.backoff.ms", "200"),
                Map.entry("retry.backoff.max.ms", "2000"), Map.entry("buffer.full.policy", "fail"),
                Map.entry("partitioner.class", "dev.quill.producer.RoundRobinPartitioner"),
                Map.entry("key.serializer", "dev.quill.producer.serialization.StringSerializer"),
                Map.entry("value.serializer", KAFKA_STRING_SERIALIZER), Map.entry("metadata.max.age.ms", "60000")));
        Map<String, Object> a = new HashMap<>(built.values());
        Map<String, Object> b = new HashMap<>(fromMap.values());
        a.put("partitioner.class", built.partitionerClass());
        a.put("key.serializer", built.keySerializerClass());
        assertThat(a).isEqualTo(b);
        assertThat(built.compressionLevel()).hasValue(7);
        assertThat(built.acks()).isEqualTo(Acks.LEADER);
        assertThat(built.bufferFullPolicy()).isEqualTo(BufferFullPolicy.FAIL);
        assertThat(built.toBuilder().linger(Duration.ZERO).build().lingerMs()).isZero();
        assertThat(built.lingerMs()).isEqualTo(20);
    }

    @Test
    void builderSettersCountAsExplicit() {
        assertThatThrownBy(() -> ProducerConfig.builder().bootstrapServers("a:1").enableIdempotence(true)
                .acks(Acks.NONE).build())
                .hasMessageStartingWith("Invalid value 0 for configuration acks:");
        assertThatThrownBy(() -> ProducerConfig.builder().bootstrapServers("a:1").deliveryTimeout(Duration.ofSeconds(1))
                .build())
                .hasMessageStartingWith("Invalid value 1000 for configuration delivery.timeout.ms:");
        assertThatThrownBy(() -> ProducerConfig.builder().bootstrapServers("a:1").linger(Duration.ofMillis(-1)).build())
                .hasMessage("Invalid value -1 for configuration linger.ms: Value must be at least 0");
        assertThatThrownBy(() -> ProducerConfig.builder().bootstrapServers("a:1")
                .requestTimeout(Duration.ofDays(30)).build())
                .hasMessageStartingWith("Invalid value 2592000000 for configuration request.timeout.ms:");
        assertThat(ProducerConfig.builder().bootstrapServers("a:1").maxBlock(Duration.ofSeconds(Long.MAX_VALUE))
                .build().maxBlockMs()).isEqualTo(Long.MAX_VALUE);
        assertThatThrownBy(() -> ProducerConfig.builder().compression(CompressionType.SNAPPY, 3))
                .isInstanceOf(ConfigException.class).hasMessageContaining("snappy has no compression level");
    }

    @Test
    void fromPropertiesAndNonStringKeys() {
        Properties props = new Properties();
        props.setProperty("bootstrap.servers", "a:1");
        props.setProperty("linger.ms", "7");
        assertThat(ProducerConfig.from(props).lingerMs()).isEqualTo(7);
        props.put(42, "x");
        assertThatThrownBy(() -> ProducerConfig.from(props)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("42");
    }

    @Test
    void originalsAndValuesAreImmutable() {
        ProducerConfig config = ProducerConfig.from(minimal());
        assertThatThrownBy(() -> config.originals().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> config.values().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> config.bootstrapServers().add("x:1")).isInstanceOf(UnsupportedOperationException.class);
        Map<String, Object> input = minimal();
        ProducerConfig copy = ProducerConfig.from(input);
        input.put("linger.ms", 99);
        assertThat(copy.lingerMs()).isEqualTo(5);
    }

    // ---- client id, printing -----------------------------------------------------------------------------

    @Test
    void clientIdIsGeneratedWhenEmpty() {
        String a = ProducerConfig.from(minimal()).clientId();
        String b = ProducerConfig.from(with("client.id", "")).clientId();
        assertThat(a).matches("quill-producer-\\d+");
        assertThat(b).matches("quill-producer-\\d+").isNotEqualTo(a);
        assertThat(ProducerConfig.from(with("client.id", " orders ")).clientId()).isEqualTo("orders");
    }

    @Test
    void toStringListsEffectiveValuesAndHidesUnknownValues() {
        String text = ProducerConfig.from(with("linger.ms", 0, "my.password", "hunter2", "schema.registry.url", "x"))
                .toString();
        assertThat(text).contains("\tacks = all\n", "\tlinger.ms = 0\n", "\tbootstrap.servers = [localhost:9092]\n",
                "\tssl.truststore.password = null\n", "\tbuffer.full.policy = block\n", "my.password");
        assertThat(text).doesNotContain("hunter2");
        assertThat(text.lines().filter(l -> l.startsWith("\t") && l.contains(" = ")).count())
                .isEqualTo(ProducerConfig.configNames().size() + 1);
    }

    // ---- plugins -----------------------------------------------------------------------------------------

    @Test
    void serializersComeFromTheirKeysAndAreConfigured() {
        ProducerConfig config = ProducerConfig.from(with("key.serializer", KAFKA_STRING_SERIALIZER,
                "value.serializer", LongSerializer.class, "key.serializer.encoding", "UTF-16"));
        assertThat(config.keySerializerClass()).isEqualTo(KAFKA_STRING_SERIALIZER);
        assertThat(config.valueSerializerClass()).isEqualTo(LongSerializer.class.getName());
        @SuppressWarnings("unchecked")
        Serializer<String> key = (Serializer<String>) config.newKeySerializer();
        assertThat(key.serialize("t", new Headers(), "a")).isEqualTo("a".getBytes(StandardCharsets.UTF_16));
        assertThat(config.newValueSerializer()).isInstanceOf(LongSerializer.class);
    }

    @Test
    void missingSerializerFailsOnlyWhenAsked() {
        ProducerConfig config = ProducerConfig.from(minimal());
        assertThatThrownBy(config::newKeySerializer).isInstanceOf(ConfigException.class)
                .hasMessage("Missing required configuration key.serializer which has no default value.");
        assertThatThrownBy(config::newValueSerializer)
                .hasMessage("Missing required configuration value.serializer which has no default value.");
    }

    @Test
    void unusableSerializerOrPartitionerClassFailsAtBuild() {
        assertThatThrownBy(() -> ProducerConfig.from(with("value.serializer", "com.example.Nope")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid value com.example.Nope for configuration value.serializer: "
                        + "Class com.example.Nope could not be found");
        assertThatThrownBy(() -> ProducerConfig.from(with("key.serializer",
                org.apache.kafka.common.serialization.BytesSerializer.class)))
                .hasMessageStartingWith("Invalid value org.apache.kafka.common.serialization.BytesSerializer "
                        + "for configuration key.serializer:");
        assertThatThrownBy(() -> ProducerConfig.from(with("partitioner.class", "java.lang.String")))
                .hasMessage("Invalid value java.lang.String for configuration partitioner.class: "
                        + "java.lang.String does not implement dev.quill.producer.Partitioner");
    }

    @Test
    void partitionerComesFromItsKeyAndIsConfigured() {
        assertThat(ProducerConfig.from(minimal()).newPartitioner()).isNull();
        assertThat(ProducerConfig.from(with("partitioner.class", "org.apache.kafka.clients.producer.RoundRobinPartitioner"))
                .newPartitioner()).isInstanceOf(RoundRobinPartitioner.class);
        ProducerConfig config = ProducerConfig.from(with("partitioner.class", Recording.class.getName(),
                "client.id", "", "custom.setting", "x"));
        Recording partitioner = (Recording) config.newPartitioner();
        assertThat(partitioner.configs).containsEntry("custom.setting", "x")
                .containsEntry("client.id", config.clientId());
    }

    public static final class Recording implements Partitioner {
        Map<String, Object> configs = Collections.emptyMap();

        @Override
        public void configure(Map<String, ?> configs) {
            this.configs = new HashMap<>(configs);
        }

        @Override
        public int partition(String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes,
                             List<PartitionInfo> partitions) {
            return USE_BUILT_IN;
        }
    }

    @Test
    void everyKafkaKeyCanBeGivenItsDefaultExplicitly() {
        // A configuration dumped from kafka-clients (all defaults spelled out) must be accepted.
        Map<String, Object> all = new HashMap<>(org.apache.kafka.clients.producer.ProducerConfig.configDef().defaultValues());
        all.values().removeIf(v -> v == null);
        all.put("bootstrap.servers", "localhost:9092");
        all.remove("metric.reporters");
        all.remove("enable.metrics.push");
        try {
            ProducerConfig config = ProducerConfig.from(all);
            assertThat(config.warnings()).isEmpty();
        } catch (ConfigException e) {
            fail("kafka-clients' own defaults were refused: " + e.getMessage());
        }
    }
}
