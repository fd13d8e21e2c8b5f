package dev.quill.producer.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quill.producer.errors.Errors;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.types.RawTaggedField;
import org.apache.kafka.common.record.MemoryRecords;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ProduceTest {

    static IntStream versions() {
        return IntStream.rangeClosed(ApiKey.PRODUCE.oldestVersion(), ApiKey.PRODUCE.latestVersion());
    }

    @ParameterizedTest(name = "v{0}")
    @MethodSource("versions")
    void requestParsesWithKafka(int v) {
        short version = (short) v;
        ByteBuffer heapBatch = batch(300, (byte) 1);
        ByteBuffer directBatch = ByteBuffer.allocateDirect(200);
        directBatch.put(batch(200, (byte) 2)).flip();
        // A batch the accumulator wrote after some header space: only position..limit is sent.
        ByteBuffer offsetBatch = batch(64, (byte) 3);
        offsetBatch.position(10);

        ProduceRequest request = ProduceRequest.builder((short) -1, 30_000)
                .transactionalId(version % 2 == 0 ? "tx" : null)
                .add("orders", 0, heapBatch)
                .add("payments", 3, directBatch)
                .add("orders", 2, offsetBatch)
                .add("payments", 4, null)
                .build();
        ByteBuffer[] frame = request.encode(version, 555, "producer-1");

        ByteBuffer body = KafkaWire.requestBody(KafkaWire.join(frame), ApiKeys.PRODUCE, version, 555, "producer-1");
        ProduceRequestData data = new ProduceRequestData(KafkaWire.accessor(body), version);
        assertThat(body.hasRemaining()).isFalse();
        assertThat(data.transactionalId()).isEqualTo(version % 2 == 0 ? "tx" : null);
        assertThat(data.acks()).isEqualTo((short) -1);
        assertThat(data.timeoutMs()).isEqualTo(30_000);

        List<String> seen = new ArrayList<>();
        for (ProduceRequestData.TopicProduceData topic : data.topicData()) {
            for (ProduceRequestData.PartitionProduceData partition : topic.partitionData()) {
                MemoryRecords records = (MemoryRecords) partition.records();
                seen.add(topic.name() + "-" + partition.index() + ":" + (records == null ? "null" : records.sizeInBytes()));
                if (records != null) {
                    ByteBuffer expected = switch (topic.name() + "-" + partition.index()) {
                        case "orders-0" -> heapBatch;
                        case "orders-2" -> offsetBatch;
                        default -> directBatch;
                    };
                    assertThat(records.buffer()).isEqualTo(expected);
                }
            }
        }
        assertThat(seen).containsExactly("orders-0:300", "orders-2:54", "payments-3:200", "payments-4:null");
    }

    @Test
    void batchesAreSentByReferenceNotCopied() {
        ByteBuffer heapBatch = batch(1000, (byte) 7);
        ByteBuffer directBatch = ByteBuffer.allocateDirect(500);
        directBatch.put(batch(500, (byte) 8)).flip();

        ByteBuffer[] frame = ProduceRequest.builder((short) 1, 1000)
                .add("t", 0, heapBatch)
                .add("t", 1, directBatch)
                .build()
                .encode((short) 12, 1, "c");

        // framing, batch, framing, batch, trailing tagged fields
        assertThat(frame).hasSize(5);
        assertThat(frame[1].array()).isSameAs(heapBatch.array());
        assertThat(frame[3].isDirect()).isTrue();
        directBatch.put(0, (byte) 99);
        assertThat(frame[3].get(0)).isEqualTo((byte) 99);
        // The framing pieces share one heap buffer.
        assertThat(frame[0].array()).isSameAs(frame[2].array()).isSameAs(frame[4].array());

        int total = 0;
        for (ByteBuffer part : frame) {
            total += part.remaining();
            part.position(part.limit()); // what a gathering write does
        }
        assertThat(frame[0].getInt(0)).isEqualTo(total - 4);
        assertThat(heapBatch.position()).isZero();
        assertThat(heapBatch.remaining()).isEqualTo(1000);
        assertThat(directBatch.remaining()).isEqualTo(500);
    }

    @Test
    void nonFlexibleFrameEndsWithTheLastBatch() {
        ByteBuffer[] frame = ProduceRequest.builder((short) 1, 1000)
                .add("t", 0, batch(10, (byte) 1))
                .build()
                .encode((short) 8, 1, "c");
        assertThat(frame).hasSize(2);

        ByteBuffer[] empty = ProduceRequest.builder((short) 1, 1000).build().encode((short) 8, 1, "c");
        assertThat(empty).hasSize(1);
    }

    @Test
    void unsupportedVersionIsRefused() {
        ProduceRequest request = ProduceRequest.builder((short) 1, 1000).build();
        assertThatThrownBy(() -> request.encode((short) 13, 1, "c"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Quill cannot use Produce v13; it supports v3..v12");
        assertThatThrownBy(() -> ProduceResponse.parse(ByteBuffer.allocate(8), (short) 2))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "v{0}")
    @MethodSource("versions")
    void responseWrittenByKafkaParses(int v) {
        short version = (short) v;
        ProduceResponseData.PartitionProduceResponse ok = new ProduceResponseData.PartitionProduceResponse()
                .setIndex(0).setErrorCode((short) 0).setBaseOffset(1000L).setLogAppendTimeMs(1_700_000_000_000L)
                .setLogStartOffset(17L);
        ProduceResponseData.PartitionProduceResponse moved = new ProduceResponseData.PartitionProduceResponse()
                .setIndex(2).setErrorCode((short) 6).setBaseOffset(-1L).setLogAppendTimeMs(-1L).setLogStartOffset(-1L);
        ProduceResponseData.PartitionProduceResponse invalid = new ProduceResponseData.PartitionProduceResponse()
                .setIndex(1).setErrorCode((short) 87).setBaseOffset(-1L).setLogAppendTimeMs(-1L).setLogStartOffset(-1L)
                .setRecordErrors(List.of(
                        new ProduceResponseData.BatchIndexAndErrorMessage().setBatchIndex(3)
                                .setBatchIndexErrorMessage("null key"),
                        new ProduceResponseData.BatchIndexAndErrorMessage().setBatchIndex(5)
                                .setBatchIndexErrorMessage(null)))
                .setErrorMessage("compacted topic needs keys");
        ProduceResponseData data = new ProduceResponseData().setThrottleTimeMs(15);
        if (version >= 10) {
            moved.setCurrentLeader(new ProduceResponseData.LeaderIdAndEpoch().setLeaderId(3).setLeaderEpoch(12));
            data.nodeEndpoints().add(new ProduceResponseData.NodeEndpoint()
                    .setNodeId(3).setHost("b3.example").setPort(9094).setRack("rack-c"));
            data.nodeEndpoints().add(new ProduceResponseData.NodeEndpoint()
                    .setNodeId(4).setHost("b4.example").setPort(9095).setRack(null));
        }
        if (ApiKey.PRODUCE.isFlexible(version)) {
            ok.unknownTaggedFields().add(new RawTaggedField(7, new byte[] {1, 2, 3, 4, 5}));
            data.unknownTaggedFields().add(new RawTaggedField(3, new byte[] {42}));
        }
        data.responses().add(new ProduceResponseData.TopicProduceResponse()
                .setName("orders").setPartitionResponses(List.of(ok, moved)));
        data.responses().add(new ProduceResponseData.TopicProduceResponse()
                .setName("compacted").setPartitionResponses(List.of(invalid)));
        ByteBuffer frame = KafkaWire.responseFrame(ApiKeys.PRODUCE, data, version, 31);

        assertThat(ResponseHeader.correlationId(frame)).isEqualTo(31);
        ProduceResponse response = ProduceResponse.parse(frame, version);

        assertThat(frame.hasRemaining()).isFalse();
        assertThat(response.throttleTimeMs()).isEqualTo(15);
        assertThat(response.responses()).extracting(ProduceResponse.TopicResponse::name)
                .containsExactly("orders", "compacted");

        List<ProduceResponse.PartitionResponse> orders = response.responses().get(0).partitionResponses();
        assertThat(orders.get(0)).isEqualTo(new ProduceResponse.PartitionResponse(0, (short) 0, 1000L,
                1_700_000_000_000L, version >= 5 ? 17L : -1L, List.of(), null,
                ProduceResponse.LeaderIdAndEpoch.UNKNOWN));
        ProduceResponse.PartitionResponse quillMoved = orders.get(1);
        assertThat(quillMoved.error()).isEqualTo(Errors.NOT_LEADER_OR_FOLLOWER);
        assertThat(quillMoved.currentLeader()).isEqualTo(version >= 10
                ? new ProduceResponse.LeaderIdAndEpoch(3, 12)
                : ProduceResponse.LeaderIdAndEpoch.UNKNOWN);

        ProduceResponse.PartitionResponse quillInvalid = response.responses().get(1).partitionResponses().get(0);
        assertThat(quillInvalid.index()).isEqualTo(1);
        assertThat(quillInvalid.error()).isEqualTo(Errors.INVALID_RECORD);
        if (version >= 8) {
            assertThat(quillInvalid.recordErrors()).containsExactly(
                    new ProduceResponse.RecordError(3, "null key"), new ProduceResponse.RecordError(5, null));
            assertThat(quillInvalid.errorMessage()).isEqualTo("compacted topic needs keys");
        } else {
            assertThat(quillInvalid.recordErrors()).isEmpty();
            assertThat(quillInvalid.errorMessage()).isNull();
        }

        if (version >= 10) {
            assertThat(response.nodeEndpoints()).containsExactly(
                    new ProduceResponse.NodeEndpoint(3, "b3.example", 9094, "rack-c"),
                    new ProduceResponse.NodeEndpoint(4, "b4.example", 9095, null));
        } else {
            assertThat(response.nodeEndpoints()).isEmpty();
        }
    }

    private static ByteBuffer batch(int size, byte seed) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (seed + i);
        }
        return ByteBuffer.wrap(bytes);
    }
}
