package dev.quill.producer.internal.config;

import dev.quill.producer.errors.ConfigException;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the syntax of {@code bootstrap.servers} entries. Names are not resolved here: kafka-clients resolves
 * them while constructing the producer and fails when none resolves, but a container's DNS name often appears
 * only after the application starts, and {@code send()} must not wait for DNS. Resolution belongs to the
 * network layer, which retries.
 */
public final class BootstrapServers {

    private static final String KEY = "bootstrap.servers";
    // kafka-clients accepts (and ignores) a listener prefix such as PLAINTEXT://; so do we.
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9_+.-]*://");
    private static final Pattern BRACKETED = Pattern.compile("^\\[([0-9A-Fa-f:.%a-zA-Z]+)\\]:([0-9]+)$");
    private static final Pattern PLAIN = Pattern.compile("^([0-9A-Za-z\\-%._:]+):([0-9]+)$");
    private static final Pattern HOST_NAME = Pattern.compile("^[0-9A-Za-z\\-%._]+$");

    private BootstrapServers() {
    }

    /**
     * The effective {@code bootstrap.servers}: {@link #parse parsed}, and present. It is the one key without a
     * default that the producer cannot start without, so its absence fails here rather than at the first send.
     *
     * @param entries the key's parsed value, null when it was not given
     * @param given the value as the user gave it, for the message when no entry is left
     */
    public static List<String> required(List<String> entries, Object given) {
        if (entries == null) {
            throw new ConfigException("Missing required configuration " + KEY + " which has no default value.");
        }
        return parse(entries, given);
    }

    /**
     * The entries normalized to {@code host:port} ({@code [v6]:port} for IPv6 literals); empty entries skipped.
     *
     * @param given the value as the user gave it, for the message when no entry is left
     */
    public static List<String> parse(List<String> entries, Object given) {
        List<String> out = new ArrayList<>(entries.size());
        for (String raw : entries) {
            String entry = raw == null ? "" : raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            out.add(normalize(entry));
        }
        if (out.isEmpty()) {
            throw new ConfigException(ValueParser.invalid(KEY, given,
                    "at least one host:port is required"));
        }
        return Collections.unmodifiableList(out);
    }

    public static List<InetSocketAddress> toUnresolvedAddresses(List<String> normalized) {
        List<InetSocketAddress> out = new ArrayList<>(normalized.size());
        for (String entry : normalized) {
            int colon = entry.lastIndexOf(':');
            String host = entry.substring(0, colon);
            if (host.startsWith("[")) {
                host = host.substring(1, host.length() - 1);
            }
            out.add(InetSocketAddress.createUnresolved(host, Integer.parseInt(entry.substring(colon + 1))));
        }
        return Collections.unmodifiableList(out);
    }

    private static String normalize(String entry) {
        String rest = entry;
        Matcher scheme = SCHEME.matcher(rest);
        if (scheme.find()) {
            rest = rest.substring(scheme.end());
        }
        String host;
        String port;
        boolean ipv6;
        Matcher m = BRACKETED.matcher(rest);
        if (m.matches()) {
            host = m.group(1);
            port = m.group(2);
            ipv6 = true;
        } else {
            m = PLAIN.matcher(rest);
            if (!m.matches()) {
                throw new ConfigException(ValueParser.invalid(KEY, entry, "expected host:port, e.g. localhost:9092"));
            }
            host = m.group(1);
            port = m.group(2);
            ipv6 = host.indexOf(':') >= 0;
            if (!ipv6 && !HOST_NAME.matcher(host).matches()) {
                throw new ConfigException(ValueParser.invalid(KEY, entry, "expected host:port, e.g. localhost:9092"));
            }
        }
        if (host.isEmpty() || host.equals(":")) {
            throw new ConfigException(ValueParser.invalid(KEY, entry, "the host is missing"));
        }
        int portNumber;
        try {
            portNumber = port.length() > 5 ? -1 : Integer.parseInt(port);
        } catch (NumberFormatException e) {
            portNumber = -1;
        }
        if (portNumber < 1 || portNumber > 65535) {
            throw new ConfigException(ValueParser.invalid(KEY, entry, "the port must be between 1 and 65535"));
        }
        return (ipv6 ? "[" + host + "]" : host) + ":" + portNumber;
    }
}
