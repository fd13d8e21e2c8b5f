package dev.quill.producer.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A Kafka broker that acknowledges everything and keeps nothing, on loopback, so that a benchmark measures
 * the producer rather than the log. One NIO thread serves every connection; what it answers is
 * {@link NullBrokerApis}. It costs the same per request whichever client sends, and far less than a real
 * broker, which on a 2-core machine otherwise takes most of the CPU.
 */
final class NullBroker implements BenchBroker {

    private static final AtomicInteger TOPIC_SEQUENCE = new AtomicInteger();

    private final ServerSocketChannel server;
    private final Selector selector;
    private final NullBrokerApis apis;
    private final Thread thread;
    private volatile boolean closed;
    private volatile Throwable failure;

    private NullBroker(int partitions) throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        this.server = ServerSocketChannel.open().bind(new InetSocketAddress(loopback, 0));
        server.configureBlocking(false);
        this.selector = Selector.open();
        server.register(selector, SelectionKey.OP_ACCEPT);
        this.apis = new NullBrokerApis(loopback.getHostAddress(), server.socket().getLocalPort(), partitions);
        this.thread = new Thread(this::serve, "null-broker");
        thread.setDaemon(true); // never keeps a benchmark JVM alive
    }

    /**
     * Starts a null broker whose topics have {@code partitions} partitions (unless created with a count of their
     * own), led by itself.
     */
    static NullBroker start(int partitions) throws IOException {
        NullBroker broker = new NullBroker(partitions);
        broker.thread.start();
        return broker;
    }

    @Override
    public String bootstrapServers() {
        return "127.0.0.1:" + server.socket().getLocalPort();
    }

    @Override
    public String createTopic(String prefix) {
        String topic = prefix + "-" + TOPIC_SEQUENCE.incrementAndGet();
        apis.createTopic(topic);
        return topic;
    }

    @Override
    public String createTopic(String prefix, int partitions) {
        String topic = prefix + "-" + TOPIC_SEQUENCE.incrementAndGet();
        apis.createTopic(topic, partitions);
        return topic;
    }

    /** The records it acknowledged on the topic: what every acknowledged Produce added to its offsets. */
    @Override
    public long recordsOn(String topic, long expected) {
        checkHealthy();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        long count;
        while ((count = apis.acknowledged(topic)) < expected && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        apis.forget(topic);
        return count;
    }

    @Override
    public OptionalLong produceRequestsReceived() {
        return OptionalLong.of(apis.produceRequests());
    }

    /** InitProducerId requests answered so far. */
    long producerIdsIssued() {
        return apis.producerIdsIssued();
    }

    @Override
    public String verifiedBy() {
        return "counted by the null broker";
    }

    @Override
    public void close() throws IOException {
        closed = true;
        selector.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.close();
    }

    private void checkHealthy() {
        if (failure != null) {
            throw new IllegalStateException("null broker failed", failure);
        }
    }

    private void serve() {
        try {
            while (!closed) {
                selector.select();
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    if (!key.isValid()) {
                        continue;
                    }
                    if (key.isAcceptable()) {
                        accept();
                    } else {
                        Connection c = (Connection) key.attachment();
                        try {
                            if (key.isReadable()) {
                                c.read(key);
                            }
                            if (key.isValid() && key.isWritable()) {
                                c.write(key);
                            }
                        } catch (IOException | RuntimeException e) {
                            // A client that closed or sent something this broker does not speak: drop it,
                            // as a real broker would; the client reconnects or reports the error.
                            key.cancel();
                            c.channel.close();
                        }
                    }
                }
            }
            for (SelectionKey key : selector.keys()) {
                key.channel().close();
            }
            selector.close();
        } catch (IOException | RuntimeException e) {
            failure = e;
        }
    }

    private void accept() throws IOException {
        SocketChannel channel = server.accept();
        if (channel == null) {
            return;
        }
        channel.configureBlocking(false);
        channel.socket().setTcpNoDelay(true);
        channel.register(selector, SelectionKey.OP_READ, new Connection(channel));
    }

    /** One client connection: reassembles size-prefixed frames and queues answers in request order. */
    private final class Connection {
        final SocketChannel channel;
        private final ByteBuffer size = ByteBuffer.allocate(4);
        // Reused across requests (grown when needed): the previous request is fully handled before the next is read.
        // Off-heap, so that the heap a benchmark measures for a client does not include the broker's buffer for
        // each of its connections (up to a request's size).
        private ByteBuffer frame = ByteBuffer.allocateDirect(64 * 1024);
        private boolean inFrame;
        private final ArrayDeque<ByteBuffer> out = new ArrayDeque<>();

        Connection(SocketChannel channel) {
            this.channel = channel;
        }

        void read(SelectionKey key) throws IOException {
            while (true) {
                if (!inFrame) {
                    if (channel.read(size) < 0) {
                        throw new IOException("closed by client");
                    }
                    if (size.hasRemaining()) {
                        break;
                    }
                    int length = size.flip().getInt();
                    size.clear();
                    if (frame.capacity() < length) {
                        frame = ByteBuffer.allocateDirect(Math.max(length, frame.capacity() * 2));
                    }
                    frame.clear().limit(length);
                    inFrame = true;
                }
                if (channel.read(frame) < 0) {
                    throw new IOException("closed by client");
                }
                if (frame.hasRemaining()) {
                    break;
                }
                inFrame = false;
                ByteBuffer answer = apis.handle(frame.flip());
                if (answer != null) {
                    out.add(answer);
                }
            }
            if (!out.isEmpty()) {
                write(key);
            }
        }

        void write(SelectionKey key) throws IOException {
            while (!out.isEmpty()) {
                ByteBuffer head = out.peek();
                channel.write(head);
                if (head.hasRemaining()) {
                    break;
                }
                out.poll();
            }
            key.interestOps(out.isEmpty() ? SelectionKey.OP_READ : SelectionKey.OP_READ | SelectionKey.OP_WRITE);
        }
    }
}
