package dev.quill.producer;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import dev.quill.producer.internal.LastFailure;
import dev.quill.producer.internal.accumulator.AccumulatorSettings;
import dev.quill.producer.internal.accumulator.BufferPool;
import dev.quill.producer.internal.log.ProducerLogger;
import dev.quill.producer.internal.metadata.Metadata;
import dev.quill.producer.internal.network.BrokerConnectionLog;
import dev.quill.producer.internal.network.ConnectionListener;
import dev.quill.producer.internal.network.CanonicalBootstrap;
import dev.quill.producer.internal.network.ConnectionStripes;
import dev.quill.producer.internal.network.ConnectionState;
import dev.quill.producer.internal.network.HostResolver;
import dev.quill.producer.internal.network.NetworkClient;
import dev.quill.producer.internal.network.NetworkSettings;
import dev.quill.producer.internal.network.Node;
import dev.quill.producer.internal.network.SecureConnections;
import dev.quill.producer.internal.network.StripedBrokerClient;
import dev.quill.producer.internal.security.SecuritySettings;
import dev.quill.producer.internal.sender.IoLoop;
import dev.quill.producer.internal.sender.LaneClient;
import dev.quill.producer.internal.sender.NetworkEvents;
import dev.quill.producer.internal.waiting.WaitingRecords;

/**
 * Producers that share one I/O thread, a few connections per broker, one view of the metadata, one
 * {@code buffer.memory} and the one thread that places records that waited for metadata or a schema id. Made for many transactional producers in one application, one per concurrent transaction,
 * which would otherwise each bring all of these; any producers with the same connection settings may share.
 *
 * <pre>{@code
 * try (ProducerGroup group = ProducerGroup.create(config)) {
 *     QuillProducer<String, String> first = group.newProducer(configWithTransactionalId("orders-0"), ...);
 *     QuillProducer<String, String> second = group.newProducer(configWithTransactionalId("orders-1"), ...);
 * }
 * }</pre>
 *
 * <p>Each producer's own configuration governs its records (batching, delivery, acks, idempotence, transactions,
 * serializers); the connection settings, {@code buffer.memory}, {@code batch.size} and {@code compression.type} are
 * the group's, and a producer whose configuration says otherwise is refused, naming the key. A producer closes on its
 * own; closing the group waits for those still open to close. Thread-safe.
 */
public final class ProducerGroup implements AutoCloseable {

    /** How many producers' worth of requests a group's connection may have in flight. */
    private static final int IN_FLIGHT_SHARES = 16;

    /** Connections per broker of {@link #create(ProducerConfig)}. */
    public static final int DEFAULT_CONNECTIONS_PER_BROKER = 8;

    /** Keys that shape the connections or the shared buffer pool: every producer of a group must agree on them. */
    private static final List<String> SHARED_KEYS = List.of("bootstrap.servers", "client.dns.lookup",
            "security.protocol", "request.timeout.ms", "max.in.flight.requests.per.connection",
            "connections.max.idle.ms", "reconnect.backoff.ms", "reconnect.backoff.max.ms",
            "socket.connection.setup.timeout.ms", "socket.connection.setup.timeout.max.ms", "send.buffer.bytes",
            "receive.buffer.bytes", "metadata.max.age.ms", "metadata.recovery.strategy", "buffer.memory", "batch.size",
            "compression.type");
    private static final List<String> SHARED_PREFIXES = List.of("ssl.", "sasl.");

    private final ProducerConfig config;
    private final String clientId;
    private final boolean singleProducer;
    private final int connectionsPerBroker;
    private int producersMade;
    final BufferPool pool;
    final Metadata metadata;
    final HealthTracker healthTracker = new HealthTracker();
    final BrokerConnectionLog connectionLog;
    final LastFailure lastFailure = new LastFailure();
    final ConnectionState connections;
    final NetworkClient client;
    final IoLoop loop;
    final NetworkEvents events = new NetworkEvents();
    final ScheduledThreadPoolExecutor placer;
    private final Thread ioThread;
    private final List<QuillProducer<?, ?>> producers = new ArrayList<>();
    private boolean closed;

    private ProducerGroup(ProducerConfig config, Duration logRepeatInterval, boolean singleProducer,
                          int connectionsPerBroker) {
        if (connectionsPerBroker < 1 || connectionsPerBroker > ConnectionStripes.MAX_STRIPES) {
            throw new IllegalArgumentException("connectionsPerBroker must be in 1.." + ConnectionStripes.MAX_STRIPES
                    + ", was " + connectionsPerBroker);
        }
        this.config = config;
        this.clientId = config.clientId();
        this.singleProducer = singleProducer;
        this.connectionsPerBroker = connectionsPerBroker;
        this.pool = new BufferPool(config.bufferMemory(),
                AccumulatorSettings.pooledBufferSize(config.batchSize(), config.compressionType()));
        List<Node> bootstrap = bootstrapNodes(config.bootstrapAddresses());
        if (config.clientDnsLookup().equals("resolve_canonical_bootstrap_servers_only")) {
            bootstrap = CanonicalBootstrap.expand(bootstrap, HostResolver.SYSTEM);
        }
        this.metadata = new Metadata(bootstrap, config.metadataRecoveryStrategy().equals("rebootstrap"),
                config.metadataMaxAgeMs(), config.retryBackoffMs(), config.retryBackoffMaxMs());
        this.connectionLog = new BrokerConnectionLog(new ProducerLogger(clientId), logRepeatInterval.toMillis());
        // A connection carries the requests of many producers in a group: its cap grows with them, while each
        // producer keeps max.in.flight.requests.per.connection per partition (what idempotence relies on).
        int inFlightPerConnection = singleProducer ? config.maxInFlightRequestsPerConnection()
                : config.maxInFlightRequestsPerConnection() * IN_FLIGHT_SHARES;
        NetworkSettings network = new NetworkSettings(clientId, inFlightPerConnection,
                config.requestTimeoutMs(), config.reconnectBackoffMs(), config.reconnectBackoffMaxMs(),
                config.socketConnectionSetupTimeoutMs(), config.socketConnectionSetupTimeoutMaxMs(),
                config.sendBufferBytes(), config.receiveBufferBytes(), config.connectionsMaxIdleMs(),
                config.clientDnsLookup().equals("use_all_dns_ips"));
        SecuritySettings security = config.security();
        this.connections = new ConnectionState(ConnectionListener.both(healthTracker, events), connectionLog,
                metadata::requestUpdate, lastFailure);
        this.client = new NetworkClient(network, SecureConnections.transports(security), HostResolver.SYSTEM,
                SecureConnections.handshake(security, clientId), connections);
        this.loop = new IoLoop(clientId, metadata, client, events);
        this.placer = singleProducer ? WaitingRecords.sharedPlacer() : WaitingRecords.newPlacer(clientId);
        this.ioThread = new Thread(loop, "quill-producer-io-" + clientId);
        ioThread.setDaemon(true);
    }

    /**
     * A group whose connections, buffer pool and I/O thread follow {@code config}, with up to
     * {@value #DEFAULT_CONNECTIONS_PER_BROKER} connections per broker; its producers come from {@link #newProducer}.
     * The thread starts with the first producer.
     */
    public static ProducerGroup create(ProducerConfig config) {
        return create(config, DEFAULT_CONNECTIONS_PER_BROKER);
    }

    /**
     * As {@link #create(ProducerConfig)}, spreading the producers over {@code connectionsPerBroker} connections to
     * each broker (1 to 64). A broker handles one request per connection at a time, so with many producers busy at
     * once a few connections let the broker's request threads work in parallel; one connection keeps the fewest
     * sockets.
     */
    public static ProducerGroup create(ProducerConfig config, int connectionsPerBroker) {
        return new ProducerGroup(Objects.requireNonNull(config, "config"), QuillProducer.LOG_REPEAT_INTERVAL, false,
                connectionsPerBroker);
    }

    /** The resources of a producer on its own, closed with it. */
    static ProducerGroup forSingleProducer(ProducerConfig config, Duration logRepeatInterval) {
        return new ProducerGroup(config, logRepeatInterval, true, 1);
    }

    /** The next producer's view of the connections: producers take the stripes in turn. */
    synchronized LaneClient clientForNextProducer() {
        return new LaneClient(StripedBrokerClient.of(client, producersMade++ % connectionsPerBroker), events);
    }

    /**
     * A producer sharing the group's thread, connections and buffer pool. The serializers are used as they are
     * (not configured).
     *
     * @throws IllegalArgumentException when {@code config} differs from the group's in a shared key
     * @throws IllegalStateException when the group is closed
     */
    public <K, V> QuillProducer<K, V> newProducer(ProducerConfig config, Serializer<K> keySerializer,
                                                  Serializer<V> valueSerializer) {
        checkShared(config);
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("Cannot add a producer: producer group " + clientId + " is closed");
            }
            QuillProducer<K, V> producer = QuillProducer.inGroup(config, keySerializer, valueSerializer, this);
            producers.add(producer);
            return producer;
        }
    }

    private void checkShared(ProducerConfig other) {
        Map<String, Object> mine = config.values();
        Map<String, Object> theirs = other.values();
        for (String key : theirs.keySet()) {
            boolean shared = SHARED_KEYS.contains(key) || SHARED_PREFIXES.stream().anyMatch(key::startsWith);
            if (shared && !Objects.equals(mine.get(key), theirs.get(key))) {
                throw new IllegalArgumentException("A producer of group " + clientId + " must use the group's " + key
                        + " (" + (key.contains("password") || key.contains("jaas") ? "hidden" : mine.get(key))
                        + "): its connections and buffer pool are shared");
            }
        }
    }

    /** How many connections to each broker the group's producers spread over. */
    public int connectionsPerBroker() {
        return connectionsPerBroker;
    }

    /** The group's client id, which its connections and I/O thread are named after. */
    public String clientId() {
        return clientId;
    }

    /** Starts the I/O thread with the first producer, after the line saying that producer started. */
    synchronized void started() {
        if (!ioThread.isAlive() && ioThread.getState() == Thread.State.NEW) {
            ioThread.start();
        }
    }

    boolean isIoThread(Thread thread) {
        return thread == ioThread;
    }

    boolean isSingleProducer() {
        return singleProducer;
    }

    synchronized void removed(QuillProducer<?, ?> producer) {
        producers.remove(producer);
    }

    /**
     * Ends the I/O thread: once its producers finished closing, or at once with {@code now} (what is in flight then
     * fails). Waits for it unless called from it.
     */
    void shutDown(boolean now) {
        synchronized (this) {
            closed = true;
        }
        if (now) {
            loop.stopNow();
        } else {
            loop.closeWhenEmpty();
        }
        if (Thread.currentThread() != ioThread && ioThread.getState() != Thread.State.NEW) {
            try {
                ioThread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                loop.stopNow();
            }
        }
        if (!singleProducer) {
            placer.shutdownNow();
        }
        pool.close();
    }

    /** Closes the producers still open (each waiting for its records), then the I/O thread. */
    @Override
    public void close() {
        List<QuillProducer<?, ?>> open;
        synchronized (this) {
            open = new ArrayList<>(producers);
        }
        open.forEach(QuillProducer::close);
        shutDown(false);
    }

    private static List<Node> bootstrapNodes(List<InetSocketAddress> servers) {
        List<Node> nodes = new ArrayList<>();
        int id = -1;
        for (InetSocketAddress server : servers) {
            nodes.add(new Node(id--, server.getHostString(), server.getPort(), null));
        }
        return nodes;
    }
}
