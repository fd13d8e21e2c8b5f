package dev.quill.producer.internal.security;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import dev.quill.producer.errors.AuthenticationException;

/** SCRAM against the exchange printed in RFC 7677 section 3 (SCRAM-SHA-256, user "user", password "pencil"). */
class ScramMechanismTest {

    private static final String CLIENT_NONCE = "rOprNGfwEbeRWgbNEkqO";
    private static final String SERVER_FIRST =
            "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
    private static final String CLIENT_FINAL = "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
            + "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
    private static final String SERVER_FINAL = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";

    private static ScramMechanism rfcClient() {
        return new ScramMechanism("SCRAM-SHA-256", new SaslCredentials("user", "pencil"), false, CLIENT_NONCE);
    }

    @Test
    void matchesTheRfc7677Exchange() {
        ScramMechanism scram = rfcClient();
        assertThat(new String(scram.initialResponse(), UTF_8)).isEqualTo("n,,n=user,r=" + CLIENT_NONCE);
        assertThat(new String(scram.evaluate(SERVER_FIRST.getBytes(UTF_8)), UTF_8)).isEqualTo(CLIENT_FINAL);
        assertThat(scram.isComplete()).isFalse();
        assertThat(scram.evaluate(SERVER_FINAL.getBytes(UTF_8))).isNull();
        assertThat(scram.isComplete()).isTrue();
    }

    @Test
    void refusesAServerThatDoesNotKnowThePassword() {
        ScramMechanism scram = rfcClient();
        scram.initialResponse();
        scram.evaluate(SERVER_FIRST.getBytes(UTF_8));
        assertThatThrownBy(() -> scram.evaluate("v=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=".getBytes(UTF_8)))
                .isInstanceOf(AuthenticationException.class).hasMessageContaining("signature does not match");
        assertThat(scram.isComplete()).isFalse();
    }

    @Test
    void refusesANonceTheClientDidNotStartAndTooFewIterations() {
        ScramMechanism a = rfcClient();
        a.initialResponse();
        assertThatThrownBy(() -> a.evaluate("r=other%x,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096".getBytes(UTF_8)))
                .isInstanceOf(AuthenticationException.class);
        ScramMechanism b = rfcClient();
        b.initialResponse();
        assertThatThrownBy(() -> b.evaluate((SERVER_FIRST.replace("i=4096", "i=1"))
                .getBytes(UTF_8))).hasMessageContaining("iterations");
    }

    @Test
    void serverErrorsAndNamesAreHandled() {
        ScramMechanism scram = new ScramMechanism("SCRAM-SHA-512", new SaslCredentials("a=b,c", "p"), true, "n0");
        assertThat(new String(scram.initialResponse(), UTF_8)).isEqualTo("n,,n=a=3Db=2Cc,r=n0,tokenauth=true");
        assertThatThrownBy(() -> scram.evaluate("e=unknown-user".getBytes(UTF_8)))
                .hasMessageContaining("e=unknown-user");
    }

    @Test
    void plainSendsUserAndPasswordOnce() {
        PlainMechanism plain = new PlainMechanism(new SaslCredentials("alice", "s3cret"));
        assertThat(plain.initialResponse()).isEqualTo("\0alice\0s3cret".getBytes(UTF_8));
        assertThat(plain.evaluate(new byte[0])).isNull();
        assertThat(plain.isComplete()).isTrue();
    }
}
