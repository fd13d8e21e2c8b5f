package dev.quill.producer.internal.config;

import dev.quill.producer.errors.ConfigException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every known key's value before the cross-key rules: the given value parsed by its key's type and rule, or the
 * key's default. Unknown keys are set aside rather than refused, as kafka-clients does, because serializers and
 * partitioners may read keys of their own.
 *
 * @param values each known key's value, mutable so that the cross-key rules can adjust it; null for a key without a
 *        default that was not given
 * @param unknownKeys given keys neither the producer nor Quill's serializers know, in the order given
 */
public record ParsedValues(Map<String, Object> values, List<String> unknownKeys) {

    private static final String CLIENT_ID = "client.id";

    /**
     * @param given the configuration as given, keys already known to be strings
     * @throws ConfigException naming the key, value and rule of the first invalid value
     */
    public static ParsedValues parse(Map<String, Object> given) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (ConfigKey key : ProducerConfigKeys.all().values()) {
            values.put(key.name(), key.hasDefault() ? key.defaultValue() : null);
        }
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<String, Object> e : given.entrySet()) {
            ConfigKey key = ProducerConfigKeys.get(e.getKey());
            if (key == null) {
                if (!ProducerConfigKeys.isSerializerKey(e.getKey())) {
                    unknown.add(e.getKey());
                }
                continue;
            }
            Object parsed = ValueParser.parse(key, e.getValue());
            if (parsed == null && key.hasDefault() && key.defaultValue() != null) {
                // kafka-clients refuses null for a key with a default, except client.id, where null means unset.
                if (!key.name().equals(CLIENT_ID)) {
                    throw new ConfigException(ValueParser.invalid(key.name(), null, "Value must be non-null"));
                }
                parsed = "";
            }
            values.put(key.name(), parsed);
        }
        return new ParsedValues(values, Collections.unmodifiableList(unknown));
    }
}
