package dev.quill.producer.internal.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.OptionalLong;

import dev.quill.producer.errors.Errors;
import dev.quill.producer.errors.RetriableException;
import dev.quill.producer.internal.json.Json;

/** Reads what the client needs from a JWT it was given: when it expires. The broker verifies the rest. */
final class Jwt {

    private Jwt() {
    }

    /**
     * The {@code exp} claim, in epoch milliseconds.
     *
     * @throws RetriableException when the token is not a JWT with an {@code exp} claim
     */
    static long expiresAtMs(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw malformed("it is not a JWT (header.payload.signature), and the endpoint gave no expires_in");
        }
        Map<String, Object> claims;
        try {
            claims = Json.parseObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw malformed("its payload is not base64url");
        }
        if (!(claims.get("exp") instanceof Number exp)) {
            throw malformed("it has no exp claim, and the endpoint gave no expires_in");
        }
        return (long) (exp.doubleValue() * 1000);
    }

    /** As {@link #expiresAtMs}, or empty for an opaque token: anything but a readable JWT with an {@code exp} claim. */
    static OptionalLong expiresAtMsIfJwt(String token) {
        try {
            return OptionalLong.of(expiresAtMs(token));
        } catch (RuntimeException opaque) {
            return OptionalLong.empty();
        }
    }

    private static RetriableException malformed(String why) {
        return new RetriableException("The OAuth token endpoint's access_token cannot be used: " + why, null,
                Errors.SASL_AUTHENTICATION_FAILED);
    }
}
