package dev.quill.sample;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.quill.producer.RecordMetadata;
import dev.quill.producer.errors.ProducerException;
import dev.quill.spring.ProducerTemplate;
import dev.quill.spring.SendResult;

/**
 * One endpoint per send mode. Each sends the order to the default topic ({@code quill.producer.default-topic}),
 * keyed by the order id so that all events of one order land on one partition, in order.
 */
@RestController
@RequestMapping("/orders")
class OrderController {

    private static final Log LOG = LogFactory.getLog(OrderController.class);

    private final ProducerTemplate<String, Order> template;

    OrderController(ProducerTemplate<String, Order> template) {
        this.template = template;
    }

    /**
     * Asynchronous: the request thread is released at once; the response goes out when the broker acknowledged. Spring
     * MVC's async request timeout (spring.mvc.async.request-timeout, the server's default when unset) bounds the wait
     * for the response, not the send: a record still waiting then may be delivered after the client got a 503.
     */
    @PostMapping
    CompletableFuture<ResponseEntity<Sent>> send(@RequestBody Order order) {
        Order withId = identified(order);
        return template.sendDefault(withId.id(), withId)
                .thenApply(result -> ResponseEntity.status(HttpStatus.CREATED).body(sent("async", result)));
    }

    /** Synchronous: the request thread waits for the record's outcome, so the answer is final. */
    @PostMapping("/sync")
    ResponseEntity<Sent> sendAndWait(@RequestBody Order order) {
        Order withId = identified(order);
        SendResult<String, Order> result = template.sendAndWait(template.defaultTopic(), withId.id(), withId);
        return ResponseEntity.status(HttpStatus.CREATED).body(sent("sync", result));
    }

    /** Fire and forget: answered before the broker saw the order; failures show in metrics and the log. */
    @PostMapping("/fire-and-forget")
    ResponseEntity<Accepted> sendAndForget(@RequestBody Order order) {
        Order withId = identified(order);
        template.sendAndForget(template.defaultTopic(), withId.id(), withId);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new Accepted(withId.id(), template.defaultTopic()));
    }

    /** A body that is not an order: say what the JSON reader found wrong, since nothing was sent. */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail notAnOrder(HttpMessageNotReadableException e) {
        String reason = e.getMostSpecificCause().getMessage();
        int endOfFirstLine = reason == null ? -1 : reason.indexOf('\n');
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                endOfFirstLine < 0 ? String.valueOf(reason) : reason.substring(0, endOfFirstLine));
        problem.setTitle("Not an order: expected {\"id\": string, \"item\": string, \"quantity\": number}");
        return problem;
    }

    @ExceptionHandler(ProducerException.class)
    ProblemDetail notSent(ProducerException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        problem.setTitle("Order not sent to Kafka");
        return problem;
    }

    private static Order identified(Order order) {
        return order.id() == null || order.id().isBlank() ? order.withId(UUID.randomUUID().toString()) : order;
    }

    private static Sent sent(String mode, SendResult<String, Order> result) {
        RecordMetadata m = result.metadata();
        LOG.info(mode + ": order " + result.record().key() + " sent to " + m.topic() + "-" + m.partition() + "@"
                + m.offset());
        return new Sent(result.record().key(), m.topic(), m.partition(), m.offset());
    }

    /** Where an acknowledged order landed. */
    record Sent(String id, String topic, int partition, long offset) {
    }

    /** An order handed to the producer, not acknowledged yet. */
    record Accepted(String id, String topic) {
    }
}
