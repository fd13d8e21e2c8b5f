package dev.quill.sample;

/** An order as the client posts it and as it is written to Kafka (JSON). */
public record Order(String id, String item, int quantity) {

    /** The same order with an id, keeping one given by the client (the record key, so retries stay in order). */
    Order withId(String newId) {
        return new Order(newId, item, quantity);
    }
}
