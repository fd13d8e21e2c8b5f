package dev.quill.producer.internal.config;

/**
 * One configuration key: its type, Quill's default (or {@link #NO_DEFAULT}), the rule on its values, and
 * what Quill does with it.
 */
public record ConfigKey(String name, ConfigType type, Object defaultValue, Validator validator, Support support,
                        String note) {

    /** Marks a key that has no default: it must be given (or, for serializers, be passed as an instance). */
    public static final Object NO_DEFAULT = new Object() {
        @Override
        public String toString() {
            return "<no default>";
        }
    };

    public boolean hasDefault() {
        return defaultValue != NO_DEFAULT;
    }
}
