package dev.quill.producer;

/**
 * Where a transactional producer stands, for health pages and metrics.
 *
 * @param state {@code UNINITIALIZED}, {@code INITIALIZING}, {@code READY}, {@code IN_TRANSACTION},
 *              {@code COMMITTING}, {@code ABORTING}, {@code ABORTABLE_ERROR} or {@code FATAL_ERROR}
 * @param coordinator the {@code host:port} of the transaction coordinator last found, or null before the first
 * @param committed transactions committed since the producer started
 * @param aborted transactions aborted since the producer started
 * @param totalTimeMicros time from {@code beginTransaction()} to the coordinator's answer, summed over the
 *                        transactions committed or aborted
 * @param lastError why the state is {@code ABORTABLE_ERROR} or {@code FATAL_ERROR}, else null
 */
public record TransactionStatus(String transactionalId, String state, String coordinator, long committed, long aborted,
                                long totalTimeMicros, String lastError) {
}
