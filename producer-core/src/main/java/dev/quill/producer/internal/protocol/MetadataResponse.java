package dev.quill.producer.internal.protocol;

import dev.quill.producer.errors.Errors;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.UUID;

/**
 * Brokers and partition leadership as one broker sees them. Fields a version lacks read as Kafka's
 * defaults: leader epoch -1, no offline replicas, zero topic id, no authorized operations
 * ({@link Integer#MIN_VALUE}).
 */
public record MetadataResponse(int throttleTimeMs, List<Broker> brokers, String clusterId, int controllerId,
                               List<Topic> topics) {

    /** Kafka's "authorized operations not requested" marker. */
    public static final int AUTHORIZED_OPERATIONS_OMITTED = Integer.MIN_VALUE;

    public record Broker(int nodeId, String host, int port, String rack) {
    }

    /** {@code name} is null only for a topic asked for by id that does not exist. */
    public record Topic(short errorCode, String name, UUID topicId, boolean isInternal, List<Partition> partitions,
                        int topicAuthorizedOperations) {

        public Errors error() {
            return Errors.forCode(errorCode);
        }
    }

    public record Partition(short errorCode, int partitionIndex, int leaderId, int leaderEpoch,
                            List<Integer> replicaNodes, List<Integer> isrNodes, List<Integer> offlineReplicas) {

        public Errors error() {
            return Errors.forCode(errorCode);
        }
    }

    public static MetadataResponse parse(ByteBuffer frame, short version) {
        return ResponseFrames.parse(frame, ApiKey.METADATA, version, r -> readBody(r, version));
    }

    private static MetadataResponse readBody(ProtocolReader reader, short version) {
        boolean flexible = ApiKey.METADATA.isFlexible(version);
        int throttleTimeMs = reader.readInt32();
        List<Broker> brokers = reader.readArray(flexible, r -> readBroker(r, flexible));
        String clusterId = reader.readNullableString(flexible);
        int controllerId = reader.readInt32();
        List<Topic> topics = reader.readArray(flexible, r -> readTopic(r, version, flexible));
        if (version >= 8 && version <= 10) {
            reader.readInt32(); // cluster authorized operations: never requested
        }
        if (flexible) {
            reader.skipTaggedFields();
        }
        return new MetadataResponse(throttleTimeMs, brokers, clusterId, controllerId, topics);
    }

    private static Broker readBroker(ProtocolReader reader, boolean flexible) {
        Broker broker = new Broker(reader.readInt32(), reader.readString(flexible), reader.readInt32(),
                reader.readNullableString(flexible));
        if (flexible) {
            reader.skipTaggedFields();
        }
        return broker;
    }

    private static Topic readTopic(ProtocolReader reader, short version, boolean flexible) {
        short errorCode = reader.readInt16();
        String name = version >= 12 ? reader.readNullableString(flexible) : reader.readString(flexible);
        UUID topicId = version >= 10 ? reader.readUuid() : new UUID(0L, 0L);
        boolean isInternal = reader.readBoolean();
        List<Partition> partitions = reader.readArray(flexible, r -> readPartition(r, version, flexible));
        int authorizedOperations = version >= 8 ? reader.readInt32() : AUTHORIZED_OPERATIONS_OMITTED;
        if (flexible) {
            reader.skipTaggedFields();
        }
        return new Topic(errorCode, name, topicId, isInternal, partitions, authorizedOperations);
    }

    private static Partition readPartition(ProtocolReader reader, short version, boolean flexible) {
        short errorCode = reader.readInt16();
        int partitionIndex = reader.readInt32();
        int leaderId = reader.readInt32();
        int leaderEpoch = version >= 7 ? reader.readInt32() : -1;
        List<Integer> replicas = reader.readInt32Array(flexible);
        List<Integer> isr = reader.readInt32Array(flexible);
        List<Integer> offline = version >= 5 ? reader.readInt32Array(flexible) : List.of();
        if (flexible) {
            reader.skipTaggedFields();
        }
        return new Partition(errorCode, partitionIndex, leaderId, leaderEpoch, replicas, isr, offline);
    }
}
