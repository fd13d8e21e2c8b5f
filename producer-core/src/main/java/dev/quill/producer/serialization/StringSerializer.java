package dev.quill.producer.serialization;

import dev.quill.producer.Headers;
import dev.quill.producer.Serializer;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * A string as its bytes in a charset: UTF-8 unless {@code key.serializer.encoding} (for keys),
 * {@code value.serializer.encoding} (for values) or {@code serializer.encoding} names another. The same bytes as
 * kafka-clients' {@code StringSerializer}; null stays null.
 *
 * <p>An instance made with an explicit charset keeps it: {@link #configure} changes only the charset of an
 * instance made with the no-argument constructor.
 */
public final class StringSerializer implements Serializer<String> {

    private final boolean fixed;
    private volatile Charset charset;

    public StringSerializer() {
        this.charset = StandardCharsets.UTF_8;
        this.fixed = false;
    }

    public StringSerializer(Charset charset) {
        this.charset = Objects.requireNonNull(charset, "charset");
        this.fixed = true;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (!fixed) {
            charset = Encodings.fromConfig(configs, isKey, charset);
        }
    }

    @Override
    public byte[] serialize(String topic, Headers headers, String data) {
        return data == null ? null : data.getBytes(charset);
    }

    public Charset charset() {
        return charset;
    }

    @Override
    public String toString() {
        return "StringSerializer[" + charset + "]";
    }
}
