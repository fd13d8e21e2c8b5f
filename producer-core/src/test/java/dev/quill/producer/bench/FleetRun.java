package dev.quill.producer.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import dev.quill.producer.bench.BenchmarkHarness.Settings;

/**
 * Several producers of one kind in this JVM, each with a sending thread of its own sending a fixed number of
 * records to one shared topic as fast as send() returns: what they cost at rest and while sending. For
 * {@link ScaleBenchmark}'s producers and heap scenarios.
 *
 * <p>In order: the used heap after full GC and the live thread count, before anything is made; the producers, each
 * sending one record and waiting for its acknowledgement (connections and metadata); threads and heap again, at rest;
 * then the sending threads start together, and once half the records are acknowledged the heap is read again, with
 * a full GC that stops them all. The clock runs from the start until every callback has run, less that pause.
 */
final class FleetRun {

    private static final long RUN_DEADLINE_NANOS = TimeUnit.MINUTES.toNanos(10);
    private static final AtomicInteger RUN_SEQUENCE = new AtomicInteger();

    /**
     * @param primed          records sent before the clock started (one per producer), counted by the broker too
     * @param threadsAdded    live threads with the producers open and at rest, less those before they were made
     * @param heapAtRestBytes used heap after full GC with the producers open and at rest, less the same before
     * @param heapSendingBytes used heap after a full GC halfway through the records, less the same before
     */
    record Result(String client, int producers, int valueSize, long records, long primed, long elapsedNs,
                  int threadsAdded, long heapAtRestBytes, long heapSendingBytes, long errors, long brokerCount) {

        boolean verified() {
            return errors == 0 && brokerCount == records + primed;
        }

        double recordsPerSec() {
            return records * 1e9 / elapsedNs;
        }

        double megabytesPerSec() {
            return recordsPerSec() * valueSize / (1024 * 1024);
        }

        double heapAtRestMb() {
            return heapAtRestBytes / (1024.0 * 1024);
        }

        double heapSendingMb() {
            return heapSendingBytes / (1024.0 * 1024);
        }
    }

    private final BenchBroker broker;

    FleetRun(BenchBroker broker) {
        this.broker = broker;
    }

    Result run(String kind, int producers, int partitions, Settings settings, Payloads payloads,
               long recordsPerProducer) throws Exception {
        String topic = broker.createTopic("scale-" + kind, partitions);
        String clientIdPrefix = "scale-" + kind + "-" + RUN_SEQUENCE.incrementAndGet();
        long total = producers * recordsPerProducer;
        long heapBefore = UsedHeap.afterFullGc();
        int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
        int threadsAdded;
        long heapAtRest;
        long heapSending;
        long elapsed;
        long errors;
        try (ProducerFleet fleet = ProducerFleet.open(kind, producers,
                settings.producerConfig(broker.bootstrapServers(), clientIdPrefix), clientIdPrefix)) {
            for (BenchProducer producer : fleet.producers()) {
                producer.sendAndWait(topic, payloads.get(0));
            }
            threadsAdded = ManagementFactory.getThreadMXBean().getThreadCount() - threadsBefore;
            heapAtRest = UsedHeap.afterFullGc() - heapBefore;

            CountDownLatch go = new CountDownLatch(1);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            List<Thread> senders = new ArrayList<>();
            for (BenchProducer producer : fleet.producers()) {
                senders.add(sender(producer, topic, payloads, recordsPerProducer, go, failure));
            }
            long deadline = System.nanoTime() + RUN_DEADLINE_NANOS;
            long start = System.nanoTime();
            go.countDown();
            awaitCompleted(fleet, total / 2, failure, deadline);
            long pauseStart = System.nanoTime();
            heapSending = UsedHeap.afterFullGc() - heapBefore;
            long pause = System.nanoTime() - pauseStart;
            for (Thread sender : senders) {
                sender.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            }
            if (failure.get() != null) {
                throw new IllegalStateException("a sending thread failed", failure.get());
            }
            awaitCompleted(fleet, total, failure, deadline);
            elapsed = System.nanoTime() - start - pause;
            errors = fleet.failures();
            if (fleet.firstError() != null) {
                System.err.println("[" + kind + "] first send error: " + fleet.firstError());
            }
        }
        long onBroker = broker.recordsOn(topic, total + producers);
        return new Result(kind, producers, payloads.valueSize(), total, producers, elapsed, threadsAdded, heapAtRest,
                heapSending, errors, onBroker);
    }

    private static Thread sender(BenchProducer producer, String topic, Payloads payloads, long records,
                                 CountDownLatch go, AtomicReference<Throwable> failure) {
        Thread thread = new Thread(() -> {
            try {
                go.await();
                for (long i = 0; i < records; i++) {
                    producer.send(topic, payloads.get(i));
                }
                producer.flush();
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
            }
        }, "scale-sender-" + producer.clientId());
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Polls until {@code count} records completed over the fleet (successfully or not). */
    private static void awaitCompleted(ProducerFleet fleet, long count, AtomicReference<Throwable> failure,
                                       long deadline) {
        while (fleet.completed() < count) {
            if (failure.get() != null) {
                throw new IllegalStateException("a sending thread failed", failure.get());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + fleet.completed() + " of " + count + " records completed");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }
}
