package dev.quill.producer.internal.protocol;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends a consumer group's offsets to its group coordinator as part of the transaction, so that they
 * become visible only if the transaction commits. The group's generation, member id and instance id
 * (v3+, KIP-447) let the coordinator fence a zombie consumer; versions before 3 leave them out. Offsets
 * are grouped by topic on the wire, topics in first-seen order; the list is copied.
 *
 * @param generationId {@link #UNKNOWN_GENERATION_ID} when the producer has no group metadata
 * @param memberId "" when the producer has no group metadata
 * @param groupInstanceId null unless the consumer uses static membership
 */
public record TxnOffsetCommitRequest(String transactionalId, String groupId, long producerId, short producerEpoch,
                                     int generationId, String memberId, String groupInstanceId,
                                     List<Offset> offsets) {

    public static final int UNKNOWN_GENERATION_ID = -1;

    /**
     * The next offset to consume from one partition.
     *
     * @param leaderEpoch {@link #NO_LEADER_EPOCH} when unknown; sent from v2
     * @param metadata may be null
     */
    public record Offset(String topic, int partition, long offset, int leaderEpoch, String metadata) {

        public static final int NO_LEADER_EPOCH = -1;
    }

    public TxnOffsetCommitRequest {
        offsets = List.copyOf(offsets);
    }

    public ByteBuffer encode(short version, int correlationId, String clientId) {
        ApiKey api = ApiKey.TXN_OFFSET_COMMIT;
        boolean flexible = api.isFlexible(version);
        Map<String, List<Offset>> byTopic = new LinkedHashMap<>();
        int sizeHint = RequestHeader.utf8Bound(transactionalId) + RequestHeader.utf8Bound(groupId)
                + RequestHeader.utf8Bound(memberId) + RequestHeader.utf8Bound(groupInstanceId) + 32;
        for (Offset offset : offsets) {
            List<Offset> partitions = byTopic.get(offset.topic());
            if (partitions == null) {
                partitions = new ArrayList<>();
                byTopic.put(offset.topic(), partitions);
                sizeHint += RequestHeader.utf8Bound(offset.topic()) + 8;
            }
            partitions.add(offset);
            sizeHint += RequestHeader.utf8Bound(offset.metadata()) + 24;
        }
        return RequestFrames.encode(api, version, correlationId, clientId, sizeHint, writer -> {
            writer.writeString(transactionalId, flexible);
            writer.writeString(groupId, flexible);
            writer.writeInt64(producerId);
            writer.writeInt16(producerEpoch);
            if (version >= 3) {
                writer.writeInt32(generationId);
                writer.writeString(memberId, flexible);
                writer.writeNullableString(groupInstanceId, flexible);
            }
            writer.writeArrayLength(byTopic.size(), flexible);
            for (Map.Entry<String, List<Offset>> topic : byTopic.entrySet()) {
                writer.writeString(topic.getKey(), flexible);
                writer.writeArrayLength(topic.getValue().size(), flexible);
                for (Offset offset : topic.getValue()) {
                    writer.writeInt32(offset.partition());
                    writer.writeInt64(offset.offset());
                    if (version >= 2) {
                        writer.writeInt32(offset.leaderEpoch());
                    }
                    writer.writeNullableString(offset.metadata(), flexible);
                    if (flexible) {
                        writer.writeEmptyTaggedFields();
                    }
                }
                if (flexible) {
                    writer.writeEmptyTaggedFields();
                }
            }
            if (flexible) {
                writer.writeEmptyTaggedFields();
            }
        });
    }
}
