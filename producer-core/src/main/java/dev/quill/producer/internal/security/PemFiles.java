package dev.quill.producer.internal.security;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import dev.quill.producer.errors.ConfigException;

/**
 * PEM text as Kafka's {@code ssl.*} keys take it: X.509 certificates, and a PKCS#8 private key, plain or
 * encrypted ({@code ENCRYPTED PRIVATE KEY}, decrypted with {@code ssl.key.password}). Parsed with the JDK alone.
 * Errors name the configuration key, never the key material.
 */
final class PemFiles {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*?)-----END \\1-----");
    private static final String[] KEY_ALGORITHMS = {"RSA", "EC", "EdDSA", "DSA", "RSASSA-PSS", "XDH"};

    private PemFiles() {
    }

    static List<Certificate> certificates(String pem, String configKey) {
        List<Certificate> out = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (Block b : blocks(pem)) {
                if (b.type.equals("CERTIFICATE")) {
                    out.add(factory.generateCertificate(new ByteArrayInputStream(b.der)));
                }
            }
        } catch (GeneralSecurityException e) {
            throw new ConfigException("Invalid value for configuration " + configKey + ": not a valid X.509 "
                    + "certificate in PEM form (" + e.getMessage() + ")", e);
        }
        if (out.isEmpty()) {
            throw new ConfigException("Invalid value for configuration " + configKey
                    + ": no '-----BEGIN CERTIFICATE-----' block found");
        }
        return out;
    }

    static PrivateKey privateKey(String pem, char[] password, String configKey) {
        for (Block b : blocks(pem)) {
            switch (b.type) {
                case "PRIVATE KEY" -> {
                    return decodePkcs8(b.der, configKey);
                }
                case "ENCRYPTED PRIVATE KEY" -> {
                    if (password == null) {
                        throw new ConfigException("Invalid value [hidden] for configuration " + configKey
                                + ": the private key is encrypted, but ssl.key.password is not set");
                    }
                    return decodePkcs8(decrypt(b.der, password, configKey), configKey);
                }
                case "RSA PRIVATE KEY", "EC PRIVATE KEY" -> throw new ConfigException("Invalid value [hidden] for "
                        + "configuration " + configKey + ": the key is in PKCS#1/SEC1 form ('BEGIN " + b.type
                        + "'); Kafka takes PKCS#8 ('BEGIN PRIVATE KEY' or 'BEGIN ENCRYPTED PRIVATE KEY'); convert "
                        + "it with 'openssl pkcs8 -topk8'");
                default -> {
                    // Certificates and other blocks next to the key are read elsewhere.
                }
            }
        }
        throw new ConfigException("Invalid value [hidden] for configuration " + configKey
                + ": no '-----BEGIN PRIVATE KEY-----' or '-----BEGIN ENCRYPTED PRIVATE KEY-----' block found");
    }

    private static byte[] decrypt(byte[] der, char[] password, String configKey) {
        try {
            EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(der);
            String algorithm = info.getAlgName();
            if (algorithm.equals("PBES2") || algorithm.equals("1.2.840.113549.1.5.13")) {
                // Older JDKs name the scheme, not the cipher; the parameters name the cipher.
                algorithm = info.getAlgParameters().toString();
            }
            SecretKeyFactory factory = SecretKeyFactory.getInstance(algorithm);
            Cipher cipher = Cipher.getInstance(algorithm);
            cipher.init(Cipher.DECRYPT_MODE, factory.generateSecret(new PBEKeySpec(password)),
                    info.getAlgParameters());
            return info.getKeySpec(cipher).getEncoded();
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new ConfigException("Invalid value [hidden] for configuration " + configKey
                    + ": could not decrypt the private key with ssl.key.password (" + e.getClass().getSimpleName()
                    + ")", e);
        }
    }

    private static PrivateKey decodePkcs8(byte[] der, String configKey) {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (InvalidKeySpecException | java.security.NoSuchAlgorithmException e) {
                // Not this algorithm: PKCS#8 names it inside, but trying each is simpler than parsing ASN.1.
            }
        }
        throw new ConfigException("Invalid value [hidden] for configuration " + configKey
                + ": the PKCS#8 private key is of no supported algorithm (RSA, EC, EdDSA, DSA)");
    }

    private static List<Block> blocks(String pem) {
        List<Block> out = new ArrayList<>();
        Matcher m = BLOCK.matcher(pem);
        while (m.find()) {
            out.add(new Block(m.group(1), Base64.getMimeDecoder().decode(m.group(2))));
        }
        return out;
    }

    private record Block(String type, byte[] der) {
    }
}
