package dev.quill.producer.serialization;

import java.math.BigDecimal;
import java.time.Instant;

import org.apache.avro.Conversion;
import org.apache.avro.Conversions;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * A SpecificRecord written by hand the way Avro's code generator writes one (schema, model with the logical-type
 * conversions, per-field conversions, positional get/put), so the tests need no generated sources.
 */
public class Payment extends SpecificRecordBase {

    public static final Schema SCHEMA$ = new Schema.Parser().parse("""
            {"type":"record","name":"Payment","namespace":"dev.quill.producer.serialization","fields":[
              {"name":"id","type":{"type":"string","avro.java.string":"String"}},
              {"name":"amount","type":{"type":"bytes","logicalType":"decimal","precision":12,"scale":2}},
              {"name":"at","type":{"type":"long","logicalType":"timestamp-millis"}}]}""");

    private static final SpecificData MODEL$ = new SpecificData();

    static {
        MODEL$.addLogicalTypeConversion(new Conversions.DecimalConversion());
        MODEL$.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
    }

    /** Per field, as generated code lists them: SpecificDatumWriter asks the record, not the model. */
    private static final Conversion<?>[] CONVERSIONS = {
        null, new Conversions.DecimalConversion(), new TimeConversions.TimestampMillisConversion()};

    private String id;
    private BigDecimal amount;
    private Instant at;

    public Payment() {
    }

    public Payment(String id, BigDecimal amount, Instant at) {
        this.id = id;
        this.amount = amount;
        this.at = at;
    }

    @Override
    public Schema getSchema() {
        return SCHEMA$;
    }

    @Override
    public SpecificData getSpecificData() {
        return MODEL$;
    }

    @Override
    public Conversion<?> getConversion(int field) {
        return CONVERSIONS[field];
    }

    @Override
    public Object get(int field) {
        return switch (field) {
            case 0 -> id;
            case 1 -> amount;
            case 2 -> at;
            default -> throw new IndexOutOfBoundsException(field);
        };
    }

    @Override
    public void put(int field, Object value) {
        switch (field) {
            case 0 -> id = value == null ? null : value.toString();
            case 1 -> amount = (BigDecimal) value;
            case 2 -> at = (Instant) value;
            default -> throw new IndexOutOfBoundsException(field);
        }
    }
}
