package dev.quill.producer.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A Schema Registry that is slow to answer: a loopback HTTP proxy that holds every request for a fixed delay, then
 * forwards it unchanged (method, path, query, headers, body) to a real registry and relays the answer. It stands for a
 * registry across a slow network or under load, and it records every request it received, so that a benchmark can
 * say how many registry calls a client made.
 *
 * <p>Requests are served concurrently, each on its own thread, so the delay applies per request and not as a queue:
 * a client that asks twice in parallel waits one delay, as it would for a real slow registry.
 */
final class SlowRegistryProxy implements AutoCloseable {

    /** Headers the JDK's HttpClient sets itself and refuses from callers. */
    private static final Set<String> NOT_FORWARDED = Set.of("host", "connection", "content-length", "expect",
            "upgrade", "keep-alive", "transfer-encoding");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "slow-registry-proxy");
        t.setDaemon(true); // never keeps a benchmark's JVM alive
        return t;
    });
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String target;
    private final long delayMs;
    private final Queue<String> requests = new ConcurrentLinkedQueue<>();

    /**
     * @param target  the real registry's root ({@code http://host:port}); each request's path and query are appended
     * @param delayMs how long every request is held before it is forwarded
     */
    SlowRegistryProxy(String target, long delayMs) {
        this.target = target;
        this.delayMs = delayMs;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::forwardLate);
        server.start();
    }

    private void forwardLate(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String pathAndQuery = exchange.getRequestURI().toString();
        requests.add(method + " " + pathAndQuery);
        try {
            // The delay is the point of this class: it is what the benchmark measures clients against.
            TimeUnit.MILLISECONDS.sleep(delayMs);
            byte[] body = exchange.getRequestBody().readAllBytes();
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + pathAndQuery))
                    .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
                if (!NOT_FORWARDED.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                    header.getValue().forEach(v -> request.header(header.getKey(), v));
                }
            }
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            response.headers().map().forEach((name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            byte[] answer = response.body();
            exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                exchange.getResponseBody().write(answer);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.sendResponseHeaders(503, -1);
        } catch (IOException e) {
            exchange.sendResponseHeaders(502, -1);
        } finally {
            exchange.close();
        }
    }

    /** This proxy's root URL: append the registry API's base path, as for the real registry. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** How many requests arrived so far. */
    int requestCount() {
        return requests.size();
    }

    /** Every request so far, as {@code METHOD /path?query}, in arrival order. */
    List<String> requests() {
        return new ArrayList<>(requests);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
