/**
 * Kafka transactions for Spring: a pool of transactional producers, a {@code PlatformTransactionManager} for
 * {@code @Transactional}, and the binding that lets {@code ProducerTemplate} sends join the thread's transaction.
 */
@NullMarked
package dev.quill.spring.transaction;

import org.jspecify.annotations.NullMarked;
