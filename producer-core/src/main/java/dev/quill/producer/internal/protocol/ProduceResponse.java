package dev.quill.producer.internal.protocol;

import dev.quill.producer.errors.Errors;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The outcome of a Produce request per partition. Since v10 a NOT_LEADER_OR_FOLLOWER answer carries
 * the new leader ({@code currentLeader}) and its endpoint ({@code nodeEndpoints}), which lets the
 * producer redirect a batch without waiting for a metadata refresh (KIP-951).
 */
public record ProduceResponse(List<TopicResponse> responses, int throttleTimeMs, List<NodeEndpoint> nodeEndpoints) {

    private static final int CURRENT_LEADER_TAG = 0;
    private static final int NODE_ENDPOINTS_TAG = 0;

    public record TopicResponse(String name, List<PartitionResponse> partitionResponses) {
    }

    /**
     * Fields a version lacks read as Kafka's defaults: log start offset -1, no record errors, null error
     * message, unknown current leader.
     */
    public record PartitionResponse(int index, short errorCode, long baseOffset, long logAppendTimeMs,
                                    long logStartOffset, List<RecordError> recordErrors, String errorMessage,
                                    LeaderIdAndEpoch currentLeader) {

        public Errors error() {
            return Errors.forCode(errorCode);
        }
    }

    /** A record that made the broker drop its whole batch (e.g. a compacted topic's null key). */
    public record RecordError(int batchIndex, String batchIndexErrorMessage) {
    }

    public record LeaderIdAndEpoch(int leaderId, int leaderEpoch) {

        public static final LeaderIdAndEpoch UNKNOWN = new LeaderIdAndEpoch(-1, -1);

        public boolean isKnown() {
            return leaderId >= 0;
        }
    }

    public record NodeEndpoint(int nodeId, String host, int port, String rack) {
    }

    public static ProduceResponse parse(ByteBuffer frame, short version) {
        return ResponseFrames.parse(frame, ApiKey.PRODUCE, version, r -> readBody(r, version));
    }

    private static ProduceResponse readBody(ProtocolReader reader, short version) {
        boolean flexible = ApiKey.PRODUCE.isFlexible(version);
        List<TopicResponse> responses = reader.readArray(flexible, r -> {
            String name = r.readString(flexible);
            List<PartitionResponse> partitions = r.readArray(flexible, p -> readPartition(p, version, flexible));
            if (flexible) {
                r.skipTaggedFields();
            }
            return new TopicResponse(name, partitions);
        });
        int throttleTimeMs = reader.readInt32();
        if (!flexible) {
            return new ProduceResponse(responses, throttleTimeMs, List.of());
        }
        List<NodeEndpoint>[] endpoints = endpointsHolder();
        reader.readTaggedFields((tag, size, r) -> {
            if (tag == NODE_ENDPOINTS_TAG && version >= 10) {
                endpoints[0] = r.readArray(true, ProduceResponse::readNodeEndpoint);
            }
        });
        return new ProduceResponse(responses, throttleTimeMs, endpoints[0]);
    }

    private static PartitionResponse readPartition(ProtocolReader reader, short version, boolean flexible) {
        int index = reader.readInt32();
        short errorCode = reader.readInt16();
        long baseOffset = reader.readInt64();
        long logAppendTimeMs = reader.readInt64();
        long logStartOffset = version >= 5 ? reader.readInt64() : -1L;
        List<RecordError> recordErrors = List.of();
        String errorMessage = null;
        if (version >= 8) {
            recordErrors = reader.readArray(flexible, r -> {
                RecordError error = new RecordError(r.readInt32(), r.readNullableString(flexible));
                if (flexible) {
                    r.skipTaggedFields();
                }
                return error;
            });
            errorMessage = reader.readNullableString(flexible);
        }
        LeaderIdAndEpoch[] leader = {LeaderIdAndEpoch.UNKNOWN};
        if (flexible) {
            reader.readTaggedFields((tag, size, r) -> {
                if (tag == CURRENT_LEADER_TAG && version >= 10) {
                    leader[0] = new LeaderIdAndEpoch(r.readInt32(), r.readInt32());
                    r.skipTaggedFields();
                }
            });
        }
        return new PartitionResponse(index, errorCode, baseOffset, logAppendTimeMs, logStartOffset, recordErrors,
                errorMessage, leader[0]);
    }

    private static NodeEndpoint readNodeEndpoint(ProtocolReader reader) {
        NodeEndpoint endpoint = new NodeEndpoint(reader.readInt32(), reader.readCompactString(), reader.readInt32(),
                reader.readCompactNullableString());
        reader.skipTaggedFields();
        return endpoint;
    }

    @SuppressWarnings("unchecked")
    private static List<NodeEndpoint>[] endpointsHolder() {
        List<NodeEndpoint>[] holder = new List[1];
        holder[0] = List.of();
        return holder;
    }
}
