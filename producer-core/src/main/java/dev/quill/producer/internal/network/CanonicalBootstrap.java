package dev.quill.producer.internal.network;

import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.quill.producer.errors.ConfigException;

/**
 * {@code client.dns.lookup=resolve_canonical_bootstrap_servers_only}: each bootstrap server becomes one entry per
 * address of its host, named by that address's canonical host name. A DNS alias for a cluster thus turns into
 * the brokers' own names, which is what SASL/GSSAPI service principals are issued for.
 */
public final class CanonicalBootstrap {

    private static final System.Logger LOG = System.getLogger("dev.quill.producer");

    private CanonicalBootstrap() {
    }

    /**
     * @throws ConfigException when no bootstrap host resolves; hosts that do not resolve are left out with a warning
     */
    public static List<Node> expand(List<Node> bootstrap, HostResolver resolver) {
        Set<String> seen = new LinkedHashSet<>();
        List<Node> expanded = new ArrayList<>();
        int id = -1;
        for (Node server : bootstrap) {
            List<InetAddress> addresses;
            try {
                addresses = resolver.resolve(server.host());
            } catch (UnknownHostException e) {
                LOG.log(Level.WARNING, "bootstrap server " + server.address() + " left out: cannot resolve host name "
                        + server.host() + " (client.dns.lookup=resolve_canonical_bootstrap_servers_only)");
                continue;
            }
            for (InetAddress address : addresses) {
                String canonical = address.getCanonicalHostName();
                if (seen.add(canonical + ":" + server.port())) {
                    expanded.add(new Node(id--, canonical, server.port(), null));
                }
            }
        }
        if (expanded.isEmpty()) {
            throw new ConfigException("No resolvable bootstrap urls given in bootstrap.servers " + addresses(bootstrap)
                    + " (client.dns.lookup=resolve_canonical_bootstrap_servers_only resolves them when the producer "
                    + "is created)");
        }
        return expanded;
    }

    private static List<String> addresses(List<Node> nodes) {
        return nodes.stream().map(Node::address).toList();
    }
}
