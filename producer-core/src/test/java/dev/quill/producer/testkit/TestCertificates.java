package dev.quill.producer.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * Certificates made at test time: a CA, and leaf certificates it signs (EC P-256, fast to generate). Gives them as
 * PEM text, and as JKS/PKCS12 files, in the forms Kafka's {@code ssl.*} keys take.
 */
public final class TestCertificates {

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    private TestCertificates() {
    }

    /** A key pair and its certificate chain (leaf first). */
    public record Identity(PrivateKey key, List<X509Certificate> chain) {

        public X509Certificate certificate() {
            return chain.get(0);
        }

        public String certificatePem() {
            StringBuilder out = new StringBuilder();
            chain.forEach(c -> out.append(pem("CERTIFICATE", encoded(c))));
            return out.toString();
        }

        /** The private key as unencrypted PKCS#8 PEM. */
        public String keyPem() {
            return pem("PRIVATE KEY", key.getEncoded());
        }

        /** The private key as encrypted PKCS#8 PEM (PBES2 with AES-256-CBC), as openssl pkcs8 -topk8 writes it. */
        public String encryptedKeyPem(String password) {
            try {
                var encryptor = new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC)
                        .setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider())
                        .setPassword(password.toCharArray()).setRandom(new SecureRandom()).build();
                PemObject object = new JcaPKCS8Generator(key, encryptor).generate();
                return pem("ENCRYPTED PRIVATE KEY", object.getContent());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        /** A key store file (JKS or PKCS12) holding this identity under alias "client". */
        public Path keyStore(Path dir, String type, String password) {
            try {
                KeyStore store = KeyStore.getInstance(type);
                store.load(null, null);
                store.setKeyEntry("client", key, password.toCharArray(), chain.toArray(new Certificate[0]));
                Path file = Files.createTempFile(dir, "keystore", "." + type.toLowerCase());
                try (OutputStream out = Files.newOutputStream(file)) {
                    store.store(out, password.toCharArray());
                }
                return file;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        /** A trust store file (JKS or PKCS12) trusting this identity's certificate (a CA's). */
        public Path trustStore(Path dir, String type, String password) {
            try {
                KeyStore store = KeyStore.getInstance(type);
                store.load(null, null);
                store.setCertificateEntry("ca", certificate());
                Path file = Files.createTempFile(dir, "truststore", "." + type.toLowerCase());
                try (OutputStream out = Files.newOutputStream(file)) {
                    store.store(out, password.toCharArray());
                }
                return file;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    public static Identity newCa(String name) {
        KeyPair pair = keyPair();
        X509Certificate cert = sign(new X500Name("CN=" + name), pair, new X500Name("CN=" + name), pair.getPrivate(),
                true, List.of());
        return new Identity(pair.getPrivate(), List.of(cert));
    }

    /** A leaf signed by {@code ca}; {@code sans} as "dns:name" or "ip:address". */
    public static Identity newLeaf(Identity ca, String commonName, String... sans) {
        KeyPair pair = keyPair();
        List<GeneralName> names = new ArrayList<>();
        for (String san : sans) {
            names.add(san.startsWith("ip:") ? new GeneralName(GeneralName.iPAddress, san.substring(3))
                    : new GeneralName(GeneralName.dNSName, san.substring(4)));
        }
        X509Certificate cert = sign(new X500Name("CN=" + commonName), pair,
                new X500Name(ca.certificate().getSubjectX500Principal().getName()), ca.key(), false, names);
        return new Identity(pair.getPrivate(), List.of(cert));
    }

    private static X509Certificate sign(X500Name subject, KeyPair subjectKeys, X500Name issuer, PrivateKey issuerKey,
                                        boolean ca, List<GeneralName> sans) {
        try {
            Instant now = Instant.now();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                    BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(Duration.ofDays(2))), subject, subjectKeys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            builder.addExtension(Extension.keyUsage, true, ca
                    ? new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)
                    : new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
            if (!sans.isEmpty()) {
                builder.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(sans.toArray(new GeneralName[0])));
            }
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey);
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (Exception e) {
            throw new IllegalStateException("could not make a test certificate", e);
        }
    }

    private static KeyPair keyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] encoded(X509Certificate c) {
        try {
            return c.getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    public static Path writePem(Path dir, String content) {
        try {
            Path file = Files.createTempFile(dir, "cert", ".pem");
            Files.writeString(file, content);
            return file;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
