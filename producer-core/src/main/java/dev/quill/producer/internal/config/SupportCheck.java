package dev.quill.producer.internal.config;

import dev.quill.producer.errors.ConfigException;

import java.util.List;
import java.util.Map;

/**
 * Holds the given keys against what Quill does with them ({@link Support}). A key Quill does not honour matters
 * only when set to something other than its default: a shared configuration file may well name it with the
 * default value, and that changes nothing.
 */
public final class SupportCheck {

    private SupportCheck() {
    }

    /**
     * Fails on a {@link Support#NOT_SUPPORTED} key and warns about a {@link Support#NO_EFFECT} key set to a value
     * other than its default.
     *
     * @param given the keys as the user gave them (only these are checked, with their value as given in messages)
     * @param values the parsed values
     * @param warnings where the keys without effect are reported
     * @throws ConfigException naming the first unsupported key, its value (unless secret) and why
     */
    public static void apply(Map<String, Object> given, Map<String, Object> values, List<String> warnings) {
        for (ConfigKey key : ProducerConfigKeys.all().values()) {
            if (key.support() == Support.USED || !given.containsKey(key.name())) {
                continue;
            }
            if (sameAsDefault(key, values.get(key.name()))) {
                continue;
            }
            String shown = ProducerConfigKeys.isSecret(key.name()) ? ValueText.HIDDEN
                    : ValueText.of(given.get(key.name()));
            if (key.support() == Support.NOT_SUPPORTED) {
                throw new ConfigException(ValueParser.invalid(key.name(), shown, key.note()));
            }
            warnings.add("Configuration " + key.name() + "=" + shown + " has no effect: " + key.note());
        }
    }

    /** Equal as kafka-clients would take them: enumerated strings ignore case, classes compare by name. */
    private static boolean sameAsDefault(ConfigKey key, Object value) {
        Object dflt = key.hasDefault() ? key.defaultValue() : null;
        if (value == null || dflt == null) {
            return value == dflt;
        }
        if (key.type() == ConfigType.STRING && key.validator() != null) {
            return ((String) value).equalsIgnoreCase((String) dflt);
        }
        if (key.type() == ConfigType.CLASS) {
            return ValueText.className(value).equals(ValueText.className(dflt));
        }
        return value.equals(dflt);
    }
}
