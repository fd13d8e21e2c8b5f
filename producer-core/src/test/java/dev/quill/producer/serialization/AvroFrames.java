package dev.quill.producer.serialization;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.avro.Conversions;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.DecoderFactory;

import dev.quill.producer.internal.json.Json;
import dev.quill.producer.testkit.SchemaRegistry;

/**
 * Reads Confluent's framing back as a consumer would: magic byte, schema id, then Avro binary decoded with the schema
 * the registry gives for that id (not the one the test wrote with).
 */
final class AvroFrames {

    private static final AtomicInteger SUBJECT_SEQUENCE = new AtomicInteger();

    private AvroFrames() {
    }

    /** A topic name no other test uses, so subjects do not collide in the shared registry. */
    static String uniqueTopic(String prefix) {
        return prefix + "-" + SUBJECT_SEQUENCE.incrementAndGet() + "-" + Long.toHexString(System.nanoTime());
    }

    static int id(byte[] framed) {
        assertThat(framed).hasSizeGreaterThanOrEqualTo(5);
        assertThat(framed[0]).as("magic byte").isZero();
        return ByteBuffer.wrap(framed, 1, 4).getInt();
    }

    static byte[] body(byte[] framed) {
        return Arrays.copyOfRange(framed, 5, framed.length);
    }

    /** The registry's schema for the frame's id. */
    static Schema writerSchema(SchemaRegistry registry, byte[] framed) {
        String json = registry.schemaById(id(framed));
        return new Schema.Parser().parse((String) Json.parseObject(json).get("schema"));
    }

    /** The value, decoded with the registry's schema for the frame's id and logical types converted. */
    static Object decode(SchemaRegistry registry, byte[] framed) {
        Schema schema = writerSchema(registry, framed);
        GenericData data = new GenericData();
        data.addLogicalTypeConversion(new Conversions.DecimalConversion());
        data.addLogicalTypeConversion(new Conversions.UUIDConversion());
        data.addLogicalTypeConversion(new TimeConversions.DateConversion());
        data.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        data.addLogicalTypeConversion(new TimeConversions.TimestampMicrosConversion());
        try {
            return new GenericDatumReader<>(schema, schema, data)
                    .read(null, DecoderFactory.get().binaryDecoder(body(framed), null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The id the registry holds for the subject's latest version. */
    static int latestId(SchemaRegistry registry, String subject) {
        return ((Number) Json.parseObject(registry.latest(subject)).get("id")).intValue();
    }

    /** A configured value serializer for the registry, with extra keys. */
    static AvroSerializer serializer(String url, boolean isKey, Object... keysAndValues) {
        Map<String, Object> configs = new HashMap<>();
        configs.put("schema.registry.url", url);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            configs.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        AvroSerializer serializer = new AvroSerializer();
        serializer.configure(configs, isKey);
        return serializer;
    }
}
