package dev.quill.producer.internal.network;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * The addresses a broker's host name resolved to, and which one the next connection attempt uses
 * ({@code client.dns.lookup}). With {@code use_all_dns_ips} a failed attempt moves on to the next address; the
 * name is resolved afresh once every address failed and after a connection was established, so that a broker
 * that moved to a new address is found there.
 */
final class NodeAddresses {

    private final boolean useAll;
    private String host;
    private List<InetAddress> addresses = List.of();
    private int next;

    NodeAddresses(boolean useAll) {
        this.useAll = useAll;
    }

    /** The address for the next connection attempt to the node, resolving its host name when needed. */
    InetSocketAddress current(Node node, HostResolver resolver) throws UnknownHostException {
        if (addresses.isEmpty() || !node.host().equals(host)) {
            List<InetAddress> resolved = resolver.resolve(node.host());
            if (resolved.isEmpty()) {
                throw new UnknownHostException(node.host() + " resolved to no address");
            }
            host = node.host();
            addresses = useAll ? resolved : resolved.subList(0, 1);
            next = 0;
        }
        return new InetSocketAddress(addresses.get(next), node.port());
    }

    /** Moves past an address that could not be connected to; true when an untried one remains. */
    boolean advance() {
        next++;
        if (next < addresses.size()) {
            return true;
        }
        forget();
        return false;
    }

    /** Resolves the name again at the next attempt. */
    void forget() {
        addresses = List.of();
        next = 0;
    }
}
