package dev.quill.spring.autoconfigure;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;
import org.springframework.boot.ssl.SslBundle;

/**
 * Where the auto-configured producer connects, when something other than {@code quill.producer.*} says so: a bean of
 * this type wins over {@code bootstrap-servers}, {@code security.protocol} and {@code ssl.bundle} (and over the same
 * Kafka keys under {@code properties.*}). {@code @ServiceConnection} on a Testcontainers {@code KafkaContainer}
 * registers one; an application may define its own, for instance from a service binding.
 */
public interface QuillConnectionDetails extends ConnectionDetails {

    /** The brokers to fetch the first metadata from, as {@code host:port} (Kafka's {@code bootstrap.servers}). */
    List<String> getBootstrapServers();

    /** Kafka's {@code security.protocol} of those brokers, or null to leave it to the properties. */
    default @Nullable String getSecurityProtocol() {
        return null;
    }

    /** The SSL bundle that secures the connections, or null to leave it to the properties. */
    default @Nullable SslBundle getSslBundle() {
        return null;
    }
}
