package dev.quill.producer.bench;

import java.util.List;

/**
 * {@link ScaleBenchmark}'s command line ({@code --name=value}). Record counts are per measured run; {@code --quick}
 * divides those not given by 20 and, unless {@code --repeats} is given, runs each client once.
 */
final class ScaleOptions {

    private static final int QUICK_DIVISOR = 20;

    String broker = "null";
    List<String> scenarios = List.of("partitions", "producers", "heap");
    int repeats = 3;
    boolean warmup = true;
    boolean quick;
    // partitions
    int topics = 10;
    int partitions = 100;
    long records = 2_000_000;
    // producers
    int producers = 50;
    int sharedPartitions = 6;
    long recordsPerProducer = 100_000;
    // heap
    long heapRecords = 1_000_000;

    private boolean repeatsGiven;
    private boolean recordsGiven;
    private boolean recordsPerProducerGiven;
    private boolean heapRecordsGiven;

    static ScaleOptions parse(String... args) {
        ScaleOptions o = new ScaleOptions();
        BenchArgs.parse(args, o::set);
        if (o.quick) {
            o.records = o.recordsGiven ? o.records : o.records / QUICK_DIVISOR;
            o.recordsPerProducer = o.recordsPerProducerGiven ? o.recordsPerProducer : o.recordsPerProducer / QUICK_DIVISOR;
            o.heapRecords = o.heapRecordsGiven ? o.heapRecords : o.heapRecords / QUICK_DIVISOR;
            o.repeats = o.repeatsGiven ? o.repeats : 1;
        }
        return o;
    }

    int totalPartitions() {
        return topics * partitions;
    }

    private void set(String name, String value) {
        switch (name) {
            case "broker" -> broker = value;
            case "scenarios" -> scenarios = List.of(value.split(","));
            case "repeats" -> {
                repeats = Integer.parseInt(value);
                repeatsGiven = true;
            }
            case "warmup" -> warmup = Boolean.parseBoolean(value);
            case "quick" -> quick = Boolean.parseBoolean(value);
            case "topics" -> topics = Integer.parseInt(value);
            case "partitions" -> partitions = Integer.parseInt(value);
            case "records" -> {
                records = Long.parseLong(value);
                recordsGiven = true;
            }
            case "producers" -> producers = Integer.parseInt(value);
            case "shared-partitions" -> sharedPartitions = Integer.parseInt(value);
            case "records-per-producer" -> {
                recordsPerProducer = Long.parseLong(value);
                recordsPerProducerGiven = true;
            }
            case "heap-records" -> {
                heapRecords = Long.parseLong(value);
                heapRecordsGiven = true;
            }
            default -> throw new IllegalArgumentException("unknown option --" + name);
        }
    }
}
