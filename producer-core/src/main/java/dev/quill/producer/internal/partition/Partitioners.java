package dev.quill.producer.internal.partition;

import dev.quill.producer.Partitioner;
import dev.quill.producer.RoundRobinPartitioner;
import dev.quill.producer.internal.config.Plugins;

import java.util.Map;

/** Resolves {@code partitioner.class}: kafka-clients' class names map to Quill's, any other to a Quill partitioner. */
public final class Partitioners {

    private static final String KAFKA = "org.apache.kafka.clients.producer.";
    private static final String REMOVED = " was removed in kafka-clients 4.0; remove partitioner.class to use the "
            + "built-in partitioner";

    private static final Map<String, Class<? extends Partitioner>> KAFKA_ALIASES =
            Map.of(KAFKA + "RoundRobinPartitioner", RoundRobinPartitioner.class);

    private static final Map<String, String> KAFKA_REFUSED = Map.of(
            KAFKA + "internals.DefaultPartitioner", KAFKA + "internals.DefaultPartitioner" + REMOVED,
            KAFKA + "UniformStickyPartitioner", KAFKA + "UniformStickyPartitioner" + REMOVED
                    + " with partitioner.ignore.keys=true");

    private Partitioners() {
    }

    /** Checks a class or class name without instantiating it. */
    public static Class<? extends Partitioner> resolve(String key, Object classOrName) {
        return Plugins.resolve(key, classOrName, Partitioner.class, KAFKA + "Partitioner", KAFKA_ALIASES, KAFKA_REFUSED);
    }

    /** A new, not yet configured instance. */
    public static Partitioner instantiate(String key, Object classOrName) {
        return Plugins.instantiate(key, resolve(key, classOrName), Partitioner.class);
    }
}
