package dev.quill.producer.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Schema Registry for tests: Apicurio Registry (unpacked by the build into {@code target/apicurio-registry})
 * in a child process on a free loopback port, in memory, serving Confluent's API at {@code /apis/ccompat/v7}.
 *
 * <p>Starting it takes seconds, so {@link #shared()} gives one per JVM; tests keep apart by unique subject names
 * (ids are content ids, the same schema has the same id under every subject). {@link SharedClustersShutdown}
 * stops it when the test run ends. It matches schemas by canonical form
 * ({@code apicurio.ccompat.use-canonical-hash=true}), as Confluent's registry does, and enforces compatibility only
 * on subjects given a rule with {@link #setCompatibility}.
 */
public final class SchemaRegistry implements AutoCloseable {

    private static final String HOME_PROPERTY = "quill.schema-registry.home";
    private static final String RUNNER_JAR = "apicurio-registry-app-3.0.9-runner.jar";
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static SchemaRegistry shared;

    private final Process process;
    private final int port;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private SchemaRegistry(Path home) throws IOException {
        Path jar = home.resolve(RUNNER_JAR);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run the build's process-test-resources phase, which "
                    + "unpacks io.apicurio:apicurio-registry-app into target/");
        }
        port = freePort();
        log = home.resolveSibling("apicurio-registry-" + port + ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        process = new ProcessBuilder(List.of(java,
                "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.http.access-log.enabled=false",
                "-Dquarkus.log.level=WARN",
                "-Dapicurio.ccompat.use-canonical-hash=true",
                "-jar", jar.toString()))
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        // A fallback for runs that end without the launcher session closing (an IDE killing the JVM still wins).
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "schema-registry-stop"));
        awaitReady();
    }

    /** The registry every test class in this JVM shares. */
    public static synchronized SchemaRegistry shared() {
        if (shared == null) {
            shared = start();
        }
        return shared;
    }

    /** Stops the shared registry, if one was started; called once the test run ends. */
    static synchronized void closeShared() {
        if (shared != null) {
            shared.close();
            shared = null;
        }
    }

    public static SchemaRegistry start() {
        Path home = Path.of(System.getProperty(HOME_PROPERTY, "target/apicurio-registry")).toAbsolutePath();
        try {
            return new SchemaRegistry(home);
        } catch (IOException e) {
            throw new IllegalStateException("could not start Apicurio Registry from " + home, e);
        }
    }

    /** The base URL of Confluent's API, as {@code schema.registry.url} takes it. */
    public String url() {
        return "http://127.0.0.1:" + port + "/apis/ccompat/v7";
    }

    /**
     * The base URL of Apicurio's own v2 API, which {@code apicurio.registry.url} of Apicurio's 2.x kafka-clients serdes
     * takes; the 3.x server still serves it, over the same storage as Confluent's API.
     */
    public String apicurioV2Url() {
        return "http://127.0.0.1:" + port + "/apis/registry/v2";
    }

    public int port() {
        return port;
    }

    /** Sets a subject's compatibility rule ({@code BACKWARD}, {@code FULL}, {@code NONE}, ...). */
    public void setCompatibility(String subject, String level) {
        call("PUT", "/config/" + subject, "{\"compatibility\":\"" + level + "\"}", 200);
    }

    /** Registers a schema under a subject the way any other client would; answers the registry's JSON. */
    public String register(String subject, String schema) {
        return call("POST", "/subjects/" + subject + "/versions", "{\"schema\":" + jsonString(schema) + "}", 200);
    }

    /** {@code GET /schemas/ids/{id}}: the registry's JSON for that schema. */
    public String schemaById(int id) {
        return call("GET", "/schemas/ids/" + id, null, 200);
    }

    /** {@code GET /subjects/{subject}/versions/latest}: the registry's JSON. */
    public String latest(String subject) {
        return call("GET", "/subjects/" + subject + "/versions/latest", null, 200);
    }

    private String call(String method, String path, String body, int expectedStatus) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", CONTENT_TYPE);
        if (body != null) {
            request.header("Content-Type", CONTENT_TYPE).method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expectedStatus) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " " + path + " interrupted", e);
        }
    }

    /** Polls the readiness endpoint until it answers UP, the process dies or the start timeout passes. */
    private void awaitReady() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Apicurio Registry exited with " + process.exitValue()
                        + " while starting; its output: " + tail());
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Apicurio Registry", e);
            }
            try {
                process.waitFor(200, TimeUnit.MILLISECONDS); // the poll interval, cut short if it dies
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Apicurio Registry", e);
            }
        }
        close();
        throw new IllegalStateException("Apicurio Registry was not ready within " + START_TIMEOUT + "; its output: "
                + tail());
    }

    private String tail() {
        try {
            String text = Files.readString(log);
            return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String jsonString(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
