package dev.quill.producer.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.network.ListenerName;

/**
 * One in-process broker with a listener for each security setup Quill supports, next to the kit's own PLAINTEXT
 * listener (which the admin and the read-back consumer keep using). Shared by the security tests of a JVM: certificates
 * are made once and the broker starts once.
 *
 * <ul>
 * <li>{@code SASL_PLAIN}: SASL_PLAINTEXT with PLAIN, SCRAM-SHA-256 and SCRAM-SHA-512</li>
 * <li>{@code SASL_TLS}: SASL_SSL, same mechanisms</li>
 * <li>{@code SASL_OAUTH}: SASL_PLAINTEXT with OAUTHBEARER, accepting Kafka's unsecured (unsigned) tokens</li>
 * <li>{@code TLS}: SSL, server authentication only</li>
 * <li>{@code MTLS}: SSL, client certificate required</li>
 * <li>{@code WRONG_HOST}: SSL with a certificate issued for {@code broker.invalid} only</li>
 * </ul>
 */
public final class SecureKafkaCluster {

    public static final String PLAIN_USER = "alice";
    public static final String PLAIN_PASSWORD = "alice-secret";
    public static final String SCRAM_USER = "scram-user";
    public static final String SCRAM_PASSWORD = "scram \"secret\" \\ with=,chars";

    private static SecureKafkaCluster shared;

    private final KafkaCluster cluster;
    private final TestCertificates.Identity ca;
    private final TestCertificates.Identity clientIdentity;
    private final Path dir;

    private SecureKafkaCluster() throws Exception {
        dir = Files.createTempDirectory("quill-tls");
        ca = TestCertificates.newCa("Quill Test CA");
        TestCertificates.Identity broker = TestCertificates.newLeaf(ca, "localhost", "dns:localhost", "ip:127.0.0.1");
        TestCertificates.Identity wrongHost = TestCertificates.newLeaf(ca, "broker.invalid", "dns:broker.invalid");
        clientIdentity = TestCertificates.newLeaf(ca, "quill-client", "dns:quill-client");

        Map<String, String> config = new LinkedHashMap<>();
        config.put("listeners", "EXTERNAL://localhost:0,CONTROLLER://localhost:0,SASL_PLAIN://localhost:0,"
                + "SASL_TLS://localhost:0,TLS://localhost:0,MTLS://localhost:0,WRONG_HOST://localhost:0,"
                + "SASL_OAUTH://localhost:0");
        config.put("listener.security.protocol.map", "EXTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT,"
                + "SASL_PLAIN:SASL_PLAINTEXT,SASL_TLS:SASL_SSL,TLS:SSL,MTLS:SSL,WRONG_HOST:SSL,"
                + "SASL_OAUTH:SASL_PLAINTEXT");
        config.put("sasl.enabled.mechanisms", "PLAIN,SCRAM-SHA-256,SCRAM-SHA-512");
        config.put("listener.name.sasl_oauth.sasl.enabled.mechanisms", "OAUTHBEARER");
        // No validator configured: the broker takes unsigned tokens, as Kafka does for development setups.
        config.put("listener.name.sasl_oauth.oauthbearer.sasl.jaas.config",
                "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required "
                        + "unsecuredLoginStringClaim_sub=\"broker\";");
        for (String listener : List.of("sasl_plain", "sasl_tls")) {
            String prefix = "listener.name." + listener + ".";
            config.put(prefix + "plain.sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule "
                    + "required user_" + PLAIN_USER + "=\"" + PLAIN_PASSWORD + "\";");
            config.put(prefix + "scram-sha-256.sasl.jaas.config",
                    "org.apache.kafka.common.security.scram.ScramLoginModule required;");
            config.put(prefix + "scram-sha-512.sasl.jaas.config",
                    "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        }
        config.put("ssl.keystore.type", "PEM");
        config.put("ssl.keystore.certificate.chain", broker.certificatePem());
        config.put("ssl.keystore.key", broker.keyPem());
        config.put("ssl.truststore.type", "PEM");
        config.put("ssl.truststore.certificates", ca.certificatePem());
        config.put("listener.name.mtls.ssl.client.auth", "required");
        config.put("listener.name.wrong_host.ssl.keystore.type", "PEM");
        config.put("listener.name.wrong_host.ssl.keystore.certificate.chain", wrongHost.certificatePem());
        config.put("listener.name.wrong_host.ssl.keystore.key", wrongHost.keyPem());
        cluster = KafkaCluster.start(1, config);

        for (ScramMechanism mechanism : List.of(ScramMechanism.SCRAM_SHA_256, ScramMechanism.SCRAM_SHA_512)) {
            cluster.admin().alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(SCRAM_USER,
                    new ScramCredentialInfo(mechanism, 4096), SCRAM_PASSWORD))).all().get(30, TimeUnit.SECONDS);
        }
        awaitScramUsable();
    }

    public static synchronized SecureKafkaCluster shared() {
        if (shared == null) {
            try {
                shared = new SecureKafkaCluster();
            } catch (Exception e) {
                throw new IllegalStateException("could not start the secured Kafka cluster", e);
            }
        }
        return shared;
    }

    /** Stops the shared secured cluster, if one was started; see {@link KafkaCluster#closeShared()}. */
    static synchronized void closeShared() {
        if (shared != null) {
            shared.cluster.close();
            shared = null;
        }
    }

    /** The broker credentials reach the broker's cache through the metadata log: wait until SCRAM works there. */
    private void awaitScramUsable() {
        KafkaCluster.awaitCondition(Duration.ofSeconds(30), "SCRAM credentials on the broker", () -> {
            Properties props = new Properties();
            props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, address("SASL_PLAIN"));
            props.put("security.protocol", "SASL_PLAINTEXT");
            props.put("sasl.mechanism", "SCRAM-SHA-512");
            props.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                    + "username=\"" + SCRAM_USER + "\" password=\"" + SCRAM_PASSWORD.replace("\\", "\\\\")
                    .replace("\"", "\\\"") + "\";");
            try (Admin admin = Admin.create(props)) {
                admin.listTopics().names().get(5, TimeUnit.SECONDS);
                return true;
            } catch (Exception e) {
                return false;
            }
        });
    }

    public KafkaCluster cluster() {
        return cluster;
    }

    /** {@code localhost:port} of a listener by name (SASL_PLAIN, SASL_TLS, TLS, MTLS, WRONG_HOST, EXTERNAL). */
    public String address(String listener) {
        return "localhost:" + cluster.kit().brokers().values().iterator().next()
                .boundPort(ListenerName.normalised(listener));
    }

    public TestCertificates.Identity ca() {
        return ca;
    }

    public TestCertificates.Identity clientIdentity() {
        return clientIdentity;
    }

    /** A folder for store files of this run. */
    public Path dir() {
        return dir;
    }
}
