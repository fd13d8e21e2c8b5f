package dev.quill.producer.internal.security;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;

import org.junit.jupiter.api.Test;

import dev.quill.producer.errors.RetriableException;

/** When a client-credentials token is taken to expire, which decides when it is refreshed. */
class TokenExpiryTest {

    private static final long REQUESTED_AT = 1_700_000_000_000L;

    private static String jwtExpiringAt(long expSeconds) {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        return base64.encodeToString("{\"alg\":\"none\"}".getBytes(UTF_8)) + "."
                + base64.encodeToString(("{\"sub\":\"c\",\"exp\":" + expSeconds + "}").getBytes(UTF_8)) + ".";
    }

    @Test
    void whenTheJwtExpiresBeforeWhatExpiresInSaysThenItsExpClaimCounts() {
        // A provider that rounds exp down: asked at x.999 s, a "2 s" token expires 1.001 s later.
        long requestedAt = REQUESTED_AT + 999;
        String token = jwtExpiringAt(REQUESTED_AT / 1000 + 2);

        assertThat(ClientCredentialsTokens.expiresAtMs(2, token, requestedAt)).isEqualTo(REQUESTED_AT + 2_000);
    }

    @Test
    void whenTheJwtOutlivesExpiresInThenExpiresInCounts() {
        String token = jwtExpiringAt(REQUESTED_AT / 1000 + 3_600);

        assertThat(ClientCredentialsTokens.expiresAtMs(60, token, REQUESTED_AT)).isEqualTo(REQUESTED_AT + 60_000);
    }

    @Test
    void whenTheTokenIsOpaqueThenExpiresInCounts() {
        assertThat(ClientCredentialsTokens.expiresAtMs(60, "opaque-token", REQUESTED_AT))
                .isEqualTo(REQUESTED_AT + 60_000);
    }

    @Test
    void whenThereIsNoExpiresInThenTheExpClaimCountsAndAnOpaqueTokenCannotBeUsed() {
        assertThat(ClientCredentialsTokens.expiresAtMs(null, jwtExpiringAt(REQUESTED_AT / 1000 + 10), REQUESTED_AT))
                .isEqualTo(REQUESTED_AT + 10_000);
        assertThatThrownBy(() -> ClientCredentialsTokens.expiresAtMs(null, "opaque-token", REQUESTED_AT))
                .isInstanceOf(RetriableException.class)
                .hasMessageContaining("it is not a JWT (header.payload.signature), and the endpoint gave no expires_in");
    }
}
