package dev.quill.producer.internal.protocol;

import dev.quill.producer.errors.Errors;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

/**
 * The APIs and version ranges a broker supports. Feature flags (tagged fields of v3+) are skipped:
 * a producer decides by API versions alone.
 */
public record ApiVersionsResponse(short errorCode, List<ApiVersion> apiKeys, int throttleTimeMs) {

    /** One API a broker supports, with its inclusive version range. */
    public record ApiVersion(short apiKey, short minVersion, short maxVersion) {
    }

    public Errors error() {
        return Errors.forCode(errorCode);
    }

    public Optional<ApiVersion> find(short apiKey) {
        for (ApiVersion apiVersion : apiKeys) {
            if (apiVersion.apiKey() == apiKey) {
                return Optional.of(apiVersion);
            }
        }
        return Optional.empty();
    }

    /**
     * After an UNSUPPORTED_VERSION answer, the ApiVersions version to try next: the highest both sides
     * know, from the key-18 range the broker listed (v0 when it listed none).
     */
    public short retryVersion() {
        return find(ApiKey.API_VERSIONS.id())
                .map(v -> (short) Math.min(v.maxVersion(), ApiKey.API_VERSIONS.latestVersion()))
                .orElse((short) 0);
    }

    /**
     * Parses a response frame (after its size prefix) to an ApiVersions request sent at {@code version}.
     * A broker that does not know that version answers in v0 form with UNSUPPORTED_VERSION, so such a
     * body is read as v0 whatever version was sent; {@link #retryVersion()} then says what to resend.
     */
    public static ApiVersionsResponse parse(ByteBuffer frame, short version) {
        int start = frame.position();
        // The header is v0 for every version, so the error code sits right after the correlation id.
        boolean fallbackToV0 = version > 0
                && frame.remaining() >= 6
                && frame.getShort(start + 4) == Errors.UNSUPPORTED_VERSION.code();
        short bodyVersion = fallbackToV0 ? 0 : version;
        try {
            return ResponseFrames.parse(frame, ApiKey.API_VERSIONS, bodyVersion, r -> readBody(r, bodyVersion));
        } catch (MalformedResponseException e) {
            if (bodyVersion == 0) {
                throw e;
            }
            // Older brokers may answer a version they do not know in v0 form without saying why.
            frame.position(start);
            try {
                return ResponseFrames.parse(frame, ApiKey.API_VERSIONS, (short) 0, r -> readBody(r, (short) 0));
            } catch (MalformedResponseException v0Failure) {
                e.addSuppressed(v0Failure);
                throw e;
            }
        }
    }

    private static ApiVersionsResponse readBody(ProtocolReader reader, short version) {
        boolean flexible = ApiKey.API_VERSIONS.isFlexible(version);
        short errorCode = reader.readInt16();
        List<ApiVersion> apiKeys = reader.readArray(flexible, r -> {
            ApiVersion apiVersion = new ApiVersion(r.readInt16(), r.readInt16(), r.readInt16());
            if (flexible) {
                r.skipTaggedFields();
            }
            return apiVersion;
        });
        int throttleTimeMs = version >= 1 ? reader.readInt32() : 0;
        if (flexible) {
            reader.skipTaggedFields();
        }
        return new ApiVersionsResponse(errorCode, apiKeys, throttleTimeMs);
    }
}
