package dev.quill.producer.internal.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.quill.producer.errors.ConfigException;
import dev.quill.producer.errors.ProducerException;
import dev.quill.producer.testkit.KafkaCluster;

/**
 * {@code client.dns.lookup} against a real broker: a host name that resolves first to an address reserved for
 * documentation (192.0.2.1, never routed, so the connection fails or its setup times out) and then to the
 * loopback address reaches the broker only by trying every address.
 */
class DnsLookupTest {

    private static final String HOST = "kafka.quill.test";
    private static final long SETUP_TIMEOUT_MS = 300;

    private final KafkaCluster cluster = KafkaCluster.shared();
    private final int port = Integer.parseInt(cluster.bootstrapServers().split(",")[0].split(":")[1]);
    private final AtomicInteger lookups = new AtomicInteger();
    private final HostResolver deadAddressFirst = host -> {
        lookups.incrementAndGet();
        if (!host.equals(HOST)) {
            throw new UnknownHostException(host);
        }
        return List.of(InetAddress.getByAddress(HOST, new byte[] {(byte) 192, 0, 2, 1}),
                InetAddress.getByAddress(HOST, new byte[] {127, 0, 0, 1}));
    };

    @Test
    void useAllDnsIpsMovesOnToTheNextAddressWithoutBackoff() {
        List<ProducerException> failures = new ArrayList<>();
        // A reconnect backoff far longer than the test: only the move to the next address can connect in time.
        boolean connected = connectWithin(true, 60_000, 5_000, failures);

        assertThat(connected).as("connected through 127.0.0.1").isTrue();
        assertThat(failures).singleElement().satisfies(f -> assertThat(f).hasMessageContaining(HOST));
        assertThat(lookups).hasValue(1);
    }

    @Test
    void firstAddressOnlyWhenUseAllDnsIpsIsOff() {
        List<ProducerException> failures = new ArrayList<>();
        boolean connected = connectWithin(false, 10, 1_500, failures);

        assertThat(connected).as("only 192.0.2.1 is tried").isFalse();
        assertThat(failures).hasSizeGreaterThan(1);
        assertThat(lookups.get()).as("looked up again after each failed round").isGreaterThanOrEqualTo(failures.size());
    }

    @Test
    void unresolvableHostIsReportedByName() {
        List<ProducerException> failures = new ArrayList<>();
        try (NetworkClient client = client(true, 10, failures)) {
            client.connect(new Node(-1, "nowhere.quill.test", port, null), System.currentTimeMillis());
        }

        assertThat(failures).singleElement().satisfies(f -> assertThat(f)
                .hasMessageContaining("cannot resolve host name nowhere.quill.test"));
    }

    @Test
    void canonicalBootstrapReplacesEachHostByTheNamesOfItsAddresses() {
        List<Node> expanded = CanonicalBootstrap.expand(
                List.of(new Node(-1, HOST, port, null), new Node(-2, "nowhere.quill.test", port, null)),
                host -> host.equals(HOST) ? List.of(InetAddress.getByAddress("alias", new byte[] {127, 0, 0, 1}))
                        : deadAddressFirst.resolve(host));

        assertThat(expanded).singleElement().satisfies(node -> {
            assertThat(node.host()).isEqualTo(InetAddress.getLoopbackAddress().getCanonicalHostName());
            assertThat(node.port()).isEqualTo(port);
        });
    }

    @Test
    void canonicalBootstrapWithNoResolvableHostIsAConfigError() {
        assertThatThrownBy(() -> CanonicalBootstrap.expand(List.of(new Node(-1, "nowhere.quill.test", port, null)),
                deadAddressFirst))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("No resolvable bootstrap urls given in bootstrap.servers [nowhere.quill.test:"
                        + port + "]");
    }

    private boolean connectWithin(boolean useAllDnsIps, long reconnectBackoffMs, long timeoutMs,
                                  List<ProducerException> failures) {
        Node node = new Node(-1, HOST, port, null);
        try (NetworkClient client = client(useAllDnsIps, reconnectBackoffMs, failures)) {
            long end = System.currentTimeMillis() + timeoutMs;
            while (System.currentTimeMillis() < end) {
                long now = System.currentTimeMillis();
                if (client.isConnected(node.id())) {
                    return true;
                }
                if (!client.isConnecting(node.id())) {
                    client.connect(node, now);
                }
                client.poll(Math.max(1, Math.min(20, client.connectDelayMs(node.id(), now))), now);
            }
            return false;
        }
    }

    private NetworkClient client(boolean useAllDnsIps, long reconnectBackoffMs, List<ProducerException> failures) {
        NetworkSettings settings = new NetworkSettings("dns-test", 5, 30_000, reconnectBackoffMs, reconnectBackoffMs,
                SETUP_TIMEOUT_MS, SETUP_TIMEOUT_MS, -1, -1, 540_000, useAllDnsIps);
        return new NetworkClient(settings, TransportFactory.PLAINTEXT, deadAddressFirst,
                new ApiVersionsHandshake("dns-test"), new ConnectionListener() {
                    @Override
                    public void onConnected(Node n) {
                    }

                    @Override
                    public void onDisconnected(Node n, ProducerException cause) {
                        failures.add(cause);
                    }
                });
    }
}
