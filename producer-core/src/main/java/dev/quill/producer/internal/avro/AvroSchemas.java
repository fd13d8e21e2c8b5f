package dev.quill.producer.internal.avro;

import java.nio.ByteBuffer;
import java.util.regex.Pattern;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;

import dev.quill.producer.errors.SerializationException;

/** The schema a value is written with, as Confluent's serializer derives it. */
final class AvroSchemas {

    private static final Schema BOOLEAN = Schema.create(Schema.Type.BOOLEAN);
    private static final Schema INT = Schema.create(Schema.Type.INT);
    private static final Schema LONG = Schema.create(Schema.Type.LONG);
    private static final Schema FLOAT = Schema.create(Schema.Type.FLOAT);
    private static final Schema DOUBLE = Schema.create(Schema.Type.DOUBLE);
    private static final Schema STRING = Schema.create(Schema.Type.STRING);
    private static final Schema BYTES = Schema.create(Schema.Type.BYTES);

    /**
     * In {@link Schema#toString()}'s compact JSON every property follows a value, so it starts with a comma; inside
     * a JSON string a quote is always escaped, so this cannot match the text of a doc or default.
     */
    private static final Pattern JAVA_STRING_PROPERTY = Pattern.compile(",\"avro\\.java\\.string\":\"[A-Za-z]+\"");

    private AvroSchemas() {
    }

    /** Records, enums, fixed and arrays carry their schema; Java primitives get Avro's primitive schemas. */
    static Schema of(Object value) {
        if (value instanceof GenericContainer container) {
            return container.getSchema();
        }
        if (value instanceof CharSequence) {
            return STRING;
        }
        if (value instanceof Integer) {
            return INT;
        }
        if (value instanceof Long) {
            return LONG;
        }
        if (value instanceof byte[] || value instanceof ByteBuffer) {
            return BYTES;
        }
        if (value instanceof Boolean) {
            return BOOLEAN;
        }
        if (value instanceof Double) {
            return DOUBLE;
        }
        if (value instanceof Float) {
            return FLOAT;
        }
        throw new SerializationException("The Avro serializer cannot write a " + value.getClass().getName()
                + ": supported are null, Boolean, Integer, Long, Float, Double, CharSequence, byte[], ByteBuffer "
                + "and Avro's GenericContainer types (GenericRecord, SpecificRecord, enum symbols, fixed, arrays)");
    }

    /**
     * The schema without {@code avro.java.string} properties, which Avro's code generator adds and which would
     * otherwise make the registry see a Java-only detail as a different schema.
     */
    static Schema withoutJavaProperties(Schema schema) {
        String text = schema.toString();
        String stripped = JAVA_STRING_PROPERTY.matcher(text).replaceAll("");
        return stripped.equals(text) ? schema : new Schema.Parser().parse(stripped);
    }

    /** The name a subject name strategy uses: only records have one for it, as in Confluent's strategies. */
    static String recordName(Schema schema) {
        return schema.getType() == Schema.Type.RECORD ? schema.getFullName() : null;
    }
}
