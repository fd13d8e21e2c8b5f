package dev.quill.producer.internal.protocol;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Produce request over record batches the accumulator owns. The batches are never copied: the
 * encoded frame refers to them, so they must stay unchanged until the frame is written (and, for
 * retries, until the response arrives). Lists are kept as given, not copied.
 *
 * @param transactionalId null unless the producer is transactional
 * @param acks 0, 1 or -1 (all)
 */
public record ProduceRequest(String transactionalId, short acks, int timeoutMs, List<TopicData> topicData) {

    /** The batch for one partition, from its position to its limit; null sends a null records field. */
    public record PartitionData(int partition, ByteBuffer records) {
    }

    public record TopicData(String topic, List<PartitionData> partitions) {
    }

    public static Builder builder(short acks, int timeoutMs) {
        return new Builder(acks, timeoutMs);
    }

    /**
     * Encodes the whole frame, size prefix included, for a gathering write: header and field framing
     * sit in slices of one heap buffer, and each non-empty batch appears as a {@code duplicate()} of the
     * caller's buffer, so writing the frame does not move the batches' positions.
     */
    public ByteBuffer[] encode(short version, int correlationId, String clientId) {
        ApiKey api = ApiKey.PRODUCE;
        api.checkSupported(version);
        boolean flexible = api.isFlexible(version);

        int partitionCount = 0;
        int sizeBound = 4 + RequestHeader.maxSize(clientId) + 2 + RequestHeader.utf8Bound(transactionalId) + 16;
        for (TopicData topic : topicData) {
            sizeBound += 16 + RequestHeader.utf8Bound(topic.topic());
            partitionCount += topic.partitions().size();
        }
        sizeBound += partitionCount * 12;

        ProtocolWriter writer = new ProtocolWriter(sizeBound);
        int[] batchOffsets = new int[partitionCount];
        ByteBuffer[] batches = new ByteBuffer[partitionCount];
        int batchCount = 0;
        long batchBytes = 0;

        writer.writeInt32(0);
        RequestHeader.write(writer, api, version, correlationId, clientId);
        writer.writeNullableString(transactionalId, flexible);
        writer.writeInt16(acks);
        writer.writeInt32(timeoutMs);
        writer.writeArrayLength(topicData.size(), flexible);
        for (TopicData topic : topicData) {
            writer.writeString(topic.topic(), flexible);
            writer.writeArrayLength(topic.partitions().size(), flexible);
            for (PartitionData partition : topic.partitions()) {
                writer.writeInt32(partition.partition());
                ByteBuffer records = partition.records();
                if (records == null) {
                    writer.writeNullBytes(flexible);
                } else {
                    int length = records.remaining();
                    writer.writeBytesLength(length, flexible);
                    if (length > 0) {
                        batchOffsets[batchCount] = writer.position();
                        batches[batchCount] = records;
                        batchCount++;
                        batchBytes += length;
                    }
                }
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

        long size = writer.position() - 4L + batchBytes;
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Produce request of " + size + " bytes exceeds the 2 GiB frame limit");
        }
        writer.setInt32(0, (int) size);
        return gather(writer.toByteBuffer(), batchOffsets, batches, batchCount);
    }

    private static ByteBuffer[] gather(ByteBuffer framing, int[] batchOffsets, ByteBuffer[] batches, int batchCount) {
        boolean hasTail = batchCount == 0 || framing.limit() > batchOffsets[batchCount - 1];
        ByteBuffer[] frame = new ByteBuffer[2 * batchCount + (hasTail ? 1 : 0)];
        int from = 0;
        int next = 0;
        for (int i = 0; i < batchCount; i++) {
            frame[next++] = framing.slice(from, batchOffsets[i] - from);
            frame[next++] = batches[i].duplicate();
            from = batchOffsets[i];
        }
        if (hasTail) {
            frame[next] = framing.slice(from, framing.limit() - from);
        }
        return frame;
    }

    /** Collects (topic, partition, batch) entries, grouping them by topic in first-seen order. */
    public static final class Builder {

        private final short acks;
        private final int timeoutMs;
        private String transactionalId;
        private final Map<String, List<PartitionData>> byTopic = new LinkedHashMap<>();

        private Builder(short acks, int timeoutMs) {
            this.acks = acks;
            this.timeoutMs = timeoutMs;
        }

        public Builder transactionalId(String transactionalId) {
            this.transactionalId = transactionalId;
            return this;
        }

        public Builder add(String topic, int partition, ByteBuffer records) {
            byTopic.computeIfAbsent(topic, t -> new ArrayList<>()).add(new PartitionData(partition, records));
            return this;
        }

        public ProduceRequest build() {
            List<TopicData> topics = new ArrayList<>(byTopic.size());
            byTopic.forEach((topic, partitions) -> topics.add(new TopicData(topic, List.copyOf(partitions))));
            return new ProduceRequest(transactionalId, acks, timeoutMs, List.copyOf(topics));
        }
    }
}
