package dev.quill.producer.testkit;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.ObjectSerializationCache;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.requests.ResponseHeader;

/**
 * A TCP proxy in front of a one-broker cluster that injects network faults a real network produces: a
 * broker that stops answering, a connection cut in the middle of a response, a broker that goes away and comes
 * back on the same address. Metadata responses passing
 * through are rewritten to name the proxy instead of the broker, so that every connection of the client
 * goes through it.
 */
public final class FaultProxy implements AutoCloseable {

    private volatile ServerSocket server;
    private final int port;
    private final String brokerHost;
    private final int brokerPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final Object pauseLock = new Object();
    private volatile boolean paused;
    private final AtomicBoolean cutNextProduceResponse = new AtomicBoolean();
    private volatile boolean closed;

    private FaultProxy(String brokerHost, int brokerPort) throws IOException {
        this.brokerHost = brokerHost;
        this.brokerPort = brokerPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.port = server.getLocalPort();
        startAccepting(server);
    }

    private void startAccepting(ServerSocket socket) {
        Thread acceptor = new Thread(() -> acceptLoop(socket), "fault-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A proxy in front of the only broker of the cluster. */
    public static FaultProxy inFrontOf(KafkaCluster cluster) {
        String bootstrap = cluster.bootstrapServers().split(",")[0];
        int colon = bootstrap.lastIndexOf(':');
        try {
            return new FaultProxy(bootstrap.substring(0, colon), Integer.parseInt(bootstrap.substring(colon + 1)));
        } catch (IOException e) {
            throw new IllegalStateException("could not start the proxy", e);
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /**
     * The broker seems to go away: every connection through the proxy is closed, and new ones are refused until
     * {@link #comeBack()}.
     */
    public synchronized void goAway() {
        ServerSocket current = server;
        server = null;
        closeQuietly(current);
        sockets.forEach(FaultProxy::closeQuietly);
        sockets.clear();
    }

    /** Accepts connections again, on the same port. */
    public synchronized void comeBack() {
        if (server != null) {
            return;
        }
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
            server = socket;
            startAccepting(socket);
        } catch (IOException e) {
            throw new IllegalStateException("could not listen on port " + port + " again", e);
        }
    }

    /** While paused, nothing moves in either direction: the broker seems to have stopped answering. */
    public void pause() {
        paused = true;
    }

    public void resume() {
        synchronized (pauseLock) {
            paused = false;
            pauseLock.notifyAll();
        }
    }

    /** The next Produce response is forwarded only halfway, then both sides of its connection are closed. */
    public void cutNextProduceResponse() {
        cutNextProduceResponse.set(true);
    }

    public boolean produceResponseWasCut() {
        return !cutNextProduceResponse.get();
    }

    private void acceptLoop(ServerSocket socket) {
        while (!closed && server == socket) {
            try {
                Socket client = socket.accept();
                Socket broker = new Socket(brokerHost, brokerPort);
                client.setTcpNoDelay(true);
                broker.setTcpNoDelay(true);
                sockets.add(client);
                sockets.add(broker);
                Map<Integer, short[]> requests = new ConcurrentHashMap<>();
                start("fault-proxy-requests", () -> pumpRequests(client, broker, requests), client, broker);
                start("fault-proxy-responses", () -> pumpResponses(broker, client, requests), client, broker);
            } catch (IOException e) {
                if (!closed && server == socket) {
                    throw new IllegalStateException("proxy accept failed", e);
                }
            }
        }
    }

    private interface Pump {
        void run() throws IOException;
    }

    private void start(String name, Pump pump, Socket client, Socket broker) {
        Thread t = new Thread(() -> {
            try {
                pump.run();
            } catch (IOException | RuntimeException e) {
                closeQuietly(client);
                closeQuietly(broker);
            }
        }, name);
        t.setDaemon(true);
        t.start();
    }

    private void pumpRequests(Socket client, Socket broker, Map<Integer, short[]> requests) throws IOException {
        DataInputStream in = new DataInputStream(client.getInputStream());
        DataOutputStream out = new DataOutputStream(broker.getOutputStream());
        while (true) {
            byte[] frame = readFrame(in);
            awaitResumed();
            RequestHeader header = RequestHeader.parse(ByteBuffer.wrap(frame));
            requests.put(header.correlationId(), new short[] {header.apiKey().id, header.apiVersion()});
            out.writeInt(frame.length);
            out.write(frame);
            out.flush();
        }
    }

    private void pumpResponses(Socket broker, Socket client, Map<Integer, short[]> requests) throws IOException {
        DataInputStream in = new DataInputStream(broker.getInputStream());
        OutputStream out = client.getOutputStream();
        while (true) {
            byte[] frame = readFrame(in);
            awaitResumed();
            int correlationId = ByteBuffer.wrap(frame).getInt();
            short[] request = requests.remove(correlationId);
            ApiKeys api = ApiKeys.forId(request[0]);
            if (api == ApiKeys.METADATA) {
                frame = pointMetadataAtProxy(frame, request[1]);
            }
            byte[] sized = ByteBuffer.allocate(4 + frame.length).putInt(frame.length).put(frame).array();
            if (api == ApiKeys.PRODUCE && cutNextProduceResponse.compareAndSet(true, false)) {
                out.write(sized, 0, sized.length / 2);
                out.flush();
                closeQuietly(client);
                closeQuietly(broker);
                return;
            }
            out.write(sized);
            out.flush();
        }
    }

    private byte[] pointMetadataAtProxy(byte[] frame, short version) {
        ByteBuffer buffer = ByteBuffer.wrap(frame);
        ResponseHeader.parse(buffer, ApiKeys.METADATA.responseHeaderVersion(version));
        int headerLength = buffer.position();
        MetadataResponseData data = new MetadataResponseData(new ByteBufferAccessor(buffer), version);
        data.brokers().forEach(b -> b.setHost("127.0.0.1").setPort(port));
        ObjectSerializationCache cache = new ObjectSerializationCache();
        ByteBuffer rewritten = ByteBuffer.allocate(headerLength + data.size(cache, version));
        rewritten.put(frame, 0, headerLength);
        data.write(new ByteBufferAccessor(rewritten), cache, version);
        return rewritten.array();
    }

    private void awaitResumed() throws IOException {
        synchronized (pauseLock) {
            while (paused && !closed) {
                try {
                    pauseLock.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
            }
        }
    }

    private static byte[] readFrame(DataInputStream in) throws IOException {
        int size = in.readInt();
        byte[] frame = new byte[size];
        in.readFully(frame);
        return frame;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Already broken: closing is all that was left to do.
        }
    }

    private static void closeQuietly(ServerSocket socket) {
        if (socket == null) {
            return;
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // The server socket is going away either way.
        }
    }

    @Override
    public void close() {
        closed = true;
        resume();
        closeQuietly(server);
        sockets.forEach(FaultProxy::closeQuietly);
    }
}
