package dev.quill.producer.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.message.InitProducerIdResponseData;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.message.ResponseHeaderData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.protocol.ObjectSerializationCache;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.requests.RequestHeader;

/**
 * What the null broker answers: the four APIs a producer needs, decoded and encoded with kafka-clients'
 * generated message classes (the same per-request cost for both clients under test). Topics exist as soon
 * as anyone asks for them; Produce stores nothing and only advances one offset per partition by the
 * record count in each batch header, so that what was acknowledged can be counted afterwards.
 *
 * <p>Called from the broker's one network thread only; the offsets are atomic so that another thread can
 * read them once a run is over.
 */
final class NullBrokerApis {

    /** Fixed, so that an idempotent producer gets an id at once and every epoch check passes. */
    static final long PRODUCER_ID = 4242L;
    static final short PRODUCER_EPOCH = 0;
    static final int NODE_ID = 0;

    /**
     * The versions answered. Produce stops at 12: v13 names topics by id, which would make the broker
     * keep an id-to-name map for nothing. Both clients under test negotiate down to these.
     */
    private static final Map<ApiKeys, short[]> VERSIONS = Map.of(
            ApiKeys.API_VERSIONS, new short[] {0, 4},
            ApiKeys.METADATA, new short[] {4, 12},
            ApiKeys.INIT_PRODUCER_ID, new short[] {0, 5},
            ApiKeys.PRODUCE, new short[] {3, 12});

    // RecordBatch v2 header: baseOffset(8) batchLength(4) ... recordsCount at byte 57 (KIP-98 layout).
    private static final int LENGTH_OFFSET = 8;
    private static final int LOG_OVERHEAD = 12;
    private static final int RECORDS_COUNT_OFFSET = 57;

    private final String host;
    private final int port;
    private final int partitions;
    private final Map<String, TopicOffsets> offsets = new ConcurrentHashMap<>();
    private final AtomicLong producerIdsIssued = new AtomicLong();
    private final AtomicLong produceRequests = new AtomicLong();

    NullBrokerApis(String host, int port, int partitions) {
        this.host = host;
        this.port = port;
        this.partitions = partitions;
    }

    /** Makes a topic exist with the default partition count (as Metadata would); idempotent. */
    void createTopic(String topic) {
        log(topic);
    }

    /** Makes a topic exist with {@code partitionCount} partitions; a topic that exists keeps its count. */
    void createTopic(String topic, int partitionCount) {
        offsets.computeIfAbsent(topic, t -> new TopicOffsets(partitionCount));
    }

    /** Records acknowledged (or, with acks=0, accepted) on the topic so far; -1 if nobody asked for it. */
    long acknowledged(String topic) {
        TopicOffsets o = offsets.get(topic);
        return o == null ? -1 : o.total();
    }

    /** Produce requests handled so far, on every topic, acks=0 ones included. */
    long produceRequests() {
        return produceRequests.get();
    }

    /** How many InitProducerId requests were answered: shows that a client really ran idempotent. */
    long producerIdsIssued() {
        return producerIdsIssued.get();
    }

    void forget(String topic) {
        offsets.remove(topic);
    }

    /**
     * Answers one request frame (without its size prefix).
     *
     * @return the response frame, size prefix included, or null when the request wants no answer
     *     (Produce with acks=0)
     * @throws IllegalArgumentException for an API this broker does not speak: the caller drops the
     *     connection, which is what a client would see from a broker that cannot parse it
     */
    ByteBuffer handle(ByteBuffer frame) {
        RequestHeader header = RequestHeader.parse(frame);
        ApiKeys api = header.apiKey();
        short version = header.apiVersion();
        ByteBufferAccessor body = new ByteBufferAccessor(frame);
        short[] range = VERSIONS.get(api);
        if (api == ApiKeys.API_VERSIONS && version > range[1]) {
            // KIP-511: answer a too-new ApiVersions at v0 with the ranges, so the client retries lower.
            return response(apiVersions().setErrorCode(Errors.UNSUPPORTED_VERSION.code()), (short) 0, (short) 0,
                    header.correlationId());
        }
        if (range == null || version < range[0] || version > range[1]) {
            throw new IllegalArgumentException("null broker does not answer " + api + " v" + version);
        }
        ApiMessage answer = switch (api) {
            case API_VERSIONS -> apiVersions();
            case METADATA -> metadata(new MetadataRequestData(body, version));
            case INIT_PRODUCER_ID -> initProducerId();
            case PRODUCE -> produce(new ProduceRequestData(body, version));
            default -> throw new IllegalStateException(api.toString());
        };
        return answer == null ? null
                : response(answer, version, api.responseHeaderVersion(version), header.correlationId());
    }

    private static ApiVersionsResponseData apiVersions() {
        ApiVersionsResponseData.ApiVersionCollection keys = new ApiVersionsResponseData.ApiVersionCollection();
        VERSIONS.forEach((api, range) -> keys.add(new ApiVersionsResponseData.ApiVersion().setApiKey(api.id)
                .setMinVersion(range[0]).setMaxVersion(range[1])));
        return new ApiVersionsResponseData().setApiKeys(keys);
    }

    private InitProducerIdResponseData initProducerId() {
        producerIdsIssued.incrementAndGet();
        return new InitProducerIdResponseData().setProducerId(PRODUCER_ID).setProducerEpoch(PRODUCER_EPOCH);
    }

    private MetadataResponseData metadata(MetadataRequestData request) {
        MetadataResponseData response = new MetadataResponseData().setClusterId("null-broker")
                .setControllerId(NODE_ID);
        response.brokers().add(new MetadataResponseData.MetadataResponseBroker().setNodeId(NODE_ID).setHost(host)
                .setPort(port));
        List<String> names = new ArrayList<>();
        if (request.topics() == null) {
            names.addAll(offsets.keySet());
        } else {
            request.topics().forEach(t -> names.add(t.name()));
        }
        List<Integer> self = List.of(NODE_ID);
        for (String name : names) {
            int partitionCount = log(name).partitionCount(); // auto-create, so a benchmark needs no admin step
            List<MetadataResponseData.MetadataResponsePartition> parts = new ArrayList<>();
            for (int p = 0; p < partitionCount; p++) {
                parts.add(new MetadataResponseData.MetadataResponsePartition().setPartitionIndex(p)
                        .setLeaderId(NODE_ID).setLeaderEpoch(0).setReplicaNodes(self).setIsrNodes(self)
                        .setOfflineReplicas(List.of()));
            }
            Uuid id = topicId(name);
            response.topics().add(new MetadataResponseData.MetadataResponseTopic().setName(name).setTopicId(id)
                    .setPartitions(parts));
        }
        return response;
    }

    private ProduceResponseData produce(ProduceRequestData request) {
        produceRequests.incrementAndGet();
        ProduceResponseData response = new ProduceResponseData();
        for (ProduceRequestData.TopicProduceData topic : request.topicData()) {
            TopicOffsets log = log(topic.name());
            ProduceResponseData.TopicProduceResponse answer = new ProduceResponseData.TopicProduceResponse()
                    .setName(topic.name());
            for (ProduceRequestData.PartitionProduceData partition : topic.partitionData()) {
                int count = recordCount(((MemoryRecords) partition.records()).buffer());
                long base = log.append(partition.index(), count);
                answer.partitionResponses().add(new ProduceResponseData.PartitionProduceResponse()
                        .setIndex(partition.index()).setBaseOffset(base).setLogAppendTimeMs(-1)
                        .setLogStartOffset(0));
            }
            response.responses().add(answer);
        }
        return request.acks() == 0 ? null : response;
    }

    /**
     * A stable id per topic name, distinct for distinct names: kafka-clients refuses a Metadata response in which two
     * topics share an id (as two names whose hash codes differ only in the lowest bit once did), and treats the zero
     * id as "no id known". A name-based (MD5) UUID is never zero and, in practice, never repeats.
     */
    static Uuid topicId(String name) {
        UUID uuid = UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
        return new Uuid(uuid.getMostSignificantBits(), uuid.getLeastSignificantBits());
    }

    /** The topic's offsets, one per partition; a topic nobody created gets the default partition count. */
    private TopicOffsets log(String topic) {
        return offsets.computeIfAbsent(topic, t -> new TopicOffsets(partitions));
    }

    /** Sums recordsCount over the batches in a partition's record set, reading headers only. */
    static int recordCount(ByteBuffer records) {
        int count = 0;
        int position = records.position();
        while (position + RECORDS_COUNT_OFFSET + 4 <= records.limit()) {
            count += records.getInt(position + RECORDS_COUNT_OFFSET);
            position += LOG_OVERHEAD + records.getInt(position + LENGTH_OFFSET);
        }
        return count;
    }

    private static ByteBuffer response(ApiMessage data, short version, short headerVersion, int correlationId) {
        ResponseHeaderData header = new ResponseHeaderData().setCorrelationId(correlationId);
        ObjectSerializationCache cache = new ObjectSerializationCache();
        int size = header.size(cache, headerVersion) + data.size(cache, version);
        ByteBuffer buf = ByteBuffer.allocate(4 + size);
        buf.putInt(size);
        ByteBufferAccessor accessor = new ByteBufferAccessor(buf);
        header.write(accessor, cache, headerVersion);
        data.write(accessor, cache, version);
        return buf.flip();
    }
}
