package dev.quill.producer.internal.protocol;

import dev.quill.producer.errors.Errors;
import dev.quill.producer.errors.ProducerException;
import java.util.Optional;

/**
 * The version of each API to use with one broker: the highest version both Quill and the broker
 * support. Computed once per connection from the broker's ApiVersions answer.
 */
public final class NegotiatedVersions {

    private static final short UNSUPPORTED = -1;

    private final String broker;
    private final ApiVersionsResponse response;
    private final short[] versions = new short[ApiKey.values().length];

    private NegotiatedVersions(String broker, ApiVersionsResponse response) {
        this.broker = broker;
        this.response = response;
        for (ApiKey api : ApiKey.values()) {
            versions[api.ordinal()] = response.find(api.id())
                    .map(range -> overlap(api, range))
                    .orElse(UNSUPPORTED);
        }
    }

    /**
     * @param broker {@code host:port}, named in error messages
     * @throws ProducerException when the broker answered with an error (UNSUPPORTED_VERSION included:
     *     resend ApiVersions at {@link ApiVersionsResponse#retryVersion()} first)
     */
    public static NegotiatedVersions of(String broker, ApiVersionsResponse response) {
        if (response.errorCode() != Errors.NONE.code()) {
            throw Errors.exceptionFor(response.errorCode(), "broker at " + broker + " answered ApiVersions with "
                    + Errors.forCode(response.errorCode()).name());
        }
        return new NegotiatedVersions(broker, response);
    }

    public String broker() {
        return broker;
    }

    public boolean supports(ApiKey api) {
        return versions[api.ordinal()] != UNSUPPORTED;
    }

    /**
     * The version to send {@code api} at.
     *
     * @throws ProducerException naming the API and both ranges when they do not overlap
     */
    public short versionFor(ApiKey api) {
        short version = versions[api.ordinal()];
        if (version == UNSUPPORTED) {
            throw new ProducerException(mismatch(api));
        }
        return version;
    }

    /** The broker's own range for {@code api}, when it listed one. */
    public Optional<ApiVersionsResponse.ApiVersion> brokerRange(ApiKey api) {
        return response.find(api.id());
    }

    private static short overlap(ApiKey api, ApiVersionsResponse.ApiVersion range) {
        short high = (short) Math.min(api.latestVersion(), range.maxVersion());
        short low = (short) Math.max(api.oldestVersion(), range.minVersion());
        return high >= low ? high : UNSUPPORTED;
    }

    private String mismatch(ApiKey api) {
        String needs = "Quill needs " + api.displayName() + " " + api.versionRange();
        return response.find(api.id())
                .map(range -> "broker at " + broker + " supports " + api.displayName() + " v" + range.minVersion()
                        + "..v" + range.maxVersion() + ", Quill needs " + api.versionRange())
                .orElse("broker at " + broker + " does not support " + api.displayName() + ", " + needs);
    }
}
