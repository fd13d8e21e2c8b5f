package dev.quill.producer.internal.protocol;

import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adds partitions to the ongoing transaction before the producer writes to them, so that the
 * coordinator knows where to write the commit or abort markers. Topics go on the wire in the map's
 * iteration order; the map and its lists are copied.
 */
public record AddPartitionsToTxnRequest(String transactionalId, long producerId, short producerEpoch,
                                        Map<String, List<Integer>> partitionsByTopic) {

    public AddPartitionsToTxnRequest {
        Map<String, List<Integer>> copy = new LinkedHashMap<>();
        partitionsByTopic.forEach((topic, partitions) -> copy.put(topic, List.copyOf(partitions)));
        partitionsByTopic = Collections.unmodifiableMap(copy);
    }

    public ByteBuffer encode(short version, int correlationId, String clientId) {
        ApiKey api = ApiKey.ADD_PARTITIONS_TO_TXN;
        boolean flexible = api.isFlexible(version);
        int sizeHint = RequestHeader.utf8Bound(transactionalId) + 24;
        for (Map.Entry<String, List<Integer>> topic : partitionsByTopic.entrySet()) {
            sizeHint += RequestHeader.utf8Bound(topic.getKey()) + 12 + 4 * topic.getValue().size();
        }
        return RequestFrames.encode(api, version, correlationId, clientId, sizeHint, writer -> {
            writer.writeString(transactionalId, flexible);
            writer.writeInt64(producerId);
            writer.writeInt16(producerEpoch);
            writer.writeArrayLength(partitionsByTopic.size(), flexible);
            for (Map.Entry<String, List<Integer>> topic : partitionsByTopic.entrySet()) {
                writer.writeString(topic.getKey(), flexible);
                writer.writeArrayLength(topic.getValue().size(), flexible);
                for (int partition : topic.getValue()) {
                    writer.writeInt32(partition);
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
