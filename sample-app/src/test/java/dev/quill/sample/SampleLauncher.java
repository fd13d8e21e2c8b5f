package dev.quill.sample;

import java.util.List;

import dev.quill.producer.RecordMetadata;
import dev.quill.producer.testkit.KafkaCluster;

/**
 * Runs the sample against {@code QUILL_BOOTSTRAP_SERVERS}, or, when that is not set, against an Apache
 * Kafka broker started in this JVM for the run.
 */
public final class SampleLauncher {

    private SampleLauncher() {
    }

    public static void main(String[] args) throws Exception {
        String configured = System.getenv("QUILL_BOOTSTRAP_SERVERS");
        if (configured != null && !configured.isBlank()) {
            OrderSender.main(args);
            return;
        }
        System.out.println("QUILL_BOOTSTRAP_SERVERS is not set: starting an embedded Kafka broker");
        try (KafkaCluster cluster = KafkaCluster.start(1, java.util.Map.of())) {
            List<RecordMetadata> delivered = OrderSender.run(cluster.bootstrapServers());
            System.out.println("Delivered " + delivered.size() + " orders to the embedded broker at "
                    + cluster.bootstrapServers());
        }
        System.exit(0);
    }
}
