package dev.quill.producer.internal.log;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one thread, shared by every producer in the JVM, that logs the summaries of rate-limited lines when their
 * interval ends. A summary must come out even when no event follows to trigger it (the count of an outage that
 * ended, of records rejected after close), and no producer thread is sure to be running then. The thread exists
 * only while a summary is due: it ends after a minute with nothing scheduled, and never holds up the JVM's exit.
 */
final class LogTimer {

    private static final ScheduledThreadPoolExecutor TIMER = create();

    private LogTimer() {
    }

    private static ScheduledThreadPoolExecutor create() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "quill-producer-log-timer");
            thread.setDaemon(true);
            return thread;
        });
        timer.setKeepAliveTime(1, TimeUnit.MINUTES);
        timer.allowCoreThreadTimeOut(true);
        // A summary flushed early (on recovery, at close) cancels its task: drop it rather than keep it a minute.
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    static ScheduledFuture<?> schedule(Runnable task, long delayMs) {
        return TIMER.schedule(task, delayMs, TimeUnit.MILLISECONDS);
    }
}
