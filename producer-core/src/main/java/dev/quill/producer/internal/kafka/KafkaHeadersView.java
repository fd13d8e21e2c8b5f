package dev.quill.producer.internal.kafka;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * A Quill record's headers seen through kafka-clients' {@link Headers}: what a kafka-clients serializer or
 * interceptor adds or removes changes the record itself, not a copy.
 */
final class KafkaHeadersView implements Headers {

    private final dev.quill.producer.Headers headers;
    private final boolean readOnly;

    /** @param readOnly true where kafka-clients hands out read-only headers (acknowledgements) */
    KafkaHeadersView(dev.quill.producer.Headers headers, boolean readOnly) {
        this.headers = headers;
        this.readOnly = readOnly;
    }

    @Override
    public Headers add(Header header) {
        checkWritable();
        headers.add(header.key(), header.value());
        return this;
    }

    @Override
    public Headers add(String key, byte[] value) {
        checkWritable();
        headers.add(key, value);
        return this;
    }

    @Override
    public Headers remove(String key) {
        checkWritable();
        headers.remove(key);
        return this;
    }

    @Override
    public Header lastHeader(String key) {
        dev.quill.producer.Header last = headers.lastHeader(key);
        return last == null ? null : toKafka(last);
    }

    @Override
    public Iterable<Header> headers(String key) {
        List<Header> named = new ArrayList<>();
        for (dev.quill.producer.Header h : headers) {
            if (h.key().equals(key)) {
                named.add(toKafka(h));
            }
        }
        return named;
    }

    @Override
    public Header[] toArray() {
        Header[] all = new Header[headers.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = toKafka(headers.get(i));
        }
        return all;
    }

    @Override
    public Iterator<Header> iterator() {
        Iterator<dev.quill.producer.Header> it = headers.iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public Header next() {
                return toKafka(it.next());
            }
        };
    }

    static Header toKafka(dev.quill.producer.Header header) {
        return new RecordHeader(header.key(), header.value());
    }

    private void checkWritable() {
        if (readOnly) {
            throw new IllegalStateException("headers are read-only once the record was sent");
        }
    }

    @Override
    public String toString() {
        return headers.toString();
    }
}
