package dev.quill.producer.internal.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.quill.producer.errors.AuthenticationException;

/**
 * SCRAM-SHA-256 and SCRAM-SHA-512 (RFC 5802, RFC 7677) without channel binding, as Kafka brokers speak it:
 * client-first, server-first (nonce, salt, iterations), client-final with the proof, server-final with the
 * server's signature, which is checked so that a broker that does not know the password cannot pass for one.
 */
final class ScramMechanism implements SaslMechanismClient {

    /** The gs2 header "no channel binding, no authorization id", and its base64 as the c= attribute. */
    private static final String GS2_HEADER = "n,,";
    /** Kafka refuses fewer iterations than this; so does Quill, against a downgrade by a fake server. */
    private static final int MIN_ITERATIONS = 4096;
    private static final SecureRandom RANDOM = new SecureRandom();

    private enum Step { CLIENT_FIRST, CLIENT_FINAL, DONE }

    private final String mechanism;
    private final String hmacAlgorithm;
    private final String digestAlgorithm;
    private final SaslCredentials credentials;
    private final boolean tokenAuth;
    private final String clientNonce;
    private Step step = Step.CLIENT_FIRST;
    private String clientFirstBare;
    private byte[] expectedServerSignature;

    ScramMechanism(String mechanism, SaslCredentials credentials, boolean tokenAuth) {
        this(mechanism, credentials, tokenAuth, randomNonce());
    }

    /** With a given client nonce: for the RFC's test vectors. */
    ScramMechanism(String mechanism, SaslCredentials credentials, boolean tokenAuth, String clientNonce) {
        this.mechanism = mechanism;
        boolean sha512 = mechanism.equals("SCRAM-SHA-512");
        this.hmacAlgorithm = sha512 ? "HmacSHA512" : "HmacSHA256";
        this.digestAlgorithm = sha512 ? "SHA-512" : "SHA-256";
        this.credentials = credentials;
        this.tokenAuth = tokenAuth;
        this.clientNonce = clientNonce;
    }

    private static String randomNonce() {
        byte[] nonce = new byte[24];
        RANDOM.nextBytes(nonce);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(nonce);
    }

    @Override
    public String mechanism() {
        return mechanism;
    }

    @Override
    public byte[] initialResponse() {
        clientFirstBare = "n=" + saslName(credentials.username()) + ",r=" + clientNonce
                + (tokenAuth ? ",tokenauth=true" : "");
        step = Step.CLIENT_FINAL;
        return (GS2_HEADER + clientFirstBare).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] evaluate(byte[] challenge) {
        String message = new String(challenge, StandardCharsets.UTF_8);
        Map<String, String> attributes = attributes(message);
        if (attributes.containsKey("e")) {
            throw new AuthenticationException(mechanism + " authentication failed: the broker answered e="
                    + attributes.get("e"));
        }
        return switch (step) {
            case CLIENT_FINAL -> clientFinal(message, attributes);
            case DONE -> verifyServerFinal(attributes);
            default -> throw new AuthenticationException("unexpected " + mechanism + " message from the broker");
        };
    }

    private byte[] clientFinal(String serverFirst, Map<String, String> a) {
        String nonce = a.get("r");
        String salt = a.get("s");
        String iterationsText = a.get("i");
        if (nonce == null || salt == null || iterationsText == null || !nonce.startsWith(clientNonce)
                || nonce.length() == clientNonce.length()) {
            throw new AuthenticationException("invalid " + mechanism + " server-first message from the broker");
        }
        int iterations;
        try {
            iterations = Integer.parseInt(iterationsText);
        } catch (NumberFormatException e) {
            throw new AuthenticationException("invalid " + mechanism + " iteration count from the broker");
        }
        if (iterations < MIN_ITERATIONS) {
            throw new AuthenticationException("the broker asked for " + iterations + " " + mechanism
                    + " iterations; at least " + MIN_ITERATIONS + " are required");
        }
        try {
            byte[] saltedPassword = hi(credentials.password().getBytes(StandardCharsets.UTF_8),
                    Base64.getDecoder().decode(salt), iterations);
            String channelBinding = Base64.getEncoder().encodeToString(GS2_HEADER.getBytes(StandardCharsets.UTF_8));
            String clientFinalWithoutProof = "c=" + channelBinding + ",r=" + nonce;
            byte[] authMessage = (clientFirstBare + "," + serverFirst + "," + clientFinalWithoutProof)
                    .getBytes(StandardCharsets.UTF_8);
            byte[] clientKey = hmac(saltedPassword, "Client Key".getBytes(StandardCharsets.UTF_8));
            byte[] storedKey = MessageDigest.getInstance(digestAlgorithm).digest(clientKey);
            byte[] clientSignature = hmac(storedKey, authMessage);
            byte[] proof = new byte[clientKey.length];
            for (int i = 0; i < proof.length; i++) {
                proof[i] = (byte) (clientKey[i] ^ clientSignature[i]);
            }
            byte[] serverKey = hmac(saltedPassword, "Server Key".getBytes(StandardCharsets.UTF_8));
            expectedServerSignature = hmac(serverKey, authMessage);
            step = Step.DONE;
            return (clientFinalWithoutProof + ",p=" + Base64.getEncoder().encodeToString(proof))
                    .getBytes(StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new AuthenticationException(mechanism + " could not compute the client proof: " + e.getClass()
                    .getSimpleName());
        }
    }

    private byte[] verifyServerFinal(Map<String, String> a) {
        String verifier = a.get("v");
        if (verifier == null) {
            throw new AuthenticationException("invalid " + mechanism + " server-final message from the broker");
        }
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(verifier);
        } catch (IllegalArgumentException e) {
            throw new AuthenticationException("invalid " + mechanism + " server signature from the broker");
        }
        if (!MessageDigest.isEqual(signature, expectedServerSignature)) {
            throw new AuthenticationException("the broker's " + mechanism + " signature does not match: it does "
                    + "not know this user's credentials (a server impersonating the broker?)");
        }
        expectedServerSignature = null;
        step = null;
        return null;
    }

    @Override
    public boolean isComplete() {
        return step == null;
    }

    /** Hi(str, salt, i) of RFC 5802: PBKDF2 with the HMAC as PRF and one block of output. */
    private byte[] hi(byte[] password, byte[] salt, int iterations) throws GeneralSecurityException {
        Mac mac = mac(password);
        mac.update(salt);
        mac.update(new byte[] {0, 0, 0, 1});
        byte[] u = mac.doFinal();
        byte[] result = u.clone();
        for (int i = 1; i < iterations; i++) {
            u = mac.doFinal(u);
            for (int j = 0; j < result.length; j++) {
                result[j] ^= u[j];
            }
        }
        return result;
    }

    private byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
        return mac(key).doFinal(data);
    }

    private Mac mac(byte[] key) throws GeneralSecurityException {
        Mac mac = Mac.getInstance(hmacAlgorithm);
        mac.init(new SecretKeySpec(key, hmacAlgorithm));
        return mac;
    }

    /** RFC 5802 saslname: '=' and ',' are escaped as =3D and =2C. */
    private static String saslName(String username) {
        return username.replace("=", "=3D").replace(",", "=2C");
    }

    private static Map<String, String> attributes(String message) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : message.split(",")) {
            int eq = part.indexOf('=');
            if (eq == 1) {
                out.putIfAbsent(part.substring(0, 1), part.substring(2));
            }
        }
        return out;
    }
}
