package dev.quill.producer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quill.producer.internal.config.ConfigKey;
import dev.quill.producer.internal.config.ProducerConfigKeys;
import dev.quill.producer.internal.security.SaslMechanisms;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each key is documented once, on its {@code *_CONFIG} constant, with its default written as
 * {@code Default: {@code value}.}; the getters and builder methods refer to the constant. Javadoc is gone at run
 * time, so these tests read {@code ProducerConfig.java} itself and hold the documented defaults against
 * {@link ProducerConfigKeys}, the table the producer actually applies.
 */
class ProducerConfigDocumentationTest {

    /** Surefire runs in the module directory. */
    private static final Path SOURCE = Path.of("src/main/java/dev/quill/producer/ProducerConfig.java");

    /** Constants whose Javadoc states no {@code Default:} clause, each with the reason. */
    private static final Map<String, String> WITHOUT_DEFAULT = Map.of(
            "BOOTSTRAP_SERVERS_CONFIG", "required: the producer cannot start without it",
            "KEY_SERIALIZER_CLASS_CONFIG", "none: a producer is given a serializer instance or this key",
            "VALUE_SERIALIZER_CLASS_CONFIG", "none: a producer is given a serializer instance or this key");

    private static final Pattern JAVADOC = Pattern.compile("/\\*\\*(.*?)\\*/", Pattern.DOTALL);
    private static final Pattern CONSTANT = Pattern.compile(
            "\\A\\s*public static final String (\\w+_CONFIG)\\s*=");
    private static final Pattern DEFAULT_CLAUSE = Pattern.compile("Default: \\{@code ([^}]*)}");
    /** A declaration with a parameter list: a method or constructor. */
    private static final Pattern METHOD = Pattern.compile("\\A\\s*(?:@\\w+(?:\\([^)]*\\))?\\s*)*"
            + "(?:public |protected |private |static |final |synchronized )*[\\w<>?,\\[\\]. ]+?\\s(\\w+)\\(");
    /** "default" or "defaults", but not "defaulted": a method may say a value was defaulted, not what to. */
    private static final Pattern DEFAULT_WORD = Pattern.compile("(?i)\\bdefaults?\\b");
    /** Methods whose subject is defaults themselves. */
    private static final Set<String> ABOUT_DEFAULTS = Set.of("defaultValue");

    private static List<Doc> docs;

    /** A Javadoc comment, flattened to one line, and the declaration that follows it. */
    private record Doc(String text, String declaration) {
    }

    @BeforeAll
    static void readSource() throws IOException {
        String source = Files.readString(SOURCE);
        docs = new ArrayList<>();
        Matcher m = JAVADOC.matcher(source);
        while (m.find()) {
            String text = Arrays.stream(m.group(1).split("\n"))
                    .map(line -> line.strip().replaceFirst("^\\*\\s?", ""))
                    .collect(Collectors.joining(" ")).replaceAll("\\s+", " ").strip();
            docs.add(new Doc(text, source.substring(m.end(), Math.min(source.length(), m.end() + 400))));
        }
    }

    @Test
    void everyKeyConstantIsDocumented() {
        assertThat(constantDocs().keySet()).as("documented *_CONFIG constants in " + SOURCE)
                .containsExactlyInAnyOrderElementsOf(constantNames());
        assertThat(constantDocs().keySet()).containsAll(WITHOUT_DEFAULT.keySet());
    }

    @Test
    void documentedDefaultsAreTheOnesApplied() throws ReflectiveOperationException {
        List<String> drift = new ArrayList<>();
        for (Map.Entry<String, String> e : constantDocs().entrySet()) {
            String constant = e.getKey();
            String key = (String) ProducerConfig.class.getField(constant).get(null);
            ConfigKey configKey = ProducerConfigKeys.get(key);
            assertThat(configKey).as("%s names a known key", constant).isNotNull();
            List<String> clauses = new ArrayList<>();
            Matcher m = DEFAULT_CLAUSE.matcher(e.getValue());
            while (m.find()) {
                clauses.add(m.group(1));
            }
            if (WITHOUT_DEFAULT.containsKey(constant)) {
                if (!clauses.isEmpty()) {
                    drift.add(constant + " is listed as without a default (" + WITHOUT_DEFAULT.get(constant)
                            + ") but documents Default: " + clauses);
                }
                if (configKey.hasDefault()) {
                    drift.add(constant + " is listed as without a default, but " + key + " has "
                            + rendered(configKey.defaultValue()));
                }
                continue;
            }
            if (clauses.size() != 1) {
                drift.add(constant + " must state its default exactly once as Default: {@code ...}; found "
                        + clauses);
            } else if (!configKey.hasDefault()) {
                drift.add(constant + " documents Default: " + clauses.get(0) + ", but " + key + " has none");
            } else if (!clauses.get(0).equals(rendered(configKey.defaultValue()))) {
                drift.add(constant + " documents Default: " + clauses.get(0) + ", but " + key + " defaults to "
                        + rendered(configKey.defaultValue()));
            }
        }
        assertThat(drift).as("documented defaults differing from ProducerConfigKeys").isEmpty();
    }

    /** The getters and builder methods point to the constant; a default stated there again would drift. */
    @Test
    void methodsDoNotRestateDefaults() {
        List<String> restating = new ArrayList<>();
        for (Doc doc : docs) {
            Matcher method = METHOD.matcher(doc.declaration());
            if (method.find() && !ABOUT_DEFAULTS.contains(method.group(1)) && DEFAULT_WORD.matcher(doc.text()).find()) {
                restating.add(method.group(1) + ": " + doc.text());
            }
        }
        assertThat(restating).as("method Javadoc mentioning a default; document it on the *_CONFIG constant")
                .isEmpty();
    }

    @Test
    void methodDetectionFindsTheGettersAndBuilderMethods() {
        Set<String> methods = new TreeSet<>();
        for (Doc doc : docs) {
            Matcher m = METHOD.matcher(doc.declaration());
            if (m.find()) {
                methods.add(m.group(1));
            }
        }
        assertThat(methods).contains("lingerMs", "maxBlockMs", "linger", "maxBlock", "defaultValue", "build");
    }

    @Test
    void saslMechanismNamesEveryMechanismQuillSpeaks() {
        assertThat(constantDocs().get("SASL_MECHANISM_CONFIG")).contains(SaslMechanisms.SUPPORTED);
    }

    /** The default as a properties file would spell it, which is how the Javadoc writes it. */
    private static String rendered(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof List<?> list) {
            return list.isEmpty() ? "\"\"" : list.stream().map(String::valueOf).collect(Collectors.joining(","));
        }
        String text = String.valueOf(value);
        return text.isEmpty() ? "\"\"" : text;
    }

    private static Map<String, String> constantDocs() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Doc doc : docs) {
            Matcher m = CONSTANT.matcher(doc.declaration());
            if (m.find()) {
                out.put(m.group(1), doc.text());
            }
        }
        return out;
    }

    private static Set<String> constantNames() {
        Set<String> names = new TreeSet<>();
        for (Field f : ProducerConfig.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class && f.getName().endsWith("_CONFIG")) {
                names.add(f.getName());
            }
        }
        assertThat(names).hasSizeGreaterThan(40);
        return names;
    }
}
