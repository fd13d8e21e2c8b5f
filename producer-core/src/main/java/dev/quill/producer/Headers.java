package dev.quill.producer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * The headers of a record, in order. Serializers may add headers while a record is being sent; once
 * the record is appended to a batch the headers are read-only and {@link #add} fails.
 */
public final class Headers implements Iterable<Header> {

    private static final List<Header> NONE = List.of();

    private List<Header> headers;
    private boolean readOnly;

    public Headers() {
        this.headers = NONE;
    }

    Headers(List<Header> initial) {
        this.headers = initial.isEmpty() ? NONE : new ArrayList<>(initial);
    }

    /** Appends a header; the value may be null. */
    public Headers add(String key, byte[] value) {
        return add(new Header(key, value));
    }

    public Headers add(Header header) {
        if (readOnly) {
            throw new IllegalStateException("headers are read-only once the record is appended to a batch");
        }
        if (headers == NONE) {
            headers = new ArrayList<>(4);
        }
        headers.add(header);
        return this;
    }

    /**
     * Removes every header with this name, as kafka-clients' {@code Headers.remove} does (serializers that replace
     * a type header rely on it).
     *
     * @throws IllegalStateException once the record is appended to a batch
     */
    public Headers remove(String key) {
        if (readOnly) {
            throw new IllegalStateException("headers are read-only once the record is appended to a batch");
        }
        if (headers != NONE) {
            headers.removeIf(h -> h.key().equals(key));
        }
        return this;
    }

    /** The last header with this name, or null: the usual choice when a name is meant to be unique. */
    public Header lastHeader(String key) {
        for (int i = headers.size() - 1; i >= 0; i--) {
            if (headers.get(i).key().equals(key)) {
                return headers.get(i);
            }
        }
        return null;
    }

    public int size() {
        return headers.size();
    }

    public boolean isEmpty() {
        return headers.isEmpty();
    }

    public Header get(int index) {
        return headers.get(index);
    }

    public List<Header> asList() {
        return Collections.unmodifiableList(headers);
    }

    void setReadOnly() {
        readOnly = true;
    }

    @Override
    public Iterator<Header> iterator() {
        return asList().iterator();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Headers h && headers.equals(h.headers);
    }

    @Override
    public int hashCode() {
        return headers.hashCode();
    }

    @Override
    public String toString() {
        return headers.toString();
    }
}
