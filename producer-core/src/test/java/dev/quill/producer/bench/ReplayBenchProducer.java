package dev.quill.producer.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import dev.quill.producer.CompressionType;
import dev.quill.producer.errors.Errors;
import dev.quill.producer.internal.protocol.InitProducerIdRequest;
import dev.quill.producer.internal.protocol.InitProducerIdResponse;
import dev.quill.producer.internal.protocol.MetadataRequest;
import dev.quill.producer.internal.protocol.MetadataResponse;
import dev.quill.producer.internal.protocol.ProduceRequest;
import dev.quill.producer.internal.protocol.ProduceResponse;
import dev.quill.producer.internal.record.RecordBatchBuilder;

/**
 * The broker's pace: a client that costs next to nothing per record, so that its rate is the broker's (and the
 * loopback's) with the client's own cost taken out. Its requests are built before the clock starts: one full batch
 * of the run's value for each partition of the topic, as both real clients send them when they keep up. {@link #send}
 * only counts; every time the records of one such request have been counted it writes the request again, an
 * idempotent producer's sequence numbers and the batches' CRCs rewritten in place, and keeps up to
 * {@code max.in.flight.requests.per.connection} (5) requests in flight, reading a response whenever that many are out.
 * {@link #flush} writes the records left over in batches of their own. Everything happens on the calling thread:
 * there is no I/O thread, so the table's I/O figures are zero and the sending thread's are the whole client.
 *
 * <p>Throughput only (no per-record acknowledgement times), uncompressed, one broker: the one the bootstrap address
 * names must lead every partition, as the in-process broker and the null broker do.
 */
final class ReplayBenchProducer implements BenchProducer {

    private static final short PRODUCE_VERSION = 9;
    private static final short METADATA_VERSION = 9;
    private static final short INIT_PRODUCER_ID_VERSION = 4;
    private static final int MAX_IN_FLIGHT = 5;
    private static final int REQUEST_TIMEOUT_MS = 30_000;
    private static final long RETRY_BACKOFF_MS = 100;

    private final Completions completions;
    private final String clientId;
    private final short acks;
    private final int batchSize;
    private final SocketChannel channel;
    private final ByteBuffer sizePrefix = ByteBuffer.allocate(4);
    /** Records in each request written and not yet answered, oldest first. */
    private final ArrayDeque<Integer> inFlight = new ArrayDeque<>();
    private long producerId = InitProducerIdRequest.NO_PRODUCER_ID;
    private short producerEpoch = InitProducerIdRequest.NO_PRODUCER_EPOCH;
    private int correlationId;

    private String topic;
    private byte[] value;
    private int[] nextSequence;
    private RecordBatchBuilder[] fullBatches;
    private ByteBuffer[] fullRequest;
    private int recordsPerBatch;
    private int counted;
    private long batches;
    private long batchBytes;

    ReplayBenchProducer(Map<String, Object> config, Completions completions) {
        if (!"none".equals(config.get("compression.type"))) {
            throw new IllegalArgumentException("the replay client sends uncompressed batches only");
        }
        this.completions = completions;
        this.clientId = (String) config.get("client.id");
        this.acks = "all".equals(config.get("acks")) || "-1".equals(config.get("acks")) ? -1
                : Short.parseShort((String) config.get("acks"));
        this.batchSize = Integer.parseInt((String) config.get("batch.size"));
        String[] hostPort = ((String) config.get("bootstrap.servers")).split(",")[0].split(":");
        try {
            this.channel = SocketChannel.open(new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])));
            channel.socket().setTcpNoDelay(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (Boolean.parseBoolean((String) config.get("enable.idempotence"))) {
            untilAnswered("InitProducerId", this::initProducerId);
        }
    }

    @Override
    public String name() {
        return "replay";
    }

    @Override
    public String clientId() {
        return clientId;
    }

    @Override
    public void send(String topic, byte[] value) {
        if (++counted == fullBatches.length * recordsPerBatch) {
            counted = 0;
            for (int p = 0; p < fullBatches.length; p++) {
                stamp(fullBatches[p], p, recordsPerBatch);
            }
            write(fullRequest, fullBatches.length * recordsPerBatch);
        }
    }

    @Override
    public void send(String topic, int partition, byte[] value) {
        throw new UnsupportedOperationException("the replay client chooses the partitions itself");
    }

    @Override
    public void send(String topic, byte[] value, Acks perRecord) {
        throw new UnsupportedOperationException("the replay client measures throughput only");
    }

    /** Learns the topic's partitions, builds the full request, and sends one record to partition 0, uncounted. */
    @Override
    public void sendAndWait(String topic, byte[] value) {
        this.topic = topic;
        this.value = value;
        int partitions = partitionCount(topic);
        nextSequence = new int[partitions];
        fullBatches = new RecordBatchBuilder[partitions];
        ProduceRequest.Builder request = produceRequest();
        for (int p = 0; p < partitions; p++) {
            fullBatches[p] = batch(Integer.MAX_VALUE);
            request.add(topic, p, fullBatches[p].close());
        }
        recordsPerBatch = fullBatches[0].recordCount();
        fullRequest = encoded(request);

        sendPrimer();
        batches = 0;
        batchBytes = 0;
    }

    /**
     * One record to partition 0, sent again while the broker answers with a retriable error (a topic just made may
     * not be led yet): every later batch's sequence numbers follow it.
     */
    private void sendPrimer() {
        RecordBatchBuilder primer = batch(1);
        stamp(primer, 0, 1);
        ByteBuffer[] request = encoded(produceRequest().add(topic, 0, primer.close()));
        untilAnswered("the first record", () -> {
            writeRequest(request);
            return acks == 0 ? Errors.NONE : firstError(readFrame());
        });
    }

    /** Asks again while the broker does not know the topic yet or a partition has no leader. */
    @Override
    public int partitionCount(String topic) {
        int[] partitions = new int[1];
        untilAnswered("Metadata for " + topic, () -> {
            MetadataResponse.Topic known = MetadataResponse.parse(exchange(new MetadataRequest(List.of(topic), false)
                    .encode(METADATA_VERSION, ++correlationId, clientId)), METADATA_VERSION).topics().get(0);
            if (known.error() != Errors.NONE) {
                return known.error();
            }
            if (known.partitions().isEmpty() || known.partitions().stream().anyMatch(p -> p.leaderId() < 0)) {
                return Errors.LEADER_NOT_AVAILABLE;
            }
            partitions[0] = known.partitions().size();
            return Errors.NONE;
        });
        return partitions[0];
    }

    /** Writes the counted records not yet sent, in batches of their own, and waits for every response. */
    @Override
    public void flush() {
        if (counted > 0) {
            ProduceRequest.Builder request = produceRequest();
            int left = counted;
            for (int p = 0; left > 0; p++) {
                int records = Math.min(left, recordsPerBatch);
                RecordBatchBuilder batch = batch(records);
                stamp(batch, p, records);
                request.add(topic, p, batch.close());
                left -= records;
            }
            write(encoded(request), counted);
            counted = 0;
        }
        while (!inFlight.isEmpty()) {
            awaitOldest();
        }
    }

    @Override
    public String ioThreadName() {
        return null;
    }

    @Override
    public double averageBatchBytes() {
        return batches == 0 ? Double.NaN : (double) batchBytes / batches;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A batch of up to {@code records} copies of the run's value, as many as {@code batch.size} holds. */
    private RecordBatchBuilder batch(int records) {
        RecordBatchBuilder batch = new RecordBatchBuilder(ByteBuffer.allocateDirect(batchSize), CompressionType.NONE, 0);
        long now = System.currentTimeMillis();
        for (int i = 0; i < records && batch.tryAppend(now, null, value, null); i++) {
            // the loop's condition appends
        }
        return batch;
    }

    private ProduceRequest.Builder produceRequest() {
        return ProduceRequest.builder(acks, REQUEST_TIMEOUT_MS);
    }

    private ByteBuffer[] encoded(ProduceRequest.Builder request) {
        return request.build().encode(PRODUCE_VERSION, ++correlationId, clientId);
    }

    private void stamp(RecordBatchBuilder batch, int partition, int records) {
        if (producerId != InitProducerIdRequest.NO_PRODUCER_ID) {
            batch.setProducerState(producerId, producerEpoch, nextSequence[partition], false);
            nextSequence[partition] += records;
            batch.close();
        }
        batches++;
        batchBytes += batch.estimatedSizeInBytes();
    }

    private void write(ByteBuffer[] frame, int records) {
        writeRequest(frame);
        if (acks == 0) {
            for (int i = 0; i < records; i++) {
                completions.completed(null);
            }
            return;
        }
        inFlight.add(records);
        if (inFlight.size() == MAX_IN_FLIGHT) {
            awaitOldest();
        }
    }

    private void awaitOldest() {
        int records = inFlight.poll();
        Errors error = firstError(readFrame());
        Exception failure = error == Errors.NONE ? null : new IllegalStateException("Produce failed: " + error);
        for (int i = 0; i < records; i++) {
            completions.completed(failure);
        }
    }

    /** The first partition error a Produce response names, or NONE. */
    private static Errors firstError(ByteBuffer frame) {
        for (ProduceResponse.TopicResponse topic : ProduceResponse.parse(frame, PRODUCE_VERSION).responses()) {
            for (ProduceResponse.PartitionResponse partition : topic.partitionResponses()) {
                if (partition.error() != Errors.NONE) {
                    return partition.error();
                }
            }
        }
        return Errors.NONE;
    }

    /** One InitProducerId exchange; keeps the id and epoch when the broker gives them. */
    private Errors initProducerId() {
        InitProducerIdResponse identity = InitProducerIdResponse.parse(exchange(
                new InitProducerIdRequest(null, Integer.MAX_VALUE, InitProducerIdRequest.NO_PRODUCER_ID,
                        InitProducerIdRequest.NO_PRODUCER_EPOCH)
                        .encode(INIT_PRODUCER_ID_VERSION, ++correlationId, clientId)),
                INIT_PRODUCER_ID_VERSION);
        producerId = identity.producerId();
        producerEpoch = identity.producerEpoch();
        return identity.error();
    }

    /**
     * Repeats {@code attempt} while the broker answers with a retriable error, as a real client would while a broker
     * loads its state or a topic just made gets its leaders, for up to the request timeout.
     */
    private static void untilAnswered(String what, Supplier<Errors> attempt) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(REQUEST_TIMEOUT_MS);
        while (true) {
            Errors error = attempt.get();
            if (error == Errors.NONE) {
                return;
            }
            if (!error.isRetriable() || System.nanoTime() > deadline) {
                throw new IllegalStateException(what + " failed: " + error);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(RETRY_BACKOFF_MS));
        }
    }

    private void writeRequest(ByteBuffer[] frame) {
        ByteBuffer[] views = new ByteBuffer[frame.length];
        long remaining = 0;
        for (int i = 0; i < frame.length; i++) {
            views[i] = frame[i].duplicate();
            remaining += views[i].remaining();
        }
        try {
            while (remaining > 0) {
                remaining -= channel.write(views);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ByteBuffer exchange(ByteBuffer request) {
        writeRequest(new ByteBuffer[] {request});
        return readFrame();
    }

    /** The next response, after its size prefix. */
    private ByteBuffer readFrame() {
        try {
            sizePrefix.clear();
            readFully(sizePrefix);
            ByteBuffer frame = ByteBuffer.allocate(sizePrefix.flip().getInt());
            readFully(frame);
            return frame.flip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void readFully(ByteBuffer into) throws IOException {
        while (into.hasRemaining()) {
            if (channel.read(into) < 0) {
                throw new IOException("the broker closed the connection");
            }
        }
    }
}
