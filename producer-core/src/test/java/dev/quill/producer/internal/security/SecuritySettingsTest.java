package dev.quill.producer.internal.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.Test;

import dev.quill.producer.ProducerConfig;
import dev.quill.producer.errors.ConfigException;
import dev.quill.producer.internal.network.SecureConnections;

/** The security keys' rules, checked when the configuration is built; secrets never in messages or toString. */
class SecuritySettingsTest {

    private static Map<String, Object> with(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bootstrap.servers", "localhost:9092");
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static SecuritySettings settingsOf(ProducerConfig config) {
        return SecuritySettings.check(config.values(), config.sslContext().orElse(null));
    }

    @Test
    void saslNeedsASupportedMechanismAndCredentials() {
        assertThatThrownBy(() -> ProducerConfig.from(with("security.protocol", "SASL_SSL")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid value GSSAPI for configuration sasl.mechanism: not supported yet; Quill speaks "
                        + "PLAIN, SCRAM-SHA-256, SCRAM-SHA-512, OAUTHBEARER (GSSAPI is kafka-clients' default: set "
                        + "sasl.mechanism)");
        assertThatThrownBy(() -> ProducerConfig.from(with("security.protocol", "SASL_SSL", "sasl.mechanism",
                "OAUTHBEARER"))).hasMessageStartingWith("Missing configuration sasl.jaas.config")
                .hasMessageContaining("OAuthBearerLoginModule required unsecuredLoginStringClaim_sub");
        assertThatThrownBy(() -> ProducerConfig.from(with("security.protocol", "SASL_SSL", "sasl.mechanism",
                "OAUTHBEARER", "sasl.jaas.config", JaasConfig.PLAIN_LOGIN_MODULE + " required username=\"a\" "
                        + "password=\"b\";"))).hasMessageContaining("does not serve OAUTHBEARER");
        assertThatThrownBy(() -> ProducerConfig.from(with("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism",
                "PLAIN"))).hasMessageStartingWith("Missing configuration sasl.jaas.config");
    }

    @Test
    void builderSaslMakesAJaasConfigThatHidesThePassword() {
        ProducerConfig config = ProducerConfig.builder().bootstrapServers("localhost:9092")
                .securityProtocol("SASL_SSL").sasl("SCRAM-SHA-512", "bob", "hunter2\"x").build();
        assertThat(config.saslMechanism()).isEqualTo("SCRAM-SHA-512");
        assertThat(config.securityProtocol()).isEqualTo("SASL_SSL");
        assertThat(config.toString()).contains("sasl.jaas.config = [hidden]").doesNotContain("hunter2");
        SecuritySettings settings = settingsOf(config);
        assertThat(settings.protocol()).isEqualTo(SecurityProtocol.SASL_SSL);
        assertThat(settings.toString()).contains("bob").doesNotContain("hunter2");
    }

    @Test
    void pemKeysNeedThePemTypeAndComeTogether() {
        assertThatThrownBy(() -> ProducerConfig.from(with("security.protocol", "SSL",
                "ssl.keystore.key", "-----BEGIN PRIVATE KEY-----secret")))
                .hasMessageContaining("ssl.keystore.type=PEM").hasMessageNotContaining("secret");
        assertThatThrownBy(() -> ProducerConfig.from(with("security.protocol", "SSL", "ssl.keystore.type", "PEM",
                "ssl.keystore.key", "-----BEGIN PRIVATE KEY-----secret")))
                .hasMessageContaining("must be given together").hasMessageNotContaining("secret");
        assertThatThrownBy(() -> ProducerConfig.from(with("security.protocol", "SSL",
                "ssl.truststore.certificates", "-----BEGIN CERTIFICATE-----")))
                .hasMessageContaining("ssl.truststore.type=PEM");
        assertThatThrownBy(() -> ProducerConfig.from(with("security.protocol", "SSL",
                "ssl.keystore.location", "/nowhere.jks")))
                .hasMessageContaining("ssl.keystore.password");
        assertThatThrownBy(() -> ProducerConfig.from(with("security.protocol", "SSL",
                "ssl.endpoint.identification.algorithm", "dns")))
                .hasMessageContaining("ssl.endpoint.identification.algorithm");
    }

    @Test
    void unreadableStoresFailWhenTheProducerStarts() {
        ProducerConfig config = ProducerConfig.from(with("security.protocol", "SSL",
                "ssl.truststore.location", "/does/not/exist.jks", "ssl.truststore.password", "hunter2"));
        assertThatThrownBy(() -> SecureConnections.transports(settingsOf(config)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ssl.truststore.location").hasMessageNotContaining("hunter2");
        ProducerConfig pkcs1 = ProducerConfig.from(with("security.protocol", "SSL", "ssl.keystore.type", "PEM",
                "ssl.keystore.certificate.chain", "x", "ssl.keystore.key",
                "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----"));
        assertThatThrownBy(() -> SecureConnections.transports(settingsOf(pkcs1)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("no '-----BEGIN CERTIFICATE-----'");
    }

    @Test
    void aGivenSslContextReplacesTheStores() throws Exception {
        ProducerConfig config = ProducerConfig.builder().bootstrapServers("localhost:9092").securityProtocol("SSL")
                .sslContext(SSLContext.getDefault()).build();
        assertThat(config.sslContext()).contains(SSLContext.getDefault());
        assertThat(config.toBuilder().build().sslContext()).contains(SSLContext.getDefault());
        assertThat(SecureConnections.transports(settingsOf(config)).tls()).isTrue();
    }
}
