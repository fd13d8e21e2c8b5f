package dev.quill.producer.internal.network;

/** A broker as metadata names it. Bootstrap servers get negative ids until metadata gives real ones. */
public record Node(int id, String host, int port, String rack) {

    public String address() {
        return host + ":" + port;
    }

    /** {@code broker 1 (host:port)}, or {@code bootstrap server host:port}: an operator knows no negative ids. */
    @Override
    public String toString() {
        return id < 0 ? "bootstrap server " + address() : "broker " + id + " (" + address() + ")";
    }
}
