package dev.quill.producer.internal.metadata;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import dev.quill.producer.internal.ExponentialBackoff;
import dev.quill.producer.internal.network.Node;

/**
 * The producer's current {@link Cluster} and when to refresh it. The I/O thread installs new snapshots;
 * any thread reads the latest one and may ask for a refresh.
 */
public final class Metadata {

    private final List<Node> bootstrap;
    private final boolean rebootstrap;
    private final long maxAgeMs;
    private final ExponentialBackoff refreshBackoff;
    private volatile Cluster cluster = Cluster.EMPTY;
    private volatile boolean updateRequested = true;
    private volatile CountDownLatch nextUpdate = new CountDownLatch(1);
    private long lastSuccessMs;
    private long nextAttemptMs;
    private int failedAttempts;

    /**
     * @param rebootstrap whether the bootstrap servers stay candidates for metadata once the brokers are known
     *     ({@code metadata.recovery.strategy=rebootstrap}), so that a cluster whose brokers all moved is found again
     */
    public Metadata(List<Node> bootstrap, boolean rebootstrap, long maxAgeMs, long retryBackoffMs,
                    long retryBackoffMaxMs) {
        this.bootstrap = List.copyOf(bootstrap);
        this.rebootstrap = rebootstrap;
        this.maxAgeMs = maxAgeMs;
        this.refreshBackoff = new ExponentialBackoff(retryBackoffMs, retryBackoffMaxMs);
    }

    public Cluster cluster() {
        return cluster;
    }

    public List<Node> bootstrap() {
        return bootstrap;
    }

    /** The brokers to ask for metadata: the known ones, then the bootstrap servers when they may be used. */
    public List<Node> metadataCandidates() {
        Cluster current = cluster;
        if (current.nodes().isEmpty()) {
            return bootstrap;
        }
        List<Node> candidates = new ArrayList<>(current.nodes().values());
        if (rebootstrap) {
            candidates.addAll(bootstrap);
        }
        return candidates;
    }

    /** Asks the I/O thread to refresh at its next chance (subject to the refresh backoff). */
    public void requestUpdate() {
        updateRequested = true;
    }

    /** How long until a refresh is due; 0 when it is due now. */
    public long timeToNextUpdate(long nowMs) {
        long due = updateRequested ? nextAttemptMs : Math.max(nextAttemptMs, lastSuccessMs + maxAgeMs);
        return Math.max(0, due - nowMs);
    }

    public void update(Cluster fresh, boolean incomplete, long nowMs) {
        cluster = fresh;
        lastSuccessMs = nowMs;
        failedAttempts = 0;
        // A response that still lacks a topic's leaders means another round soon, after a backoff.
        updateRequested = incomplete;
        nextAttemptMs = incomplete ? nowMs + refreshBackoff.backoffMs(0) : nowMs;
        CountDownLatch done = nextUpdate;
        nextUpdate = new CountDownLatch(1);
        done.countDown();
    }

    /**
     * Moves one partition to the leader a broker named, keeping the rest of the picture; the next full
     * refresh confirms or corrects it. Returns false when the partition is unknown.
     */
    public boolean applyLeaderHint(String topic, int partition, Node leader) {
        Cluster current = cluster;
        Cluster hinted = current.withLeader(topic, partition, leader);
        if (hinted == current) {
            return false;
        }
        cluster = hinted;
        return true;
    }

    public void failedUpdate(long nowMs) {
        nextAttemptMs = nowMs + refreshBackoff.backoffMs(failedAttempts++);
        updateRequested = true;
    }

    /**
     * Asks for a refresh, as {@link #requestUpdate()}, and returns a latch that opens at the next successful refresh.
     * The latch is taken before the request is made: a refresh that completes in between opens it too, where waiting
     * for the refresh after it would wait for one nobody asked for (that refresh cleared the request). It may have
     * answered an earlier request, so a caller looks at the cluster again, and asks again if need be.
     */
    public CountDownLatch requestUpdateAndWatch() {
        CountDownLatch next = nextUpdate;
        requestUpdate();
        return next;
    }

    public long lastSuccessMs() {
        return lastSuccessMs;
    }
}
