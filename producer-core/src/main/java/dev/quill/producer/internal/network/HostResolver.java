package dev.quill.producer.internal.network;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Turns a broker's host name into its addresses; the system resolver outside tests. */
@FunctionalInterface
public interface HostResolver {

    HostResolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));

    /** Every address of the host, in the resolver's order; never empty. */
    List<InetAddress> resolve(String host) throws UnknownHostException;
}
