package dev.quill.producer.internal.sender;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.RecordBatch;

/**
 * A record batch as a broker reads it from a Produce request: where it goes and the idempotence fields the broker
 * checks, which is what the sender's retry rules are about.
 */
record WireBatch(String topic, int partition, long producerId, short producerEpoch, int baseSequence,
                 int recordCount) {

    /** Every batch of the request, in request order. */
    static List<WireBatch> of(ProduceRequestData request) {
        List<WireBatch> batches = new ArrayList<>();
        for (ProduceRequestData.TopicProduceData topic : request.topicData()) {
            for (ProduceRequestData.PartitionProduceData partition : topic.partitionData()) {
                for (RecordBatch batch : ((MemoryRecords) partition.records()).batches()) {
                    batches.add(new WireBatch(topic.name(), partition.index(), batch.producerId(),
                            batch.producerEpoch(), batch.baseSequence(), batch.countOrNull()));
                }
            }
        }
        return batches;
    }
}
