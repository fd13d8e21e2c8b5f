package dev.quill.producer.internal.json;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The little JSON Quill needs: string literals for the documents it writes, and the top-level
 * members of the objects identity providers and Schema Registries answer with (nested values are skipped).
 */
public final class Json {

    /** A value the caller does not get: nested objects and arrays, and null. */
    private static final Object SKIPPED = new Object();

    private final String text;
    private int pos;

    private Json(String text) {
        this.text = text;
    }

    /** The top level of a JSON object: strings, numbers, booleans and nulls; an empty map when it is not one. */
    public static Map<String, Object> parseObject(String text) {
        if (text == null) {
            return Map.of();
        }
        try {
            return new Json(text).object();
        } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
            return Map.of();
        }
    }

    private Map<String, Object> object() {
        Map<String, Object> members = new LinkedHashMap<>();
        expect('{');
        if (peek() == '}') {
            pos++;
            return members;
        }
        while (true) {
            String name = stringValue();
            expect(':');
            Object value = value();
            if (value != SKIPPED) {
                members.put(name, value);
            }
            char next = next();
            if (next == '}') {
                return members;
            }
            if (next != ',') {
                throw new IllegalArgumentException("expected , or }");
            }
        }
    }

    private Object value() {
        char c = peek();
        if (c == '"') {
            return stringValue();
        }
        if (c == '{' || c == '[') {
            skipNested();
            return SKIPPED;
        }
        int start = pos;
        while (pos < text.length() && ",}] \t\r\n".indexOf(text.charAt(pos)) < 0) {
            pos++;
        }
        String word = text.substring(start, pos);
        return switch (word) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            case "null" -> SKIPPED;
            default -> Double.valueOf(word);
        };
    }

    private String stringValue() {
        expect('"');
        StringBuilder out = new StringBuilder();
        while (true) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return out.toString();
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char escaped = text.charAt(pos++);
            switch (escaped) {
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'u' -> {
                    out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                    pos += 4;
                }
                default -> out.append(escaped);
            }
        }
    }

    private void skipNested() {
        int depth = 0;
        do {
            char c = text.charAt(pos);
            if (c == '"') {
                stringValue();
                continue;
            }
            if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
            }
            pos++;
        } while (depth > 0);
    }

    private void expect(char c) {
        if (next() != c) {
            throw new IllegalArgumentException("expected " + c);
        }
    }

    private char next() {
        char c = peek();
        pos++;
        return c;
    }

    private char peek() {
        while (Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
        return text.charAt(pos);
    }

    public static String string(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
