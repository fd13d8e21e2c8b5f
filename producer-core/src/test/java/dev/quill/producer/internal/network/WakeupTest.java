package dev.quill.producer.internal.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.quill.producer.errors.ProducerException;

/**
 * Another thread's wake-up ends the I/O thread's wait however the two interleave: asked for while the thread is busy,
 * it keeps the next wait from blocking; asked for while the thread waits, it ends the wait.
 */
class WakeupTest {

    /** Far longer than any test here may take: a poll that waits it out has missed its wake-up. */
    private static final long LONG_POLL_MS = Duration.ofMinutes(5).toMillis();

    private final NetworkClient client = new NetworkClient(
            new NetworkSettings("wakeup-test", 5, 30_000, 50, 1_000, 10_000, 30_000, -1, -1, 540_000, false),
            new ApiVersionsHandshake("wakeup-test"), new ConnectionListener() {
                @Override
                public void onConnected(Node node) {
                }

                @Override
                public void onDisconnected(Node node, ProducerException cause) {
                }
            });

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void whenAWakeUpCameWhileTheThreadWasBusyThenItsNextPollDoesNotBlock() throws Exception {
        client.wakeup();

        CompletableFuture<Void> poll = CompletableFuture.runAsync(() -> client.poll(LONG_POLL_MS, 0));

        poll.get(30, TimeUnit.SECONDS);
    }

    @Test
    void whenTheThreadWaitsThenAWakeUpEndsTheWait() throws Exception {
        CountDownLatch polled = new CountDownLatch(1);
        CompletableFuture<Void> polls = CompletableFuture.runAsync(() -> {
            client.poll(0, 0);
            polled.countDown();
            client.poll(LONG_POLL_MS, 0);
        });
        assertThat(polled.await(30, TimeUnit.SECONDS)).isTrue();

        // Waking until the poll returns covers both orders: the wake-up before the wait began, and during it.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!polls.isDone() && System.nanoTime() < deadline) {
            client.wakeup();
            Thread.onSpinWait();
        }
        assertThat(polls).as("the waiting poll ended").isDone();
    }

    @Test
    void whenAWakeUpWasHeardThenTheNextPollWaitsAgain() throws Exception {
        client.wakeup();
        client.poll(LONG_POLL_MS, 0);

        long started = System.nanoTime();
        client.poll(200, 0);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("second poll's wait")
                .isGreaterThanOrEqualTo(Duration.ofMillis(150));
    }
}
