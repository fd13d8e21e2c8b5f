package dev.quill.producer;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.quill.producer.errors.ProducerException;
import dev.quill.producer.errors.TransactionTimeoutException;

/** Waits for a transactional call on behalf of the blocking methods of {@link TransactionalProducer}. */
final class TransactionCalls {

    private TransactionCalls() {
    }

    /** Waits up to {@code maxBlockMs}, rethrowing the call's own failure as it is. */
    static void await(CompletableFuture<Void> result, String call, long maxBlockMs) {
        try {
            result.get(maxBlockMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new TransactionTimeoutException(call + " did not finish within " + maxBlockMs + " ms (max.block.ms);"
                    + " it goes on: call it again to wait for it", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProducerException("Interrupted while waiting for " + call + "; it goes on: call it again to wait "
                    + "for it", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new ProducerException(call + " failed", cause);
        }
    }
}
