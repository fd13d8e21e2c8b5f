package dev.quill.producer.internal.protocol;

import java.nio.ByteBuffer;

/**
 * The first request on every connection. From v3 it names the client software, which brokers show
 * in their metrics; both strings must match {@code [a-zA-Z0-9](?:[a-zA-Z0-9\-.]*[a-zA-Z0-9])?} or the
 * broker answers INVALID_REQUEST.
 */
public record ApiVersionsRequest(String clientSoftwareName, String clientSoftwareVersion) {

    public static final String QUILL_SOFTWARE_NAME = "quill-java";

    /** Quill's own name and the version from the jar manifest ("unknown" when run from classes). */
    public static ApiVersionsRequest quill() {
        String version = ApiVersionsRequest.class.getPackage().getImplementationVersion();
        return new ApiVersionsRequest(QUILL_SOFTWARE_NAME, version == null ? "unknown" : version);
    }

    public ByteBuffer encode(short version, int correlationId, String clientId) {
        ApiKey api = ApiKey.API_VERSIONS;
        return RequestFrames.encode(api, version, correlationId, clientId,
                RequestHeader.utf8Bound(clientSoftwareName) + RequestHeader.utf8Bound(clientSoftwareVersion) + 8,
                writer -> {
                    if (version >= 3) {
                        writer.writeCompactString(clientSoftwareName);
                        writer.writeCompactString(clientSoftwareVersion);
                        writer.writeEmptyTaggedFields();
                    }
                });
    }
}
