package dev.quill.producer.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.quill.producer.ProducerConfig;
import dev.quill.producer.ProducerGroup;
import dev.quill.producer.QuillProducer;
import dev.quill.producer.Serializers;

/**
 * Several producers of one kind, opened and closed together, each completing through its own {@link AckCounter}:
 * "quill" and "kafka" are independent producers, each with its own I/O thread, connection and buffer.memory;
 * "quill-group" are Quill producers made by one {@link ProducerGroup}, sharing its I/O thread, connections and
 * buffer.memory.
 */
final class ProducerFleet implements AutoCloseable {

    static final List<String> KINDS = List.of("quill", "quill-group", "kafka");

    private final List<BenchProducer> producers;
    private final List<AckCounter> acks;
    private final ProducerGroup group;

    private ProducerFleet(List<BenchProducer> producers, List<AckCounter> acks, ProducerGroup group) {
        this.producers = producers;
        this.acks = acks;
        this.group = group;
    }

    /**
     * Opens {@code count} producers of {@code kind}, configured from one map of kafka-clients keys; each gets the
     * client.id {@code clientIdPrefix-<n>} (a group's own is the prefix itself).
     */
    static ProducerFleet open(String kind, int count, Map<String, Object> config, String clientIdPrefix) {
        List<BenchProducer> producers = new ArrayList<>();
        List<AckCounter> acks = new ArrayList<>();
        ProducerGroup group = kind.equals("quill-group")
                ? ProducerGroup.create(ProducerConfig.from(withClientId(config, clientIdPrefix))) : null;
        try {
            for (int i = 0; i < count; i++) {
                AckCounter counter = new AckCounter();
                Map<String, Object> own = withClientId(config, clientIdPrefix + "-" + i);
                producers.add(group == null ? BenchProducer.create(kind, own, counter)
                        : new QuillBenchProducer(group.<byte[], byte[]>newProducer(ProducerConfig.from(own),
                                Serializers.byteArray(), Serializers.byteArray()), group, counter));
                acks.add(counter);
            }
        } catch (RuntimeException e) {
            new ProducerFleet(producers, acks, group).close();
            throw e;
        }
        return new ProducerFleet(producers, acks, group);
    }

    List<BenchProducer> producers() {
        return producers;
    }

    AckCounter acks(int producer) {
        return acks.get(producer);
    }

    /** Records completed so far, over every producer. */
    long completed() {
        return acks.stream().mapToLong(AckCounter::completed).sum();
    }

    long failures() {
        return acks.stream().mapToLong(AckCounter::failures).sum();
    }

    /** The first error any producer's callback reported, or null. */
    Exception firstError() {
        return acks.stream().map(AckCounter::firstError).filter(e -> e != null).findFirst().orElse(null);
    }

    @Override
    public void close() {
        producers.forEach(BenchProducer::close);
        if (group != null) {
            group.close();
        }
    }

    private static Map<String, Object> withClientId(Map<String, Object> config, String clientId) {
        Map<String, Object> copy = new HashMap<>(config);
        copy.put("client.id", clientId);
        return copy;
    }
}
