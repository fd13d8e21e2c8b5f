package dev.quill.producer.internal.protocol;

/**
 * Request header v1 (api key, version, correlation id, client id) and v2 (v1 + tagged fields).
 * The client id keeps its int16 length even in v2, so that a broker can read it before knowing
 * whether the API version is flexible.
 */
public final class RequestHeader {

    private RequestHeader() {
    }

    public static void write(ProtocolWriter writer, ApiKey api, short version, int correlationId, String clientId) {
        writer.writeInt16(api.id());
        writer.writeInt16(version);
        writer.writeInt32(correlationId);
        writer.writeNullableString(clientId, false);
        if (api.requestHeaderVersion(version) >= 2) {
            writer.writeEmptyTaggedFields();
        }
    }

    /** Upper bound of the header's size, for sizing a buffer before writing. */
    static int maxSize(String clientId) {
        return 2 + 2 + 4 + 2 + utf8Bound(clientId) + 1;
    }

    /** UTF-8 takes at most three bytes per UTF-16 char. */
    static int utf8Bound(String value) {
        return value == null ? 0 : value.length() * 3;
    }
}
