package dev.quill.producer.internal.security;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.quill.producer.errors.AuthenticationException;
import dev.quill.producer.errors.Errors;
import dev.quill.producer.errors.ProducerException;
import dev.quill.producer.errors.RetriableException;
import dev.quill.producer.internal.ExponentialBackoff;
import dev.quill.producer.internal.json.Json;

/**
 * OAUTHBEARER tokens from an identity provider's token endpoint with the OAuth client credentials grant, as
 * kafka-clients' {@code OAuthBearerLoginCallbackHandler} gets them. Tokens are fetched asynchronously, never on
 * the I/O thread, and refreshed ahead of expiry ({@code sasl.login.refresh.*}); a connection made while no valid
 * token is at hand fails retriably and is retried after the reconnect backoff. An endpoint that refuses the
 * client (HTTP 4xx) fails the waiting records at once, as a wrong password does.
 */
final class ClientCredentialsTokens implements SaslExchanges {

    /** What the token endpoint needs and how to pace it; secrets stay out of {@link #toString()}. */
    record Settings(URI endpoint, String clientId, String clientSecret, String scope, boolean urlEncodeHeader,
                    Duration connectTimeout, Duration readTimeout, long retryBackoffMs, long retryBackoffMaxMs,
                    double windowFactor, double windowJitter, long minPeriodMs, long bufferMs,
                    Map<String, String> extensions) {

        @Override
        public String toString() {
            return "ClientCredentials[" + endpoint + ", client " + clientId + "]";
        }
    }

    private record Token(String value, long expiresAtMs) {
    }

    private final Settings settings;
    private final ExponentialBackoff retryBackoff;
    private final AtomicBoolean fetching = new AtomicBoolean();
    private HttpClient http;
    private volatile Token token;
    private volatile ProducerException lastFailure;
    private int failedFetches;
    private volatile boolean closed;

    ClientCredentialsTokens(Settings settings) {
        this.settings = settings;
        this.retryBackoff = new ExponentialBackoff(settings.retryBackoffMs(), settings.retryBackoffMaxMs());
    }

    @Override
    public synchronized void start() {
        if (http == null) {
            HttpClient.Builder builder = HttpClient.newBuilder();
            if (settings.connectTimeout() != null) {
                builder.connectTimeout(settings.connectTimeout());
            }
            http = builder.build();
        }
        fetch();
    }

    @Override
    public SaslMechanismClient next() {
        Token current = token;
        if (current != null && System.currentTimeMillis() < current.expiresAtMs()) {
            return new OAuthBearerMechanism(current.value(), settings.extensions());
        }
        start();
        ProducerException failure = lastFailure;
        if (failure instanceof AuthenticationException) {
            throw failure;
        }
        throw new RetriableException("No OAuth token from " + settings.endpoint() + " yet"
                + (failure == null ? " (the request is on its way)" : ": " + failure.getMessage()), failure,
                Errors.SASL_AUTHENTICATION_FAILED);
    }

    @Override
    public void close() {
        closed = true;
    }

    private void fetch() {
        if (closed || !fetching.compareAndSet(false, true)) {
            return;
        }
        long requestedAt = System.currentTimeMillis();
        http.sendAsync(request(), HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
            long delayMs;
            try {
                if (error != null) {
                    Throwable cause = error.getCause() != null ? error.getCause() : error;
                    throw new RetriableException("OAuth token endpoint " + settings.endpoint() + " did not answer: "
                            + cause, cause, Errors.NETWORK_EXCEPTION);
                }
                Token fresh = token(response, requestedAt);
                token = fresh;
                lastFailure = null;
                failedFetches = 0;
                delayMs = refreshDelayMs(fresh.expiresAtMs() - requestedAt);
            } catch (AuthenticationException e) {
                lastFailure = e;
                // Credentials may be rotated while the producer runs: look again now and then, not in a loop.
                delayMs = settings.retryBackoffMaxMs();
            } catch (ProducerException e) {
                lastFailure = e;
                delayMs = retryBackoff.backoffMs(failedFetches++);
            } finally {
                fetching.set(false);
            }
            if (!closed) {
                CompletableFuture.delayedExecutor(delayMs, TimeUnit.MILLISECONDS).execute(this::fetch);
            }
        });
    }

    private HttpRequest request() {
        String form = "grant_type=client_credentials"
                + (settings.scope() == null ? "" : "&scope=" + URLEncoder.encode(settings.scope(), StandardCharsets.UTF_8));
        String id = settings.urlEncodeHeader() ? URLEncoder.encode(settings.clientId(), StandardCharsets.UTF_8)
                : settings.clientId();
        String secret = settings.urlEncodeHeader()
                ? URLEncoder.encode(settings.clientSecret(), StandardCharsets.UTF_8) : settings.clientSecret();
        HttpRequest.Builder builder = HttpRequest.newBuilder(settings.endpoint())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (settings.readTimeout() != null) {
            builder.timeout(settings.readTimeout());
        }
        return builder.build();
    }

    private Token token(HttpResponse<String> response, long requestedAt) {
        int status = response.statusCode();
        Map<String, Object> body = Json.parseObject(response.body());
        if (status >= 400 && status < 500 && status != 408 && status != 429) {
            throw new AuthenticationException("OAuth token endpoint " + settings.endpoint() + " refused client "
                    + settings.clientId() + ": HTTP " + status + describe(body, response.body()), null,
                    Errors.SASL_AUTHENTICATION_FAILED);
        }
        if (status != 200) {
            throw new RetriableException("OAuth token endpoint " + settings.endpoint() + " answered HTTP " + status
                    + describe(body, response.body()), null, Errors.NETWORK_EXCEPTION);
        }
        if (!(body.get("access_token") instanceof String value) || value.isEmpty()) {
            throw new RetriableException("OAuth token endpoint " + settings.endpoint() + " answered without an "
                    + "access_token", null, Errors.NETWORK_EXCEPTION);
        }
        return new Token(value, expiresAtMs(body.get("expires_in"), value, requestedAt));
    }

    /**
     * When the broker stops accepting the token. It judges a JWT by its {@code exp} claim, so the claim wins when it
     * comes before what {@code expires_in} says (a provider that rounds {@code exp} down to whole seconds, or whose
     * clock runs ahead): refreshing by {@code expires_in} alone would then re-authenticate with a token the broker
     * already refuses.
     *
     * @param expiresIn the response's {@code expires_in}, in seconds, or null
     */
    static long expiresAtMs(Object expiresIn, String token, long requestedAt) {
        if (!(expiresIn instanceof Number seconds)) {
            return Jwt.expiresAtMs(token);
        }
        long stated = requestedAt + (long) (seconds.doubleValue() * 1000);
        return Math.min(stated, Jwt.expiresAtMsIfJwt(token).orElse(stated));
    }

    private static String describe(Map<String, Object> body, String raw) {
        Object error = body.get("error");
        Object description = body.get("error_description");
        if (error != null) {
            return ": " + error + (description == null ? "" : " (" + description + ")");
        }
        String excerpt = raw == null ? "" : raw.strip();
        return excerpt.isEmpty() ? "" : ": " + (excerpt.length() > 200 ? excerpt.substring(0, 200) + "..." : excerpt);
    }

    /**
     * As kafka-clients refreshes: at {@code sasl.login.refresh.window.factor} of the lifetime plus up to
     * {@code .jitter} more, not sooner than {@code .min.period} after the token came, and moved earlier to keep
     * {@code .buffer} before expiry where the minimum period allows it.
     */
    private long refreshDelayMs(long lifetimeMs) {
        double share = settings.windowFactor() + ThreadLocalRandom.current().nextDouble() * settings.windowJitter();
        long delay = Math.max((long) (lifetimeMs * share), settings.minPeriodMs());
        if (lifetimeMs - delay < settings.bufferMs()) {
            delay = Math.max(settings.minPeriodMs(), lifetimeMs - settings.bufferMs());
        }
        return Math.max(0, Math.min(delay, lifetimeMs));
    }

    @Override
    public String toString() {
        return settings.toString();
    }
}
