package dev.quill.producer.internal.security;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.quill.producer.errors.ConfigException;

/**
 * {@code sasl.jaas.config} in Kafka's format: one login module, a control flag and {@code key=value} options,
 * ended by a semicolon, e.g. {@code org.apache.kafka.common.security.plain.PlainLoginModule required
 * username="alice" password="secret";}. Quoted values follow Java string escapes for {@code \"} and
 * {@code \\}, as the JDK tokenizer Kafka uses does.
 *
 * <p>Every error message describes the problem by position and kind only: the text holds a password.
 */
public record JaasConfig(String loginModule, Map<String, String> options) {

    private static final String KEY = "sasl.jaas.config";
    private static final List<String> FLAGS = List.of("required", "requisite", "sufficient", "optional");
    /** Kafka's login modules whose options carry a user name and password. */
    public static final String PLAIN_LOGIN_MODULE = "org.apache.kafka.common.security.plain.PlainLoginModule";
    public static final String SCRAM_LOGIN_MODULE = "org.apache.kafka.common.security.scram.ScramLoginModule";
    public static final String OAUTHBEARER_LOGIN_MODULE =
            "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule";

    public static JaasConfig parse(String text) {
        Tokens tokens = new Tokens(text);
        String module = tokens.word("a login module class name");
        String flag = tokens.word("a control flag (" + String.join(", ", FLAGS) + ")");
        if (!FLAGS.contains(flag.toLowerCase(Locale.ROOT))) {
            throw invalid("the control flag after the login module must be one of " + FLAGS);
        }
        Map<String, String> options = new LinkedHashMap<>();
        while (!tokens.atSemicolon()) {
            String name = tokens.word("an option name or ';'");
            tokens.expect('=');
            String value = tokens.value();
            options.put(name, value);
        }
        tokens.skipSemicolon();
        if (!tokens.atEnd()) {
            throw invalid("it holds more than one login module; Kafka clients take exactly one");
        }
        return new JaasConfig(module, Map.copyOf(options));
    }

    /** The user name and password options, as PLAIN and SCRAM need them. */
    public SaslCredentials credentials(String mechanism) {
        if (!loginModule.equals(PLAIN_LOGIN_MODULE) && !loginModule.equals(SCRAM_LOGIN_MODULE)) {
            throw invalid("login module " + loginModule + " is not supported yet; for " + mechanism + " use "
                    + (mechanism.equals("PLAIN") ? PLAIN_LOGIN_MODULE : SCRAM_LOGIN_MODULE));
        }
        String username = options.get("username");
        String password = options.get("password");
        if (username == null || password == null) {
            throw invalid("the " + mechanism + " login module needs both username and password options");
        }
        return new SaslCredentials(username, password);
    }

    /** The options of Kafka's OAuthBearerLoginModule, as OAUTHBEARER needs them. */
    public Map<String, String> oauthBearerOptions() {
        if (!loginModule.equals(OAUTHBEARER_LOGIN_MODULE)) {
            throw invalid("login module " + loginModule + " does not serve OAUTHBEARER; use " + OAUTHBEARER_LOGIN_MODULE);
        }
        return options;
    }

    @Override
    public String toString() {
        return "JaasConfig[" + loginModule + ", options " + options.keySet() + " (values hidden)]";
    }

    private static ConfigException invalid(String why) {
        return new ConfigException("Invalid value [hidden] for configuration " + KEY + ": " + why);
    }

    /** A hand-written tokenizer: words, '=' and ';', and double-quoted strings with backslash escapes. */
    private static final class Tokens {
        private final String text;
        private int pos;

        Tokens(String text) {
            this.text = text;
        }

        private void skipSpace() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        boolean atEnd() {
            skipSpace();
            return pos >= text.length();
        }

        boolean atSemicolon() {
            if (atEnd()) {
                throw invalid("it must end with ';'");
            }
            return text.charAt(pos) == ';';
        }

        void skipSemicolon() {
            pos++;
        }

        void expect(char c) {
            skipSpace();
            if (pos >= text.length() || text.charAt(pos) != c) {
                throw invalid("expected '" + c + "' at character " + pos);
            }
            pos++;
        }

        String word(String what) {
            skipSpace();
            int start = pos;
            while (pos < text.length() && isWordChar(text.charAt(pos))) {
                pos++;
            }
            if (start == pos) {
                throw invalid("expected " + what + " at character " + start);
            }
            return text.substring(start, pos);
        }

        String value() {
            skipSpace();
            if (pos < text.length() && text.charAt(pos) == '"') {
                pos++;
                StringBuilder out = new StringBuilder();
                while (pos < text.length()) {
                    char c = text.charAt(pos++);
                    if (c == '"') {
                        return out.toString();
                    }
                    if (c == '\\' && pos < text.length()) {
                        char next = text.charAt(pos++);
                        out.append(switch (next) {
                            case 'n' -> '\n';
                            case 't' -> '\t';
                            case 'r' -> '\r';
                            default -> next;
                        });
                    } else {
                        out.append(c);
                    }
                }
                throw invalid("a quoted value is not closed");
            }
            return word("an option value");
        }

        private static boolean isWordChar(char c) {
            return Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-' || c == '$' || c == '/'
                    || c == ':' || c == '@' || c == '+';
        }
    }

    /** Quotes a value for a generated {@code sasl.jaas.config}, so that any password survives {@link #parse}. */
    public static String quote(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
