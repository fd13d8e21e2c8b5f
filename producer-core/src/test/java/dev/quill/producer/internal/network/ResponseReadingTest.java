package dev.quill.producer.internal.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.quill.producer.errors.ProducerException;

/**
 * How a connection takes responses off its socket: whole, in order, however the bytes arrive, and without a read that
 * only finds the socket empty after the last response.
 */
class ResponseReadingTest {

    private final ArrivingBytes socket = new ArrivingBytes();
    private final List<ByteBuffer> responses = new ArrayList<>();
    private Selector selector;
    private SocketChannel channel;
    private BrokerConnection connection;

    @BeforeEach
    void connect() throws IOException {
        selector = Selector.open();
        channel = SocketChannel.open();
        channel.configureBlocking(false);
        SelectionKey key = channel.register(selector, 0);
        connection = new BrokerConnection(new Node(1, "localhost", 9092, null), socket, key, 0);
    }

    @AfterEach
    void close() throws IOException {
        channel.close();
        selector.close();
    }

    /** Sends requests with these correlation ids, so that responses to them are expected in this order. */
    private void awaitResponsesTo(int... correlationIds) throws IOException {
        for (int id : correlationIds) {
            connection.enqueue(new InFlightRequest(id, (short) 0, new ByteBuffer[] {ByteBuffer.allocate(8)}, true,
                    new ResponseHandler() {
                        @Override
                        public void onResponse(ByteBuffer frame) {
                            responses.add(frame);
                        }

                        @Override
                        public void onFailure(ProducerException error) {
                            throw new AssertionError(error);
                        }
                    }, Long.MAX_VALUE));
        }
        connection.write();
    }

    /** A response frame on the wire: its size, then the correlation id and {@code bodyBytes} bytes of body. */
    private static byte[] response(int correlationId, int bodyBytes) {
        ByteBuffer frame = ByteBuffer.allocate(8 + bodyBytes).putInt(4 + bodyBytes).putInt(correlationId);
        for (int i = 0; i < bodyBytes; i++) {
            frame.put((byte) (correlationId + i));
        }
        return frame.array();
    }

    private static byte[] concat(byte[]... parts) {
        ByteBuffer all = ByteBuffer.allocate(Arrays.stream(parts).mapToInt(p -> p.length).sum());
        for (byte[] part : parts) {
            all.put(part);
        }
        return all.array();
    }

    private void assertResponse(int index, int correlationId, int bodyBytes) {
        ByteBuffer frame = responses.get(index);
        assertThat(frame.remaining()).as("response %d's size", index).isEqualTo(4 + bodyBytes);
        assertThat(frame.getInt(frame.position())).as("response %d's correlation id", index).isEqualTo(correlationId);
        for (int i = 0; i < bodyBytes; i++) {
            assertThat(frame.get(frame.position() + 4 + i)).isEqualTo((byte) (correlationId + i));
        }
    }

    @Test
    void whenTwoResponsesArriveTogetherThenOneReadOfTheSocketHandsOnBoth() throws IOException {
        awaitResponsesTo(7, 8);
        socket.arrive(concat(response(7, 100), response(8, 50)));

        connection.read();

        assertThat(responses).hasSize(2);
        assertResponse(0, 7, 100);
        assertResponse(1, 8, 50);
        assertThat(socket.reads).as("reads of the socket").isEqualTo(1);
    }

    @Test
    void whenAResponseArrivesInPiecesThenItIsHandedOnOnceWhole() throws IOException {
        awaitResponsesTo(3);
        byte[] bytes = response(3, 200);

        socket.arrive(Arrays.copyOfRange(bytes, 0, 2));
        connection.read();
        socket.arrive(Arrays.copyOfRange(bytes, 2, 120));
        connection.read();
        assertThat(responses).as("before the last piece").isEmpty();

        socket.arrive(Arrays.copyOfRange(bytes, 120, bytes.length));
        connection.read();
        assertThat(responses).hasSize(1);
        assertResponse(0, 3, 200);
    }

    @Test
    void whenAResponseIsLargerThanTheReceiveBufferThenItArrivesWholeAndTheNextOneToo() throws IOException {
        awaitResponsesTo(1, 2);
        socket.arrive(concat(response(1, 100_000), response(2, 10)));

        connection.read();

        assertThat(responses).hasSize(2);
        assertResponse(0, 1, 100_000);
        assertResponse(1, 2, 10);
    }

    @Test
    void whenTheBrokerClosesInTheMiddleOfAResponseThenTheReadSaysSo() throws IOException {
        awaitResponsesTo(5);
        socket.arrive(Arrays.copyOfRange(response(5, 40), 0, 20));
        connection.read();
        socket.closed = true;

        // The selector reports the end of the stream as readable, so the next read finds it.
        assertThatThrownBy(connection::read).isInstanceOf(EOFException.class)
                .hasMessageContaining("in the middle of a response");
        assertThat(responses).isEmpty();
    }

    /** A socket's receiving side: bytes that arrived and were not read yet, handed out as a socket would. */
    private static final class ArrivingBytes implements Transport {

        private ByteBuffer pending = ByteBuffer.allocate(0);
        boolean closed;
        int reads;

        void arrive(byte[] bytes) {
            ByteBuffer grown = ByteBuffer.allocate(pending.remaining() + bytes.length).put(pending).put(bytes);
            pending = grown.flip();
        }

        @Override
        public int read(ByteBuffer destination) {
            reads++;
            if (!pending.hasRemaining()) {
                return closed ? -1 : 0;
            }
            int n = Math.min(destination.remaining(), pending.remaining());
            destination.put(pending.slice().limit(n));
            pending.position(pending.position() + n);
            return n;
        }

        @Override
        public long write(ByteBuffer[] sources, int offset, int length) {
            long written = 0;
            for (int i = offset; i < offset + length; i++) {
                written += sources[i].remaining();
                sources[i].position(sources[i].limit());
            }
            return written;
        }

        @Override
        public SocketChannel channel() {
            return null;
        }

        @Override
        public boolean finishConnect() {
            return true;
        }

        @Override
        public boolean hasBufferedWrites() {
            return false;
        }

        @Override
        public void close() {
        }
    }
}
