package dev.quill.producer.internal.security;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

import dev.quill.producer.errors.ConfigException;

/**
 * Builds the {@link SSLContext} from the {@code ssl.*} keys as kafka-clients reads them: key store and trust store
 * as JKS, PKCS12 or PEM (a file, or inline text in {@code ssl.keystore.certificate.chain} + {@code ssl.keystore.key}
 * and {@code ssl.truststore.certificates}); without a trust store the JDK's default CAs are trusted.
 */
public final class SslContextFactory {

    /** Password of the in-memory stores made from PEM text; it protects nothing outside this process. */
    private static final char[] IN_MEMORY = "quill".toCharArray();

    private SslContextFactory() {
    }

    /** Checks the combinations of keys kafka-clients refuses, without reading any file. */
    static void validate(Map<String, Object> v) {
        String keystoreType = upper(v.get("ssl.keystore.type"));
        if (v.get("ssl.keystore.key") != null || v.get("ssl.keystore.certificate.chain") != null) {
            if (!keystoreType.equals("PEM")) {
                throw new ConfigException("Invalid value " + keystoreType + " for configuration ssl.keystore.type: "
                        + "ssl.keystore.key and ssl.keystore.certificate.chain need ssl.keystore.type=PEM");
            }
            if (v.get("ssl.keystore.key") == null || v.get("ssl.keystore.certificate.chain") == null) {
                throw new ConfigException("Invalid value [hidden] for configuration "
                        + (v.get("ssl.keystore.key") == null ? "ssl.keystore.certificate.chain" : "ssl.keystore.key")
                        + ": ssl.keystore.key and ssl.keystore.certificate.chain must be given together");
            }
            if (v.get("ssl.keystore.location") != null) {
                throw new ConfigException("Invalid value " + v.get("ssl.keystore.location") + " for configuration "
                        + "ssl.keystore.location: give either a key store file or ssl.keystore.key, not both");
            }
        } else if (v.get("ssl.keystore.location") != null && !keystoreType.equals("PEM")
                && v.get("ssl.keystore.password") == null) {
            throw new ConfigException("Invalid value null for configuration ssl.keystore.password: a " + keystoreType
                    + " key store (ssl.keystore.location) needs its password");
        }
        String truststoreType = upper(v.get("ssl.truststore.type"));
        if (v.get("ssl.truststore.certificates") != null) {
            if (!truststoreType.equals("PEM")) {
                throw new ConfigException("Invalid value " + truststoreType + " for configuration ssl.truststore.type: "
                        + "ssl.truststore.certificates needs ssl.truststore.type=PEM");
            }
            if (v.get("ssl.truststore.location") != null) {
                throw new ConfigException("Invalid value " + v.get("ssl.truststore.location") + " for configuration "
                        + "ssl.truststore.location: give either a trust store file or ssl.truststore.certificates, "
                        + "not both");
            }
        }
        for (String type : List.of(keystoreType, truststoreType)) {
            if (!List.of("JKS", "PKCS12", "PEM").contains(type)) {
                try {
                    KeyStore.getInstance(type);
                } catch (GeneralSecurityException e) {
                    throw new ConfigException("Invalid value " + type + " for configuration "
                            + (type.equals(keystoreType) ? "ssl.keystore.type" : "ssl.truststore.type")
                            + ": no such key store type (JKS, PKCS12 or PEM)");
                }
            }
        }
    }

    /** Reads the stores and builds the context. */
    public static SSLContext create(Map<String, Object> v) {
        try {
            String protocol = (String) v.get("ssl.protocol");
            String provider = (String) v.get("ssl.provider");
            SSLContext context = provider == null ? SSLContext.getInstance(protocol)
                    : SSLContext.getInstance(protocol, provider);
            String random = (String) v.get("ssl.secure.random.implementation");
            context.init(keyManagers(v), trustManagers(v), random == null ? null : SecureRandom.getInstance(random));
            return context;
        } catch (GeneralSecurityException e) {
            throw new ConfigException("Could not create the TLS context from the ssl.* configuration: "
                    + e.getMessage(), e);
        }
    }

    private static KeyManager[] keyManagers(Map<String, Object> v) throws GeneralSecurityException {
        String type = upper(v.get("ssl.keystore.type"));
        String location = (String) v.get("ssl.keystore.location");
        char[] keyPassword = chars(v.get("ssl.key.password"));
        KeyStore store;
        char[] entryPassword;
        if (v.get("ssl.keystore.key") != null) {
            store = pemKeyStore((String) v.get("ssl.keystore.certificate.chain"), (String) v.get("ssl.keystore.key"),
                    keyPassword, "ssl.keystore.key");
            entryPassword = IN_MEMORY;
        } else if (location != null && type.equals("PEM")) {
            String pem = readFile(location, "ssl.keystore.location");
            store = pemKeyStore(pem, pem, keyPassword, "ssl.keystore.location");
            entryPassword = IN_MEMORY;
        } else if (location != null) {
            char[] storePassword = chars(v.get("ssl.keystore.password"));
            store = load(type, location, storePassword, "ssl.keystore.location");
            entryPassword = keyPassword != null ? keyPassword : storePassword;
        } else {
            return null;
        }
        KeyManagerFactory factory = KeyManagerFactory.getInstance((String) v.get("ssl.keymanager.algorithm"));
        try {
            factory.init(store, entryPassword);
        } catch (java.security.UnrecoverableKeyException e) {
            throw new ConfigException("Invalid value [hidden] for configuration ssl.key.password: it does not unlock "
                    + "the private key in the key store", e);
        }
        return factory.getKeyManagers();
    }

    private static TrustManager[] trustManagers(Map<String, Object> v) throws GeneralSecurityException {
        String type = upper(v.get("ssl.truststore.type"));
        String location = (String) v.get("ssl.truststore.location");
        KeyStore store;
        if (v.get("ssl.truststore.certificates") != null) {
            store = pemTrustStore((String) v.get("ssl.truststore.certificates"), "ssl.truststore.certificates");
        } else if (location != null && type.equals("PEM")) {
            store = pemTrustStore(readFile(location, "ssl.truststore.location"), "ssl.truststore.location");
        } else if (location != null) {
            store = load(type, location, chars(v.get("ssl.truststore.password")), "ssl.truststore.location");
        } else {
            store = null; // the JDK's default CAs
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance((String) v.get("ssl.trustmanager.algorithm"));
        factory.init(store);
        return factory.getTrustManagers();
    }

    private static KeyStore pemKeyStore(String chainPem, String keyPem, char[] keyPassword, String configKey)
            throws GeneralSecurityException {
        List<Certificate> chain = PemFiles.certificates(chainPem, configKey.equals("ssl.keystore.key")
                ? "ssl.keystore.certificate.chain" : configKey);
        PrivateKey key = PemFiles.privateKey(keyPem, keyPassword, configKey);
        KeyStore store = emptyStore();
        store.setKeyEntry("quill", key, IN_MEMORY, chain.toArray(new Certificate[0]));
        return store;
    }

    private static KeyStore pemTrustStore(String pem, String configKey) throws GeneralSecurityException {
        KeyStore store = emptyStore();
        int i = 0;
        for (Certificate certificate : PemFiles.certificates(pem, configKey)) {
            store.setCertificateEntry("ca-" + i++, certificate);
        }
        return store;
    }

    private static KeyStore emptyStore() throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        return store;
    }

    private static KeyStore load(String type, String location, char[] password, String configKey)
            throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(type);
        try (InputStream in = Files.newInputStream(Path.of(location))) {
            store.load(in, password);
            return store;
        } catch (IOException e) {
            // A wrong password shows as an IOException whose cause is UnrecoverableKeyException.
            String why = e.getCause() instanceof java.security.UnrecoverableKeyException
                    ? "the password (" + configKey.replace("location", "password") + ") is wrong"
                    : e.getClass().getSimpleName() + ": " + e.getMessage();
            throw new ConfigException("Invalid value " + location + " for configuration " + configKey
                    + ": could not load the " + type + " store: " + why, e);
        }
    }

    private static String readFile(String location, String configKey) {
        try {
            return Files.readString(Path.of(location), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new ConfigException("Invalid value " + location + " for configuration " + configKey
                    + ": could not read the PEM file (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    private static char[] chars(Object secret) {
        return secret == null ? null : ((String) secret).toCharArray();
    }

    private static String upper(Object value) {
        return value == null ? "" : ((String) value).toUpperCase(Locale.ROOT);
    }
}
