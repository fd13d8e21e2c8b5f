package dev.quill.producer.internal.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.quill.producer.errors.AuthenticationException;
import dev.quill.producer.errors.ProducerException;
import dev.quill.producer.internal.security.JaasConfig;
import dev.quill.producer.internal.security.SaslMechanisms;
import dev.quill.producer.testkit.SecureKafkaCluster;

/** A rejected password is not retried in a tight loop: reconnects follow the exponential reconnect backoff. */
class AuthenticationBackoffTest {

    @Test
    void failedAuthenticationReconnectsWithBackoff() {
        SecureKafkaCluster secure = SecureKafkaCluster.shared();
        String[] hostPort = secure.address("SASL_PLAIN").split(":");
        Node node = new Node(-1, hostPort[0], Integer.parseInt(hostPort[1]), null);
        List<ProducerException> failures = new ArrayList<>();
        NetworkSettings settings = new NetworkSettings("backoff-test", 5, 30_000, 50, 1_000, 10_000, 30_000,
                -1, -1, 540_000, true);
        ConnectionHandshake handshake = new ApiVersionsHandshake("backoff-test", new SaslAuthentication(
                "backoff-test", "PLAIN", SaslMechanisms.exchanges("PLAIN", JaasConfig.parse(JaasConfig.PLAIN_LOGIN_MODULE
                        + " required username=\"alice\" password=\"wrong\";"), Map.of()).get()));
        try (NetworkClient client = new NetworkClient(settings, handshake, new ConnectionListener() {
            @Override
            public void onConnected(Node n) {
            }

            @Override
            public void onDisconnected(Node n, ProducerException cause) {
                failures.add(cause);
            }
        })) {
            long end = System.currentTimeMillis() + 2_000;
            while (System.currentTimeMillis() < end) {
                long now = System.currentTimeMillis();
                // As the sender does: connect whenever the backoff allows.
                if (!client.isConnecting(node.id()) && !client.isConnected(node.id())) {
                    client.connect(node, now);
                }
                client.poll(Math.max(1, Math.min(20, client.connectDelayMs(node.id(), now))), now);
            }
        }
        assertThat(failures).isNotEmpty().allSatisfy(f -> assertThat(f).isInstanceOf(AuthenticationException.class));
        // 50, 100, 200, 400, 800 ms (+ jitter) of backoff fit about five attempts into two seconds.
        assertThat(failures.size()).isBetween(3, 7);
    }
}
