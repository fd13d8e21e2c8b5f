package dev.quill.producer.internal.network;

import java.nio.channels.SocketChannel;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * TLS transports from one {@link SSLContext}. Each engine is made for the broker's host and port, which gives
 * SNI and, with an endpoint identification algorithm (HTTPS by default), hostname verification against the name
 * the client connected to.
 */
public final class TlsTransportFactory implements TransportFactory {

    private final SSLContext context;
    private final String endpointIdentification;
    private final List<String> protocols;
    private final List<String> cipherSuites;

    /**
     * @param endpointIdentification "HTTPS" (or another JDK algorithm), or null to skip hostname verification
     * @param protocols enabled TLS versions, or null for the context's defaults
     * @param cipherSuites enabled cipher suites, or null for the context's defaults
     */
    public TlsTransportFactory(SSLContext context, String endpointIdentification, List<String> protocols,
                               List<String> cipherSuites) {
        this.context = context;
        this.endpointIdentification = endpointIdentification;
        this.protocols = protocols;
        this.cipherSuites = cipherSuites;
    }

    @Override
    public Transport open(SocketChannel channel, Node node) {
        SSLEngine engine = context.createSSLEngine(node.host(), node.port());
        engine.setUseClientMode(true);
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm(endpointIdentification);
        if (protocols != null) {
            parameters.setProtocols(protocols.toArray(new String[0]));
        }
        if (cipherSuites != null) {
            parameters.setCipherSuites(cipherSuites.toArray(new String[0]));
        }
        engine.setSSLParameters(parameters);
        return new TlsTransport(channel, engine, node.address());
    }

    @Override
    public boolean tls() {
        return true;
    }
}
