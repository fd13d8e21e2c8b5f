package dev.quill.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.quill.producer.errors.ConfigException;

/**
 * A codec's library missing when the producer starts is reported against {@code quill.producer.compression-type},
 * with the dependency to add. The libraries are on this module's test class path, so the core's refusal is built
 * here as the core words it (see the core's OptionalLibrariesAbsentTest for the refusal itself).
 */
class CompressionLibraryFailureTests {

    @Test
    void whenTheCodecsLibraryIsMissingThenTheFailureNamesThePropertyAndTheDependencyToAdd() {
        QuillProducerProperties properties = new QuillProducerProperties();
        properties.setCompressionType("zstd");
        ProducerConfigFactory factory = new ProducerConfigFactory(properties);
        factory.kafkaConfig();
        ConfigException refusal = new ConfigException("Invalid value zstd for configuration compression.type: it needs "
                + "com.github.luben:zstd-jni on the class path; add com.github.luben:zstd-jni:1.5.6-10 to the "
                + "application's dependencies, or choose another compression.type");

        FailureAnalysis analysis = new InvalidQuillPropertyFailureAnalyzer().analyze(factory.translate(refusal));

        assertThat(analysis.getDescription()).contains("quill.producer.compression-type", "'zstd'",
                "com.github.luben:zstd-jni:1.5.6-10");
        assertThat(analysis.getAction()).contains("none, gzip, snappy, lz4, zstd");
    }
}
