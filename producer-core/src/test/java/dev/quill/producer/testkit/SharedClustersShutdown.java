package dev.quill.producer.testkit;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Stops the clusters and the Schema Registry that test classes share once every test has run, while the JVM is
 * still up.
 * Registered through {@code META-INF/services}, so every module that uses this test kit gets it.
 */
public final class SharedClustersShutdown implements LauncherSessionListener {

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        SecureKafkaCluster.closeShared();
        KafkaCluster.closeShared();
        SchemaRegistry.closeShared();
    }
}
