package dev.quill.producer.internal.sender;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;

import dev.quill.producer.internal.metadata.Cluster;
import dev.quill.producer.internal.metadata.Metadata;
import dev.quill.producer.internal.network.BrokerClient;

/**
 * The I/O thread: keeps metadata fresh for the topics of every producer it serves, lets each producer's
 * {@link Sender} send what is ready, then waits for the network once for all of them. Producers that share it share
 * its connections, one per broker, and its metadata; a producer on its own has a loop of its own.
 *
 * <p>The loop ends once {@linkplain #closeWhenEmpty asked to} and its last producer finished, or at once after
 * {@link #stopNow()}; closing the network then fails what is still in flight.
 */
public final class IoLoop implements Runnable {

    static final long MAX_POLL_MS = 1_000;
    private static final System.Logger LOG = System.getLogger("dev.quill.producer");

    private final BrokerClient client;
    private final Metadata metadata;
    private final MetadataFetcher brokers;
    private final LongSupplier clock;
    private final NetworkEvents events;
    private long eventsSeen;
    private final List<Sender> senders = new CopyOnWriteArrayList<>();
    private volatile boolean closing;
    /** The metadata the senders last ran with: a change is news for all of them. */
    private Cluster lastCluster;
    private volatile boolean stopNow;

    /** @param events what happens on the connections, as the client's listener and the senders' clients count it */
    public IoLoop(String clientId, Metadata metadata, BrokerClient client, NetworkEvents events) {
        this(clientId, metadata, client, events, System::currentTimeMillis);
    }

    /** @param clock epoch milliseconds; a test's own clock lets it reach the timeouts without waiting for them */
    IoLoop(String clientId, Metadata metadata, BrokerClient client, NetworkEvents events, LongSupplier clock) {
        this.client = client;
        this.events = events;
        this.metadata = metadata;
        this.clock = clock;
        this.brokers = new MetadataFetcher(clientId, this::topicsInUse, metadata, client, clock);
    }

    /** Serves one more producer, from its next round on. Thread-safe. */
    public void add(Sender sender) {
        senders.add(sender);
        client.wakeup();
    }

    /** Ends the loop once the producers it serves now have finished closing. Thread-safe. */
    public void closeWhenEmpty() {
        closing = true;
        client.wakeup();
    }

    /** Ends the loop after the current round, failing what is in flight. Thread-safe. */
    public void stopNow() {
        closing = true;
        stopNow = true;
        client.wakeup();
    }

    LongSupplier clock() {
        return clock;
    }

    MetadataFetcher brokers() {
        return brokers;
    }

    @Override
    public void run() {
        while (!stopNow && !(closing && senders.isEmpty())) {
            try {
                runOnce();
            } catch (RuntimeException | Error e) {
                LOG.log(Level.ERROR, "Unexpected error in the producer's I/O thread; it carries on", e);
            }
        }
        // Closing the network fails what is in flight (final, since closing); then nothing is left to retry.
        client.close();
        for (Sender sender : senders) {
            sender.finish();
        }
        senders.clear();
    }

    void runOnce() {
        long now = clock.getAsLong();
        brokers.maybeUpdate(now);
        Cluster cluster = metadata.cluster();
        long pollMs = Math.min(brokers.timeToNextUpdateMs(now), client.timeToReauthenticationMs(now));
        boolean clusterChanged = cluster != lastCluster;
        lastCluster = cluster;
        long eventCount = events.count();
        boolean networkChanged = eventCount != eventsSeen;
        eventsSeen = eventCount;
        for (Sender sender : senders) {
            try {
                if (sender.needsRun(now) | clusterChanged | (networkChanged && sender.waitsForNetwork())) {
                    sender.runRound(cluster, now);
                }
                pollMs = Math.min(pollMs, sender.timeToDueMs(now));
            } catch (RuntimeException | Error e) {
                // One producer's fault must not stop the others sharing the thread.
                LOG.log(Level.ERROR, "Unexpected error in the producer's I/O thread; it carries on", e);
            }
            if (sender.isDone()) {
                senders.remove(sender);
                sender.finish();
            }
        }
        client.poll(Math.max(0, Math.min(pollMs, MAX_POLL_MS)), now);
    }

    private List<String> topicsInUse(long now) {
        List<String> topics = new ArrayList<>();
        for (Sender sender : senders) {
            sender.addTopicsInUse(topics, now);
        }
        return topics;
    }
}
