package dev.quill.producer.internal.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quill.producer.CompressionType;
import dev.quill.producer.errors.ConfigException;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class CodecsTest {

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void everyCodecIsAvailableWithItsLibraryAndCached(CompressionType type) {
        Codec codec = Codecs.forType(type);

        assertThat(codec.type()).isEqualTo(type);
        assertThat(Codecs.forType(type)).isSameAs(codec);
    }

    @Test
    void missingLibraryNamesTheSettingAndTheArtifact() {
        assertThatThrownBy(() -> Codecs.load(CompressionType.SNAPPY, "org.xerial.snappy.NoSuchClass",
                "snappy", () -> {
                    throw new AssertionError("must not be created");
                }))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Invalid value snappy for configuration compression.type: it needs "
                        + "org.xerial.snappy:snappy-java on the class path; add org.xerial.snappy:snappy-java:1.1.10.7 "
                        + "to the application's dependencies");
    }

    @Test
    void missingLibraryMessage() {
        assertThat(Codecs.missingLibraryMessage(CompressionType.ZSTD, "zstd"))
                .isEqualTo("Invalid value zstd for configuration compression.type: it needs com.github.luben:zstd-jni "
                        + "on the class path; add com.github.luben:zstd-jni:1.5.6-10 to the application's "
                        + "dependencies, or choose another compression.type");
    }

    @Test
    void nativePartThatFailsToLoadIsAConfigError() {
        assertThatThrownBy(() -> Codecs.load(CompressionType.ZSTD, "java.lang.String", "zstd",
                () -> {
                    throw new UnsatisfiedLinkError("no zstd-jni in java.library.path");
                }))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Invalid value zstd for configuration compression.type")
                .hasMessageContaining("com.github.luben:zstd-jni")
                .hasMessageContaining("UnsatisfiedLinkError");
    }

    @ParameterizedTest
    @CsvSource({"GZIP, 1", "GZIP, 9", "GZIP, -1", "LZ4, 1", "LZ4, 9", "LZ4, 17", "ZSTD, -5", "ZSTD, 1", "ZSTD, 3",
            "ZSTD, 19", "SNAPPY, 0"})
    void everyLevelInRangeMakesABatchKafkaReads(CompressionType type, int level) {
        List<TestRecord> records = SampleRecords.mixed();
        RecordBatchBuilder builder = new RecordBatchBuilder(ByteBuffer.allocate(1024 * 1024), type, level);
        RecordBatchBuilderTest.appendAll(builder, records);

        KafkaReader.assertBatch(builder.close(), type, records);
    }

    @Test
    void levelRanges() {
        assertThat(CompressionLevels.isValid(CompressionType.GZIP, -1)).isTrue();
        assertThat(CompressionLevels.isValid(CompressionType.GZIP, 0)).isFalse();
        assertThat(CompressionLevels.isValid(CompressionType.GZIP, 9)).isTrue();
        assertThat(CompressionLevels.isValid(CompressionType.GZIP, 10)).isFalse();
        assertThat(CompressionLevels.isValid(CompressionType.LZ4, 0)).isFalse();
        assertThat(CompressionLevels.isValid(CompressionType.LZ4, 17)).isTrue();
        assertThat(CompressionLevels.isValid(CompressionType.LZ4, 18)).isFalse();
        assertThat(CompressionLevels.isValid(CompressionType.ZSTD, -131072)).isTrue();
        assertThat(CompressionLevels.isValid(CompressionType.ZSTD, -131073)).isFalse();
        assertThat(CompressionLevels.isValid(CompressionType.ZSTD, 22)).isTrue();
        assertThat(CompressionLevels.isValid(CompressionType.ZSTD, 23)).isFalse();
        assertThat(CompressionLevels.isValid(CompressionType.SNAPPY, 123)).isTrue();
        assertThat(CompressionLevels.describeRange(CompressionType.LZ4)).isEqualTo("Value must be between 1 and 17");
    }

    @ParameterizedTest
    @EnumSource(value = CompressionType.class, names = {"GZIP", "LZ4", "ZSTD"})
    void levelDefaultsAndRangesMatchKafka(CompressionType type) {
        org.apache.kafka.common.record.CompressionType kafka = org.apache.kafka.common.record.CompressionType.forId(RecordBatchLayout.compressionId(type));
        assertThat(CompressionLevels.defaultLevel(type)).isEqualTo(kafka.defaultLevel());
        for (int level : new int[] {Integer.MIN_VALUE, -131073, -131072, -2, -1, 0, 1, 9, 10, 17, 18, 22, 23, 100}) {
            boolean kafkaAccepts;
            try {
                kafka.levelValidator().ensureValid("compression." + type.configName + ".level", level);
                kafkaAccepts = true;
            } catch (org.apache.kafka.common.config.ConfigException e) {
                kafkaAccepts = false;
            }
            assertThat(CompressionLevels.isValid(type, level)).as("%s level %d", type, level).isEqualTo(kafkaAccepts);
        }
    }
}
