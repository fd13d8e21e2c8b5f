package dev.quill.producer.internal.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.quill.producer.errors.ConfigException;

class JaasConfigTest {

    @Test
    void parsesKafkasFormat() {
        JaasConfig jaas = JaasConfig.parse("  org.apache.kafka.common.security.plain.PlainLoginModule required\n"
                + "    username=\"alice\"   password=\"a \\\"quoted\\\" \\\\ pass;word=\" serviceName=kafka ; ");
        assertThat(jaas.loginModule()).isEqualTo(JaasConfig.PLAIN_LOGIN_MODULE);
        assertThat(jaas.options()).isEqualTo(Map.of("username", "alice", "password", "a \"quoted\" \\ pass;word=",
                "serviceName", "kafka"));
        assertThat(jaas.credentials("PLAIN")).isEqualTo(new SaslCredentials("alice", "a \"quoted\" \\ pass;word="));
        assertThat(jaas.toString()).doesNotContain("quoted");
        assertThat(jaas.credentials("PLAIN").toString()).doesNotContain("quoted");
    }

    @Test
    void quoteRoundTrips() {
        String password = "p\"w\\d ;=,";
        JaasConfig jaas = JaasConfig.parse(JaasConfig.SCRAM_LOGIN_MODULE + " required username=" + JaasConfig.quote("u")
                + " password=" + JaasConfig.quote(password) + ";");
        assertThat(jaas.credentials("SCRAM-SHA-256").password()).isEqualTo(password);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\"hunter2\"",
            "org.apache.kafka.common.security.plain.PlainLoginModule maybe username=\"u\" password=\"hunter2\";",
            "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\"hunter2;",
            "org.apache.kafka.common.security.plain.PlainLoginModule required password=\"hunter2\";",
            "a.B required password=\"hunter2\"; c.D required password=\"hunter2\";",
            "com.sun.security.auth.module.Krb5LoginModule required username=\"u\" password=\"hunter2\";"})
    void invalidConfigsFailWithoutShowingTheSecret(String text) {
        assertThatThrownBy(() -> JaasConfig.parse(text).credentials("PLAIN"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Invalid value [hidden] for configuration sasl.jaas.config: ")
                .hasMessageNotContaining("hunter2");
    }
}
