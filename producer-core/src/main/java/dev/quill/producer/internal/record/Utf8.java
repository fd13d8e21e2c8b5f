package dev.quill.producer.internal.record;

import java.nio.ByteBuffer;

/**
 * UTF-8 without {@code String.getBytes}: header keys are encoded straight into the batch so that appending a
 * record allocates nothing. An unpaired surrogate becomes {@code '?'}, as {@code getBytes(UTF_8)} would write it,
 * so readers decode the same key Kafka's client would have sent.
 */
final class Utf8 {

    private Utf8() {
    }

    static int encodedLength(String s) {
        int length = s.length();
        int bytes = length;
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                continue;
            }
            if (c < 0x800) {
                bytes += 1;
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(s.charAt(i + 1))) {
                // Two chars become four bytes.
                bytes += 2;
                i++;
            } else if (Character.isSurrogate(c)) {
                // Replaced by one '?' byte: already counted.
                continue;
            } else {
                bytes += 2;
            }
        }
        return bytes;
    }

    static void encode(String s, ByteBuffer out) {
        int length = s.length();
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                out.put((byte) c);
            } else if (c < 0x800) {
                out.put((byte) (0xC0 | (c >> 6)));
                out.put((byte) (0x80 | (c & 0x3F)));
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                out.put((byte) (0xF0 | (cp >> 18)));
                out.put((byte) (0x80 | ((cp >> 12) & 0x3F)));
                out.put((byte) (0x80 | ((cp >> 6) & 0x3F)));
                out.put((byte) (0x80 | (cp & 0x3F)));
            } else if (Character.isSurrogate(c)) {
                out.put((byte) '?');
            } else {
                out.put((byte) (0xE0 | (c >> 12)));
                out.put((byte) (0x80 | ((c >> 6) & 0x3F)));
                out.put((byte) (0x80 | (c & 0x3F)));
            }
        }
    }
}
