package dev.quill.producer.serialization;

import static dev.quill.producer.serialization.AvroFrames.serializer;
import static dev.quill.producer.serialization.AvroFrames.uniqueTopic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.quill.producer.internal.json.Json;
import dev.quill.producer.testkit.SchemaRegistry;

/**
 * Confluent's own JavaScript client ({@code @confluentinc/schemaregistry} from npm) reads what the serializer wrote:
 * an implementation of the wire format independent of Quill's. Needs node and npm; skipped, visibly, without them
 * or when the package cannot be installed.
 */
class AvroConfluentJsClientTest {

    private static final Schema CUSTOMER = new Schema.Parser().parse("""
            {"type":"record","name":"Customer","namespace":"dev.quill.test","fields":[
              {"name":"name","type":"string"},
              {"name":"age","type":"int"},
              {"name":"points","type":"long"},
              {"name":"score","type":"double"},
              {"name":"active","type":"boolean"},
              {"name":"nickname","type":["null","string"],"default":null}]}""");

    private static Path dir;
    private static SchemaRegistry registry;

    @BeforeAll
    static void installClient() throws Exception {
        assumeTrue(onPath("node") && onPath("npm"), "node and npm are not on the PATH");
        dir = Path.of(System.getProperty("quill.schema-registry.home", "target/apicurio-registry"))
                .toAbsolutePath().resolveSibling("confluent-js");
        Files.createDirectories(dir);
        copyResource("package.json");
        copyResource("decode.js");
        if (!Files.isDirectory(dir.resolve("node_modules/@confluentinc/schemaregistry"))) {
            Run install = run(List.of("npm", "install", "--no-audit", "--no-fund", "--ignore-scripts"), 300);
            assumeTrue(install.exitCode == 0, "npm install @confluentinc/schemaregistry failed: " + install.error);
        }
        registry = SchemaRegistry.shared();
    }

    @Test
    void aGenericRecordReadsBackFieldByField() throws Exception {
        GenericRecord customer = new GenericData.Record(CUSTOMER);
        customer.put("name", "Ada");
        customer.put("age", 36);
        customer.put("points", 1_234_567_890_123L);
        customer.put("score", 98.5);
        customer.put("active", true);
        customer.put("nickname", "countess");
        String topic = uniqueTopic("js-record");

        Map<String, Object> read = Json.parseObject(decode(topic, "value",
                serializer(registry.url(), false).serialize(topic, null, customer)));

        assertThat(read).containsEntry("name", "Ada").containsEntry("age", 36.0)
                .containsEntry("points", 1_234_567_890_123.0).containsEntry("score", 98.5)
                .containsEntry("active", true).containsEntry("nickname", "countess");
    }

    @Test
    void primitivesAndRawBytesReadBack() throws Exception {
        String stringTopic = uniqueTopic("js-string");
        String bytesTopic = uniqueTopic("js-bytes");
        String longTopic = uniqueTopic("js-long");

        String text = decode(stringTopic, "key", serializer(registry.url(), true).serialize(stringTopic, null, "héllo"));
        String bytes = decode(bytesTopic, "value",
                serializer(registry.url(), false).serialize(bytesTopic, null, new byte[] {1, 2, (byte) 0xff}));
        String number = decode(longTopic, "value", serializer(registry.url(), false).serialize(longTopic, null, -42L));

        assertThat(text).isEqualTo("\"héllo\"");
        assertThat(bytes).isEqualTo("{\"hex\":\"0102ff\"}");
        assertThat(number).isEqualTo("-42");
    }

    private static String decode(String topic, String kind, byte[] framed) throws Exception {
        Run decoded = run(List.of("node", "decode.js", registry.url(), topic, HexFormat.of().formatHex(framed), kind),
                60);
        assertThat(decoded.exitCode).as("node decode.js failed: %s", decoded.error).isZero();
        return decoded.output;
    }

    private record Run(int exitCode, String output, String error) {
    }

    private static Run run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process process = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return new Run(-1, "", command + " did not finish within " + timeoutSeconds + " s");
        }
        Run run = new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
        return run;
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        List<Path> candidates = new ArrayList<>();
        for (String entry : path == null ? new String[0] : path.split(File.pathSeparator)) {
            candidates.add(Path.of(entry, program));
        }
        return candidates.stream().anyMatch(Files::isExecutable);
    }

    private static void copyResource(String name) throws IOException {
        try (InputStream in = AvroConfluentJsClientTest.class.getResourceAsStream("/confluent-js/" + name)) {
            Files.copy(in, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
