package dev.quill.producer.serialization;

import dev.quill.producer.Headers;
import dev.quill.producer.Serializer;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/**
 * A UUID as its 36-character string form ({@code 123e4567-e89b-...}), encoded like {@link StringSerializer}
 * (UTF-8 unless the encoding keys say otherwise). Not the 16 raw bytes: kafka-clients' {@code UUIDSerializer}
 * writes the text, and consumers with its {@code UUIDDeserializer} expect it. Null stays null.
 */
public final class UUIDSerializer implements Serializer<UUID> {

    private volatile Charset charset = StandardCharsets.UTF_8;

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        charset = Encodings.fromConfig(configs, isKey, charset);
    }

    @Override
    public byte[] serialize(String topic, Headers headers, UUID data) {
        return data == null ? null : data.toString().getBytes(charset);
    }
}
