package dev.quill.producer.internal.record;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Utf8Test {

    @ParameterizedTest
    @ValueSource(strings = {"", "ascii", "ключ-✓", "é", "߿ࠀ", "￿", "😀 emoji", "a\uD800b", "\uDC00", "end\uD83D",
            "\uDBFF\uDFFF", "\u0000nul"})
    void sameBytesAsTheJdk(String s) {
        byte[] expected = s.getBytes(UTF_8);
        ByteBuffer out = ByteBuffer.allocate(expected.length + 8);

        Utf8.encode(s, out);

        assertThat(Utf8.encodedLength(s)).isEqualTo(expected.length);
        assertThat(Arrays.copyOf(out.array(), out.position())).isEqualTo(expected);
    }
}
