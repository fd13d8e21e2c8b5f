package dev.quill.producer.internal.avro;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

import org.apache.avro.Conversions;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Writes Confluent's framing: the magic byte 0, four bytes for the schema id (zero here, written once the id is
 * known, see {@link #writeId}), then the value in Avro binary. A {@code bytes} value is written as it is, without
 * Avro's length prefix, as Confluent's serializer does.
 */
final class AvroDatumEncoder {

    static final int HEADER_SIZE = 5;
    private static final byte MAGIC_BYTE = 0;

    /**
     * Generic data that also writes the Java types of Avro's logical types (BigDecimal, UUID, LocalDate, Instant,
     * ...), so that a GenericRecord may hold either those or the raw int/long/bytes values.
     */
    private static final GenericData GENERIC = genericDataWithConversions();

    private AvroDatumEncoder() {
    }

    static boolean isSpecific(Object value) {
        return value instanceof SpecificRecord || value instanceof Enum<?>;
    }

    static DatumWriter<Object> writerFor(Object value, Schema schema) {
        if (isSpecific(value)) {
            // Generated classes register their own logical-type conversions in their SpecificData.
            return new SpecificDatumWriter<>(schema, SpecificData.getForSchema(schema));
        }
        return new GenericDatumWriter<>(schema, GENERIC);
    }

    /** The framed bytes with a zero id. */
    static byte[] encode(Object value, Schema schema, DatumWriter<Object> writer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        out.write(MAGIC_BYTE);
        out.write(0);
        out.write(0);
        out.write(0);
        out.write(0);
        if (schema.getType() == Schema.Type.BYTES && value instanceof byte[] bytes) {
            out.writeBytes(bytes);
        } else if (schema.getType() == Schema.Type.BYTES && value instanceof ByteBuffer buffer) {
            ByteBuffer view = buffer.duplicate();
            byte[] bytes = new byte[view.remaining()];
            view.get(bytes);
            out.writeBytes(bytes);
        } else {
            try {
                BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
                writer.write(value, encoder);
                encoder.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e); // a ByteArrayOutputStream does not throw
            }
        }
        return out.toByteArray();
    }

    /** Writes the id big-endian into bytes 1..4. */
    static void writeId(byte[] framed, int id) {
        framed[1] = (byte) (id >>> 24);
        framed[2] = (byte) (id >>> 16);
        framed[3] = (byte) (id >>> 8);
        framed[4] = (byte) id;
    }

    private static GenericData genericDataWithConversions() {
        GenericData data = new GenericData();
        data.addLogicalTypeConversion(new Conversions.DecimalConversion());
        data.addLogicalTypeConversion(new Conversions.BigDecimalConversion());
        data.addLogicalTypeConversion(new Conversions.UUIDConversion());
        data.addLogicalTypeConversion(new Conversions.DurationConversion());
        data.addLogicalTypeConversion(new TimeConversions.DateConversion());
        data.addLogicalTypeConversion(new TimeConversions.TimeMillisConversion());
        data.addLogicalTypeConversion(new TimeConversions.TimeMicrosConversion());
        data.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        data.addLogicalTypeConversion(new TimeConversions.TimestampMicrosConversion());
        data.addLogicalTypeConversion(new TimeConversions.TimestampNanosConversion());
        data.addLogicalTypeConversion(new TimeConversions.LocalTimestampMillisConversion());
        data.addLogicalTypeConversion(new TimeConversions.LocalTimestampMicrosConversion());
        data.addLogicalTypeConversion(new TimeConversions.LocalTimestampNanosConversion());
        return data;
    }
}
