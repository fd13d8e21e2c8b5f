package dev.quill.producer.internal.network;

/** A broker as metadata names it. Bootstrap servers get negative ids until metadata gives real ones. */
public record Node(int id, String host, int port, String rack) {

    public String address() {
        return host + ":" + port;
    }

    @Override
    public String toString() {
        return "broker " + id + " (" + address() + ")";
    }
}
