package dev.quill.producer.internal.protocol;

import dev.quill.producer.errors.Errors;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The coordinator for the one key a {@link FindCoordinatorRequest} asked about, or the error that left it
 * unknown. From v4 the broker answers with a list of coordinators, one per key; the single entry is
 * read into the same fields as the older single-key layout.
 *
 * @param errorMessage null when the broker gave none
 */
public record FindCoordinatorResponse(int throttleTimeMs, short errorCode, String errorMessage, int nodeId, String host,
                                      int port) {

    public Errors error() {
        return Errors.forCode(errorCode);
    }

    public static FindCoordinatorResponse parse(ByteBuffer frame, short version) {
        return ResponseFrames.parse(frame, ApiKey.FIND_COORDINATOR, version, r -> readBody(r, version));
    }

    private static FindCoordinatorResponse readBody(ProtocolReader reader, short version) {
        boolean flexible = ApiKey.FIND_COORDINATOR.isFlexible(version);
        int throttleTimeMs = reader.readInt32();
        FindCoordinatorResponse response;
        if (version >= 4) {
            List<FindCoordinatorResponse> coordinators =
                    reader.readArray(flexible, r -> readCoordinator(r, throttleTimeMs));
            if (coordinators.isEmpty()) {
                throw new MalformedResponseException("no coordinator for the key asked about");
            }
            response = coordinators.get(0);
        } else {
            short errorCode = reader.readInt16();
            String errorMessage = reader.readNullableString(flexible);
            response = new FindCoordinatorResponse(throttleTimeMs, errorCode, errorMessage, reader.readInt32(),
                    reader.readString(flexible), reader.readInt32());
        }
        if (flexible) {
            reader.skipTaggedFields();
        }
        return response;
    }

    private static FindCoordinatorResponse readCoordinator(ProtocolReader reader, int throttleTimeMs) {
        reader.readCompactString(); // the key: Quill asked about one
        int nodeId = reader.readInt32();
        String host = reader.readCompactString();
        int port = reader.readInt32();
        short errorCode = reader.readInt16();
        String errorMessage = reader.readCompactNullableString();
        reader.skipTaggedFields();
        return new FindCoordinatorResponse(throttleTimeMs, errorCode, errorMessage, nodeId, host, port);
    }
}
