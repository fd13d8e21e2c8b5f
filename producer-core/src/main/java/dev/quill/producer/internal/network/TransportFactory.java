package dev.quill.producer.internal.network;

import java.io.IOException;
import java.nio.channels.SocketChannel;

/**
 * Makes the transport for each new connection: plaintext, or TLS with an engine for that broker's host (so
 * that hostname verification checks the name the client dialled). {@link #tls()} lets errors that suspect a
 * mismatch with the broker's listener say which side speaks what.
 */
public interface TransportFactory {

    TransportFactory PLAINTEXT = new TransportFactory() {
        @Override
        public Transport open(SocketChannel channel, Node node) {
            return new PlaintextTransport(channel);
        }

        @Override
        public boolean tls() {
            return false;
        }
    };

    Transport open(SocketChannel channel, Node node) throws IOException;

    boolean tls();
}
