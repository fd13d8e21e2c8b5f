package dev.quill.producer.internal.registry;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.SSLHandshakeException;

import dev.quill.producer.errors.ProducerException;
import dev.quill.producer.errors.SerializationException;
import dev.quill.producer.internal.ExponentialBackoff;
import dev.quill.producer.internal.json.Json;
import dev.quill.producer.serialization.LookupStats;

/**
 * Sends one {@link RegistryCall} and answers with the JSON object of a 2xx response, without blocking any thread.
 *
 * <p>An I/O error (refused connection, timeout) moves on to the next URL at once; once every URL has failed in a
 * round, and after a 5xx, 408 or 429, it waits with exponential backoff and tries again, until {@code max.block.ms}
 * from the start of the call has passed. Other answers fail the call at once. The URL that answered last is tried
 * first next time, so a dead first URL costs one refused connection, not one per call.
 */
final class RegistryTransport {

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final String ACCEPT = CONTENT_TYPE + ", application/vnd.schemaregistry+json; qs=0.9, "
            + "application/json; qs=0.5";
    private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final RegistrySettings settings;
    private final List<RegistryUrl> urls;
    private final HttpClient http;
    private final ExponentialBackoff backoff = new ExponentialBackoff(100, 1000);
    private final AtomicInteger preferredUrl = new AtomicInteger();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong succeeded = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile LookupStats lastFailure = LookupStats.NONE;

    RegistryTransport(RegistrySettings settings) {
        this.settings = settings;
        this.urls = settings.urls();
        HttpClient.Builder builder = HttpClient.newBuilder()
                // HTTP/1.1: an h2c upgrade attempt on plain http confuses some registries behind proxies.
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(min(MAX_CONNECT_TIMEOUT, Duration.ofMillis(Math.max(1, settings.maxBlockMs()))));
        if (settings.sslContext() != null) {
            builder.sslContext(settings.sslContext());
        }
        this.http = builder.build();
    }

    /** HTTP requests sent so far, retries included. */
    long requestCount() {
        return requests.get();
    }

    /** The requests' outcomes so far, and the latest failure. */
    LookupStats stats() {
        LookupStats failure = lastFailure;
        return new LookupStats(succeeded.get(), failed.get(), failure.lastError(), failure.lastErrorAt());
    }

    private void failedRequest(String message) {
        failed.incrementAndGet();
        lastFailure = new LookupStats(0, 0, message, Instant.now());
    }

    CompletableFuture<Map<String, Object>> send(RegistryCall call) {
        CompletableFuture<Map<String, Object>> result = new CompletableFuture<>();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.maxBlockMs());
        new Attempts(call, deadline, result).attempt(preferredUrl.get(), 0);
        return result;
    }

    /** The state of one call across its attempts. */
    private final class Attempts {
        private final RegistryCall call;
        private final long deadline;
        private final CompletableFuture<Map<String, Object>> result;
        private int rounds;
        private String lastError = "no answer yet";

        Attempts(RegistryCall call, long deadline, CompletableFuture<Map<String, Object>> result) {
            this.call = call;
            this.deadline = deadline;
            this.result = result;
        }

        void attempt(int urlIndex, int failedThisRound) {
            long remainingMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (remainingMs <= 0) {
                giveUp();
                return;
            }
            RegistryUrl url = urls.get(urlIndex);
            HttpRequest request;
            try {
                request = request(url, Duration.ofMillis(remainingMs));
            } catch (IllegalArgumentException e) {
                result.completeExceptionally(new SerializationException("Invalid request to Schema Registry "
                        + url.display() + " when " + call.describe() + ": " + e.getMessage(), e));
                return;
            }
            requests.incrementAndGet();
            http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
                if (error != null) {
                    onIoError(urlIndex, failedThisRound, unwrap(error));
                } else {
                    onResponse(urlIndex, response);
                }
            });
        }

        private void onIoError(int urlIndex, int failedThisRound, Throwable error) {
            RegistryUrl url = urls.get(urlIndex);
            lastError = url.display() + ": " + error.getClass().getSimpleName()
                    + (error.getMessage() == null ? "" : " " + error.getMessage());
            failedRequest(lastError);
            if (error instanceof SSLHandshakeException || !(error instanceof IOException)) {
                // A certificate the client does not trust stays untrusted: waiting would only delay the report.
                result.completeExceptionally(new SerializationException("Schema Registry " + url.display()
                        + " could not be reached when " + call.describe() + ": " + lastError, error));
                return;
            }
            int next = (urlIndex + 1) % urls.size();
            if (failedThisRound + 1 < urls.size()) {
                attempt(next, failedThisRound + 1);
            } else {
                retryLater(next);
            }
        }

        private void onResponse(int urlIndex, HttpResponse<String> response) {
            RegistryUrl url = urls.get(urlIndex);
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                succeeded.incrementAndGet();
                preferredUrl.set(urlIndex);
                result.complete(Json.parseObject(response.body()));
            } else if (RegistryErrors.isRetriable(status)) {
                lastError = RegistryErrors.fromResponse(url, call, status, response.body()).getMessage();
                failedRequest(lastError);
                retryLater(urlIndex);
            } else {
                preferredUrl.set(urlIndex);
                ProducerException refusal = RegistryErrors.fromResponse(url, call, status, response.body());
                failedRequest(refusal.getMessage());
                result.completeExceptionally(refusal);
            }
        }

        private void retryLater(int urlIndex) {
            long delayMs = backoff.backoffMs(rounds++);
            if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMs) >= deadline) {
                giveUp();
                return;
            }
            CompletableFuture.delayedExecutor(delayMs, TimeUnit.MILLISECONDS).execute(() -> attempt(urlIndex, 0));
        }

        private void giveUp() {
            result.completeExceptionally(new SerializationException("Schema Registry did not answer when "
                    + call.describe() + " within max.block.ms=" + settings.maxBlockMs() + " (URLs " + urls
                    + "); last error: " + lastError));
        }

        private HttpRequest request(RegistryUrl url, Duration timeout) {
            HttpRequest.Builder builder = HttpRequest.newBuilder(url.resolve(call.path()))
                    .timeout(timeout)
                    .header("Accept", ACCEPT);
            settings.headers().forEach(builder::header);
            String authorization = settings.auth().header(url);
            if (authorization != null) {
                builder.header("Authorization", authorization);
            }
            if (call.body() != null) {
                builder.header("Content-Type", CONTENT_TYPE)
                        .method(call.method(), HttpRequest.BodyPublishers.ofString(call.body()));
            } else {
                builder.method(call.method(), HttpRequest.BodyPublishers.noBody());
            }
            return builder.build();
        }
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
