package dev.quill.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.quill.producer.ProducerConfig;
import dev.quill.producer.ProducerRecord;
import dev.quill.producer.QuillProducer;
import dev.quill.producer.RecordMetadata;
import dev.quill.producer.Serializers;

/**
 * Sends a few orders to Kafka in each of the three send modes and prints where they landed.
 *
 * <p>Run with {@code QUILL_BOOTSTRAP_SERVERS=host:port}; see the README for the one-command run on an
 * embedded broker.
 */
public final class OrderSender {

    static final String TOPIC = "orders";

    private OrderSender() {
    }

    public static void main(String[] args) throws Exception {
        String bootstrap = System.getenv().getOrDefault("QUILL_BOOTSTRAP_SERVERS", "localhost:9092");
        List<RecordMetadata> delivered = run(bootstrap);
        System.out.println("Delivered " + delivered.size() + " orders to " + bootstrap);
    }

    /** Sends the sample orders and returns where each landed. */
    public static List<RecordMetadata> run(String bootstrapServers) throws Exception {
        ProducerConfig config = ProducerConfig.from(Map.of(
                "bootstrap.servers", bootstrapServers,
                "client.id", "quill-sample",
                "acks", "all",
                "linger.ms", "5"));
        List<RecordMetadata> delivered = new ArrayList<>();
        try (QuillProducer<String, String> producer = QuillProducer.create(config, Serializers.string(), Serializers.string())) {
            // Synchronous: wait for the acknowledgement, bounded by a timeout.
            RecordMetadata sync = producer.send(ProducerRecord.of(TOPIC, "order-1", "{\"id\":1,\"item\":\"quill\"}"))
                    .get(30, TimeUnit.SECONDS);
            print("sync", sync);
            delivered.add(sync);

            // Asynchronous with a callback, run on the producer's I/O thread.
            CountDownLatch acknowledged = new CountDownLatch(1);
            CompletableFuture<RecordMetadata> async = producer.send(
                    ProducerRecord.of(TOPIC, "order-2", "{\"id\":2,\"item\":\"ink\"}"), (metadata, error) -> {
                        if (error == null) {
                            print("callback", metadata);
                        } else {
                            System.out.println("callback: failed: " + error.getMessage());
                        }
                        acknowledged.countDown();
                    });
            acknowledged.await(30, TimeUnit.SECONDS);
            delivered.add(async.get());

            // Fire and forget: nobody waits; flush() before exit makes sure it went out.
            CompletableFuture<RecordMetadata> forgotten = producer.send(
                    ProducerRecord.of(TOPIC, "order-3", "{\"id\":3,\"item\":\"paper\"}"));
            producer.flush();
            print("fire-and-forget", forgotten.get());
            delivered.add(forgotten.get());
        }
        return delivered;
    }

    private static void print(String mode, RecordMetadata m) {
        System.out.printf("%s: %s-%d@%d%n", mode, m.topic(), m.partition(), m.offset());
    }
}
