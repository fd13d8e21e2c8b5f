package dev.quill.producer.internal.protocol;

import dev.quill.producer.errors.Errors;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The APIs and version ranges a broker supports and, from v3, the cluster's finalized feature levels.
 * Finalized features are read because the transaction protocol depends on {@code transaction.version}
 * (KIP-890); the features a broker merely supports are skipped. Before v3 there are no features: the
 * epoch reads as -1 and the map is empty.
 *
 * @param finalizedFeaturesEpoch -1 when the broker sent none
 * @param finalizedFeatures feature name to finalized max version level; empty when the broker sent none
 */
public record ApiVersionsResponse(short errorCode, List<ApiVersion> apiKeys, int throttleTimeMs,
                                  long finalizedFeaturesEpoch, Map<String, Short> finalizedFeatures) {

    public static final long NO_FEATURES_EPOCH = -1L;

    private static final int FINALIZED_FEATURES_EPOCH_TAG = 1;
    private static final int FINALIZED_FEATURES_TAG = 2;

    public ApiVersionsResponse {
        finalizedFeatures = Map.copyOf(finalizedFeatures);
    }

    /** One API a broker supports, with its inclusive version range. */
    public record ApiVersion(short apiKey, short minVersion, short maxVersion) {
    }

    public Errors error() {
        return Errors.forCode(errorCode);
    }

    /** The finalized max version level of {@code feature}, or 0 (the level of a feature never enabled) when absent. */
    public short finalizedLevel(String feature) {
        return finalizedFeatures.getOrDefault(feature, (short) 0);
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
        long[] featuresEpoch = {NO_FEATURES_EPOCH};
        Map<String, Short> features = new HashMap<>();
        if (flexible) {
            reader.readTaggedFields((tag, size, r) -> {
                if (tag == FINALIZED_FEATURES_EPOCH_TAG) {
                    featuresEpoch[0] = r.readInt64();
                } else if (tag == FINALIZED_FEATURES_TAG) {
                    readFinalizedFeatures(r, features);
                }
            });
        }
        return new ApiVersionsResponse(errorCode, apiKeys, throttleTimeMs, featuresEpoch[0], features);
    }

    private static void readFinalizedFeatures(ProtocolReader reader, Map<String, Short> features) {
        int count = reader.readArrayLength(true);
        for (int i = 0; i < count; i++) {
            String name = reader.readCompactString();
            short maxVersionLevel = reader.readInt16();
            reader.readInt16(); // min version level: clients act on the level the cluster runs at, the max
            reader.skipTaggedFields();
            features.put(name, maxVersionLevel);
        }
    }
}
