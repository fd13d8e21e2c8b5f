package dev.quill.producer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The versions a failure message tells users to add (from the build) are the versions the quill-dependencies BOM
 * manages for them, so that adding an optional library without a version gets the one Quill is tested with.
 */
class OptionalLibrariesVersionsTest {

    @ParameterizedTest
    @CsvSource({"snappy, snappy.version", "lz4, lz4.version", "zstd, zstd.version", "avro, avro.version"})
    void whenABomManagesAnOptionalLibraryThenItIsTheVersionQuillNames(String library, String property) throws Exception {
        String bom = Files.readString(Path.of("../quill-dependencies/pom.xml"));
        Matcher managed = Pattern.compile("<" + Pattern.quote(property) + ">([^<]+)</").matcher(bom);
        assertThat(managed.find()).as(property + " in quill-dependencies").isTrue();

        assertThat(OptionalLibraries.coordinates(library)).endsWith(":" + managed.group(1));
    }
}
