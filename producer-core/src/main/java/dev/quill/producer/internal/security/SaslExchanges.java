package dev.quill.producer.internal.security;

import dev.quill.producer.errors.ProducerException;

/** The SASL exchanges of one producer: a new one for each connection, with whatever it needs kept up to date. */
public interface SaslExchanges extends AutoCloseable {

    /**
     * The exchange for a new connection.
     *
     * @throws ProducerException when none can be made now: retriable while a token is on its way, an
     *     {@code AuthenticationException} when the identity provider refused the client
     */
    SaslMechanismClient next();

    /** Starts whatever the exchanges need ahead of the first connection; called once, when the producer starts. */
    default void start() {
    }

    @Override
    default void close() {
    }
}
