package dev.quill.producer.internal.accumulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.quill.producer.errors.BufferExhaustedException;
import dev.quill.producer.errors.ProducerClosedException;

class BufferPoolTest {

    @Test
    void whenBatchSizedBufferIsReleasedThenTheSameBufferIsReused() throws Exception {
        BufferPool pool = new BufferPool(4096, 1024);
        ByteBuffer first = pool.allocate(1024, 0);
        pool.release(first);
        assertThat(pool.allocate(1024, 0)).isSameAs(first);
        assertThat(pool.availableMemory()).isEqualTo(3072);
    }

    @Test
    void whenMemoryIsUsedUpThenAllocationFailsAtOnceWithoutWaitTime() throws Exception {
        BufferPool pool = new BufferPool(2048, 1024);
        pool.allocate(1024, 0);
        pool.allocate(1024, 0);
        assertThatThrownBy(() -> pool.allocate(1024, 0)).isInstanceOf(BufferExhaustedException.class)
                .hasMessageContaining("buffer.memory (2048 bytes)");
    }

    @Test
    void whenAWaiterIsBlockedThenAReleaseWakesIt() throws Exception {
        BufferPool pool = new BufferPool(1024, 1024);
        ByteBuffer held = pool.allocate(1024, 0);
        CompletableFuture<ByteBuffer> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return pool.allocate(1024, 10_000);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!pool.hasWaiters() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(pool.hasWaiters()).isTrue();
        pool.release(held);
        assertThat(waiting.get(10, TimeUnit.SECONDS)).isSameAs(held);
    }

    @Test
    void whenThePoolClosesWhileACallerWaitsThenItFailsWithProducerClosedException() throws Exception {
        BufferPool pool = new BufferPool(1024, 1024);
        pool.allocate(1024, 0);
        CompletableFuture<ByteBuffer> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return pool.allocate(1024, 60_000);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!pool.hasWaiters() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        pool.close();
        assertThatThrownBy(() -> waiting.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(ProducerClosedException.class)
                .hasMessageContaining("closed while the record waited for buffer memory");
    }

    @Test
    void whenOddSizedBuffersAreNeededThenPooledBuffersAreGivenUpForThem() throws Exception {
        BufferPool pool = new BufferPool(2048, 1024);
        pool.release(pool.allocate(1024, 0));
        pool.release(pool.allocate(1024, 0));
        ByteBuffer large = pool.allocate(2048, 0);
        assertThat(large.capacity()).isEqualTo(2048);
        assertThat(pool.availableMemory()).isZero();
        pool.release(large);
        assertThat(pool.availableMemory()).isEqualTo(2048);
    }

    @Test
    void whenAReservationIsExchangedThenItBecomesABufferWithoutCountingTwice() throws Exception {
        BufferPool pool = new BufferPool(2048, 1024);
        pool.reserve(512, 0);
        assertThat(pool.availableMemory()).isEqualTo(1536);
        ByteBuffer buffer = pool.exchange(512, 1024);
        assertThat(buffer.capacity()).isEqualTo(1024);
        assertThat(pool.availableMemory()).isEqualTo(1024);
    }

    @Test
    void whenAnExchangeCannotBeMetThenTheReservationStands() throws Exception {
        BufferPool pool = new BufferPool(2048, 1024);
        pool.reserve(512, 0);
        pool.allocate(1024, 0);
        assertThatThrownBy(() -> pool.exchange(512, 2048)).isInstanceOf(BufferExhaustedException.class);
        assertThat(pool.availableMemory()).isEqualTo(512);
        pool.unreserve(512);
        assertThat(pool.availableMemory()).isEqualTo(1024);
    }
}
