package dev.quill.producer.internal.protocol;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.UUID;

/**
 * Asks for brokers and partition leaders of some topics, or of all topics when {@code topics} is null
 * (an empty list asks for none: brokers only). Authorized operations are never requested: the broker
 * would compute ACLs for nothing.
 */
public record MetadataRequest(List<String> topics, boolean allowAutoTopicCreation) {

    private static final UUID ZERO_UUID = new UUID(0L, 0L);

    public MetadataRequest {
        topics = topics == null ? null : List.copyOf(topics);
    }

    public static MetadataRequest allTopics() {
        return new MetadataRequest(null, false);
    }

    public ByteBuffer encode(short version, int correlationId, String clientId) {
        ApiKey api = ApiKey.METADATA;
        boolean flexible = api.isFlexible(version);
        int sizeHint = 16;
        if (topics != null) {
            for (String topic : topics) {
                sizeHint += RequestHeader.utf8Bound(topic) + 24;
            }
        }
        return RequestFrames.encode(api, version, correlationId, clientId, sizeHint, writer -> {
            if (topics == null) {
                writer.writeArrayLength(-1, flexible);
            } else {
                writer.writeArrayLength(topics.size(), flexible);
                for (String topic : topics) {
                    if (version >= 10) {
                        // Topics are asked for by name: a zero id means "not set".
                        writer.writeUuid(ZERO_UUID);
                    }
                    writer.writeString(topic, flexible);
                    if (flexible) {
                        writer.writeEmptyTaggedFields();
                    }
                }
            }
            writer.writeBoolean(allowAutoTopicCreation);
            if (version >= 8 && version <= 10) {
                writer.writeBoolean(false);
            }
            if (version >= 8) {
                writer.writeBoolean(false);
            }
            if (flexible) {
                writer.writeEmptyTaggedFields();
            }
        });
    }
}
