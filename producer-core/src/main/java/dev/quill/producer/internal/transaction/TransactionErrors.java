package dev.quill.producer.internal.transaction;

import dev.quill.producer.errors.AuthorizationException;
import dev.quill.producer.errors.Errors;
import dev.quill.producer.errors.ProducerException;
import dev.quill.producer.errors.ProducerFencedException;
import dev.quill.producer.internal.protocol.ApiKey;

/**
 * How a transactional producer treats the errors of its requests, as kafka-clients classifies them: the coordinator
 * moved (find it again), busy (retry), abortable (the transaction cannot commit, the producer goes on) or fatal (the
 * producer cannot run transactions any more).
 */
public final class TransactionErrors {

    private TransactionErrors() {
    }

    /** The coordinator is elsewhere or gone: look it up again, then retry. */
    public static boolean movesCoordinator(Errors error) {
        return error == Errors.NOT_COORDINATOR || error == Errors.COORDINATOR_NOT_AVAILABLE;
    }

    /** Retrying the same request later may succeed. */
    public static boolean isRetriable(Errors error) {
        return error == Errors.COORDINATOR_LOAD_IN_PROGRESS || error == Errors.CONCURRENT_TRANSACTIONS
                || error == Errors.UNKNOWN_TOPIC_OR_PARTITION || error == Errors.REQUEST_TIMED_OUT
                || error == Errors.NETWORK_EXCEPTION || movesCoordinator(error);
    }

    /** Errors that leave the transaction abortable even where others would be fatal. */
    public static boolean isAbortable(Errors error) {
        return switch (error) {
            case TRANSACTION_ABORTABLE, UNKNOWN_PRODUCER_ID, INVALID_PRODUCER_ID_MAPPING, GROUP_AUTHORIZATION_FAILED,
                 TOPIC_AUTHORIZATION_FAILED, UNKNOWN_MEMBER_ID, ILLEGAL_GENERATION, FENCED_INSTANCE_ID -> true;
            default -> false;
        };
    }

    /** The producer's sequence numbers for its current epoch cannot be trusted after this error. */
    public static boolean needsEpochBump(Errors error) {
        return error == Errors.UNKNOWN_PRODUCER_ID || error == Errors.INVALID_PRODUCER_ID_MAPPING;
    }

    /**
     * Whether a failure ends the producer's transactions for good: fenced by a newer instance, or not authorized
     * for its transactional id or the cluster. Any other failure of a record only makes the transaction abortable.
     */
    public static boolean isFatal(ProducerException failure) {
        if (failure instanceof ProducerFencedException) {
            return true;
        }
        Errors error = failure.brokerError().orElse(null);
        return error == Errors.TRANSACTIONAL_ID_AUTHORIZATION_FAILED || error == Errors.CLUSTER_AUTHORIZATION_FAILED
                || error == Errors.INVALID_TXN_STATE || error == Errors.TRANSACTION_COORDINATOR_FENCED
                || error == Errors.UNSUPPORTED_VERSION || error == Errors.INVALID_TRANSACTION_TIMEOUT
                || error == Errors.PRODUCER_FENCED;
    }

    /** The exception for a coordinator's error, naming the transactional id, the request and what to do. */
    public static ProducerException exception(String transactionalId, ApiKey api, Errors error) {
        String prefix = "Transactional producer '" + transactionalId + "': " + api.displayName() + " failed with "
                + error.name();
        return switch (error) {
            case PRODUCER_FENCED, INVALID_PRODUCER_EPOCH, TRANSACTION_COORDINATOR_FENCED -> new ProducerFencedException(
                    prefix + ": another producer with the same transactional.id has started, so this one is fenced "
                            + "and must be closed", null, error);
            case TRANSACTIONAL_ID_AUTHORIZATION_FAILED -> new AuthorizationException(prefix + ": the principal may not "
                    + "write with transactional id '" + transactionalId + "'; grant it WRITE (and DESCRIBE) on that "
                    + "TransactionalId", null, error);
            case INVALID_TRANSACTION_TIMEOUT -> new ProducerException(prefix + ": transaction.timeout.ms exceeds the "
                    + "brokers' transaction.max.timeout.ms; lower it", null, error);
            default -> error.exception(prefix + ": " + error.description());
        };
    }
}
