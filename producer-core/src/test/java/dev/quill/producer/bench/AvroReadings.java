package dev.quill.producer.bench;

import java.util.Random;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * Avro values for the registry benchmark: a schema no registry has seen yet, and a pool of records of it, made before
 * timing starts.
 *
 * <p>Each run gets its own record name, so its schema is new to the registry (a new content id, not only a new
 * subject) and the first records really wait for a registration. The field values come from a fixed seed, so every
 * client sends the same values whatever its schema's name; a pool is cycled so that encoding does not see the same
 * object every time.
 */
final class AvroReadings {

    private static final String[] SITES = {"north", "south", "east", "west", "harbour", "airport", "hill"};

    private final Schema schema;
    private final GenericRecord[] pool;
    private final int mask;

    /**
     * @param name     the record's name, unique per run
     * @param poolSize distinct records to cycle, a power of two
     */
    AvroReadings(String name, int poolSize) {
        if (Integer.bitCount(poolSize) != 1) {
            throw new IllegalArgumentException("pool size must be a power of two: " + poolSize);
        }
        schema = new Schema.Parser().parse("""
                {"type":"record","name":"%s","namespace":"dev.quill.bench","fields":[
                  {"name":"sensor","type":"string"},
                  {"name":"site","type":"string"},
                  {"name":"at","type":"long"},
                  {"name":"celsius","type":"double"},
                  {"name":"humidity","type":"int"},
                  {"name":"ok","type":"boolean"}]}""".formatted(name));
        Random random = new Random(7);
        pool = new GenericRecord[poolSize];
        for (int i = 0; i < poolSize; i++) {
            GenericRecord r = new GenericData.Record(schema);
            r.put("sensor", "sensor-" + random.nextInt(100_000));
            r.put("site", SITES[random.nextInt(SITES.length)]);
            r.put("at", 1_700_000_000_000L + random.nextInt(1_000_000_000));
            r.put("celsius", -20 + random.nextInt(6_000) / 100.0);
            r.put("humidity", random.nextInt(101));
            r.put("ok", random.nextInt(50) != 0);
            pool[i] = r;
        }
        mask = poolSize - 1;
    }

    GenericRecord get(long i) {
        return pool[(int) (i & mask)];
    }

    Schema schema() {
        return schema;
    }
}
