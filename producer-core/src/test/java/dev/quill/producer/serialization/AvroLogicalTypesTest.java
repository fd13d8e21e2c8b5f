package dev.quill.producer.serialization;

import static dev.quill.producer.serialization.AvroFrames.decode;
import static dev.quill.producer.serialization.AvroFrames.id;
import static dev.quill.producer.serialization.AvroFrames.latestId;
import static dev.quill.producer.serialization.AvroFrames.serializer;
import static dev.quill.producer.serialization.AvroFrames.uniqueTopic;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.quill.producer.testkit.SchemaRegistry;

/** Logical types given as their Java types, in generic and in specific records, decode to the same values. */
class AvroLogicalTypesTest {

    private static final Schema EVENT = new Schema.Parser().parse("""
            {"type":"record","name":"Event","namespace":"dev.quill.test","fields":[
              {"name":"price","type":{"type":"bytes","logicalType":"decimal","precision":10,"scale":2}},
              {"name":"id","type":{"type":"string","logicalType":"uuid"}},
              {"name":"day","type":{"type":"int","logicalType":"date"}},
              {"name":"millis","type":{"type":"long","logicalType":"timestamp-millis"}},
              {"name":"micros","type":{"type":"long","logicalType":"timestamp-micros"}},
              {"name":"maybe","type":["null",{"type":"int","logicalType":"date"}],"default":null}]}""");

    private static SchemaRegistry registry;

    @BeforeAll
    static void startRegistry() {
        registry = SchemaRegistry.shared();
    }

    @Test
    void genericRecordsTakeBigDecimalUuidLocalDateAndInstant() {
        Instant now = Instant.now();
        GenericRecord event = new GenericData.Record(EVENT);
        event.put("price", new BigDecimal("12.34"));
        event.put("id", UUID.fromString("6b1b8c3e-6f0a-4d8e-9d1c-0c9f6f2a5b7e"));
        event.put("day", LocalDate.of(2024, 2, 29));
        event.put("millis", now.truncatedTo(ChronoUnit.MILLIS));
        event.put("micros", now.truncatedTo(ChronoUnit.MICROS));
        event.put("maybe", LocalDate.of(2000, 1, 1));
        String topic = uniqueTopic("logical");

        byte[] bytes = serializer(registry.url(), false).serialize(topic, null, event);

        GenericRecord decoded = (GenericRecord) decode(registry, bytes);
        assertThat(decoded.get("price")).isEqualTo(new BigDecimal("12.34"));
        assertThat(decoded.get("id")).isEqualTo(UUID.fromString("6b1b8c3e-6f0a-4d8e-9d1c-0c9f6f2a5b7e"));
        assertThat(decoded.get("day")).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(decoded.get("millis")).isEqualTo(now.truncatedTo(ChronoUnit.MILLIS));
        assertThat(decoded.get("micros")).isEqualTo(now.truncatedTo(ChronoUnit.MICROS));
        assertThat(decoded.get("maybe")).isEqualTo(LocalDate.of(2000, 1, 1));
    }

    @Test
    void genericRecordsMayAlsoHoldTheRawValues() {
        GenericRecord event = new GenericData.Record(EVENT);
        event.put("price", java.nio.ByteBuffer.wrap(new BigDecimal("1.05").unscaledValue().toByteArray()));
        event.put("id", "6b1b8c3e-6f0a-4d8e-9d1c-0c9f6f2a5b7e");
        event.put("day", 1);
        event.put("millis", 1_000L);
        event.put("micros", 1_000_000L);
        event.put("maybe", null);

        byte[] bytes = serializer(registry.url(), false).serialize(uniqueTopic("raw-logical"), null, event);

        GenericRecord decoded = (GenericRecord) decode(registry, bytes);
        assertThat(decoded.get("price")).isEqualTo(new BigDecimal("1.05"));
        assertThat(decoded.get("day")).isEqualTo(LocalDate.of(1970, 1, 2));
        assertThat(decoded.get("millis")).isEqualTo(Instant.ofEpochSecond(1));
        assertThat(decoded.get("micros")).isEqualTo(Instant.ofEpochSecond(1));
        assertThat(decoded.get("maybe")).isNull();
    }

    @Test
    void specificRecordsUseTheirOwnModelsConversions() {
        Instant at = Instant.parse("2025-01-02T03:04:05.678Z");
        String topic = uniqueTopic("specific");

        byte[] bytes = serializer(registry.url(), false)
                .serialize(topic, null, new Payment("p-1", new BigDecimal("99.95"), at));

        assertThat(id(bytes)).isEqualTo(latestId(registry, topic + "-value"));
        GenericRecord decoded = (GenericRecord) decode(registry, bytes);
        assertThat(decoded.get("id")).hasToString("p-1");
        assertThat(decoded.get("amount")).isEqualTo(new BigDecimal("99.95"));
        assertThat(decoded.get("at")).isEqualTo(at);
    }
}
