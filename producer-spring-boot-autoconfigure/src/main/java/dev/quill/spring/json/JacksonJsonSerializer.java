package dev.quill.spring.json;

import java.util.Objects;

import tools.jackson.databind.ObjectMapper;

import dev.quill.producer.Headers;
import dev.quill.producer.Serializer;

/**
 * Writes keys or values as JSON (UTF-8) with a Jackson 3 mapper. The auto-configuration uses the
 * application's {@code JsonMapper} bean for {@code quill.producer.value-serializer: json}, so that records
 * look like the application's HTTP responses (same modules, naming strategy, date format).
 *
 * @param <T> the type written
 */
public final class JacksonJsonSerializer<T> implements Serializer<T> {

    private final ObjectMapper mapper;

    public JacksonJsonSerializer(ObjectMapper mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    @Override
    public byte[] serialize(String topic, Headers headers, T data) {
        // A null value is a tombstone on a compacted topic: it must stay null, not become the text "null".
        return data == null ? null : mapper.writeValueAsBytes(data);
    }

    /** The mapper in use. */
    public ObjectMapper mapper() {
        return mapper;
    }
}
