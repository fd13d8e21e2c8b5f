package dev.quill.producer.serialization;

import static dev.quill.producer.serialization.AvroFrames.id;
import static dev.quill.producer.serialization.AvroFrames.serializer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyStore;
import java.security.cert.Certificate;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Test;

import dev.quill.producer.errors.SerializationException;
import dev.quill.producer.serialization.RegistryStub.Answer;
import dev.quill.producer.testkit.TestCertificates;
import dev.quill.producer.testkit.TestCertificates.Identity;

/** An https registry: trusted through schema.registry.ssl.*, and refused at once when its certificate is not. */
class AvroRegistryTlsTest {

    private static final Identity CA = TestCertificates.newCa("registry-ca");
    private static final Identity SERVER = TestCertificates.newLeaf(CA, "registry", "ip:127.0.0.1", "dns:localhost");

    @Test
    void aRegistryTrustedThroughSchemaRegistrySslKeysAnswers() throws Exception {
        try (RegistryStub stub = new RegistryStub(r -> new Answer(200, "{\"id\":11}"), serverContext())) {
            AvroSerializer serializer = serializer(stub.url(), false,
                    "schema.registry.ssl.truststore.type", "PEM",
                    "schema.registry.ssl.truststore.certificates", CA.certificatePem());

            assertThat(id(serializer.serialize("t", null, "v"))).isEqualTo(11);
        }
    }

    @Test
    void aRegistryTrustedThroughAGivenSslContextAnswers() throws Exception {
        try (RegistryStub stub = new RegistryStub(r -> new Answer(200, "{\"id\":12}"), serverContext())) {
            AvroSerializer serializer = serializer(stub.url(), false, "schema.registry.ssl.context", trusting(CA));

            assertThat(id(serializer.serialize("t", null, "v"))).isEqualTo(12);
        }
    }

    private static SSLContext trusting(Identity ca) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("ca", ca.chain().get(0));
        TrustManagerFactory trust = TrustManagerFactory.getInstance("PKIX");
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    @Test
    void anUntrustedCertificateFailsAtOnceRatherThanAfterMaxBlockMs() throws Exception {
        try (RegistryStub stub = new RegistryStub(r -> new Answer(200, "{\"id\":11}"), serverContext())) {
            AvroSerializer serializer = serializer(stub.url(), false, "max.block.ms", "60000");
            long start = System.nanoTime();

            assertThatThrownBy(() -> serializer.serialize("t", null, "v"))
                    .isInstanceOf(SerializationException.class)
                    .hasMessageContaining(stub.url())
                    .hasMessageContaining("SSLHandshakeException");
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(20_000);
        }
    }

    private static SSLContext serverContext() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", SERVER.key(), "pw".toCharArray(), SERVER.chain().toArray(new Certificate[0]));
        KeyManagerFactory keys = KeyManagerFactory.getInstance("SunX509");
        keys.init(store, "pw".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }
}
