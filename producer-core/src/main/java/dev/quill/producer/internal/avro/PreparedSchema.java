package dev.quill.producer.internal.avro;

import org.apache.avro.Schema;
import org.apache.avro.io.DatumWriter;

/**
 * What the serializer works out once per schema rather than once per record: the form the registry sees, its
 * text, the name subject strategies use, and the datum writers.
 */
final class PreparedSchema {

    final Schema schema;
    /** The schema as registered: the cache key and the text sent. */
    final Schema registered;
    final String text;
    final String recordName;
    private final DatumWriter<Object> genericWriter;
    private volatile DatumWriter<Object> specificWriter;

    PreparedSchema(Schema schema, boolean removeJavaProperties) {
        this.schema = schema;
        this.registered = removeJavaProperties ? AvroSchemas.withoutJavaProperties(schema) : schema;
        this.text = registered.toString();
        this.recordName = AvroSchemas.recordName(schema);
        this.genericWriter = AvroDatumEncoder.writerFor(null, schema);
    }

    /** Generated classes get a writer that knows their logical-type conversions; the rest a generic one. */
    DatumWriter<Object> writer(Object value) {
        if (!AvroDatumEncoder.isSpecific(value)) {
            return genericWriter;
        }
        DatumWriter<Object> writer = specificWriter;
        if (writer == null) {
            writer = AvroDatumEncoder.writerFor(value, schema);
            specificWriter = writer;
        }
        return writer;
    }
}
