package dev.quill.producer.internal.record;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quill.producer.CompressionType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Loads producer-core's own classes in a class loader that sees neither snappy-java, lz4-java nor zstd-jni,
 * as in an application that added none of them.
 */
class OptionalLibrariesAbsentTest {

    @ParameterizedTest
    @CsvSource({
            "SNAPPY, Invalid value snappy for configuration compression.type: it needs org.xerial.snappy:snappy-java on "
                    + "the class path; add org.xerial.snappy:snappy-java:1.1.10.7",
            "LZ4, Invalid value lz4 for configuration compression.type: it needs at.yawk.lz4:lz4-java on the class "
                    + "path; add at.yawk.lz4:lz4-java:1.10.1",
            "ZSTD, Invalid value zstd for configuration compression.type: it needs com.github.luben:zstd-jni on the "
                    + "class path; add com.github.luben:zstd-jni:1.5.6-10"})
    void choosingAnAbsentCodecIsAConfigError(CompressionType type, String message) throws Exception {
        try (URLClassLoader loader = coreOnly()) {
            Throwable thrown = forType(loader, type.name());

            assertThat(thrown).isNotNull();
            assertThat(thrown.getClass().getName()).isEqualTo("dev.quill.producer.errors.ConfigException");
            assertThat(thrown.getMessage()).startsWith(message);
        }
    }

    @Test
    void batchesWithoutCompressionOrWithGzipNeedNoOptionalLibrary() throws Exception {
        try (URLClassLoader loader = coreOnly()) {
            assertThat(forType(loader, "NONE")).isNull();
            assertThat(forType(loader, "GZIP")).isNull();

            Class<?> compression = loader.loadClass(CompressionType.class.getName());
            Class<?> builderClass = loader.loadClass(RecordBatchBuilder.class.getName());
            Object gzip = enumConstant(compression, "GZIP");
            Object builder = builderClass.getConstructor(ByteBuffer.class, compression, int.class)
                    .newInstance(ByteBuffer.allocate(1024), gzip, -1);
            Class<?> headers = loader.loadClass("dev.quill.producer.Headers");
            builderClass.getMethod("tryAppend", long.class, byte[].class, byte[].class, headers)
                    .invoke(builder, 1L, null, new byte[] {1}, null);
            ByteBuffer batch = (ByteBuffer) builderClass.getMethod("close").invoke(builder);

            assertThat(KafkaReader.onlyBatch(batch).countOrNull()).isEqualTo(1);
        }
    }

    private static URLClassLoader coreOnly() {
        URL coreClasses = Codecs.class.getProtectionDomain().getCodeSource().getLocation();
        return new URLClassLoader(new URL[] {coreClasses}, ClassLoader.getPlatformClassLoader());
    }

    private static Throwable forType(ClassLoader loader, String typeName) throws ReflectiveOperationException {
        Class<?> compression = loader.loadClass(CompressionType.class.getName());
        Method forType = loader.loadClass(Codecs.class.getName()).getMethod("forType", compression);
        try {
            forType.invoke(null, enumConstant(compression, typeName));
            return null;
        } catch (InvocationTargetException e) {
            return e.getCause();
        }
    }

    private static Object enumConstant(Class<?> enumClass, String name) throws ReflectiveOperationException {
        return enumClass.getMethod("valueOf", String.class).invoke(null, name);
    }
}
