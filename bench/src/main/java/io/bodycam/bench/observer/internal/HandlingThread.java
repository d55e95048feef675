package io.bodycam.bench.observer.internal;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The observer's one thread that gives messages to the {@link MessageHandler}, in the order they arrived.
 * A link's network thread stamps each message's arrival and queues it here, and so is free to acknowledge
 * the next one at once: a broker sends a subscriber only so many unacknowledged QoS 1 messages
 * (Mosquitto: 20), and parsing and schema checks on the network thread made it queue, and at its limit
 * drop, the fleet's messages.
 */
final class HandlingThread {

    private static final Logger log = LoggerFactory.getLogger(HandlingThread.class);
    /** How long closing waits for the messages that had arrived to be handled. */
    private static final Duration SETTLE = Duration.ofSeconds(30);

    private final MessageHandler handler;
    private final LongAdder busyNanos = new LongAdder();
    private final AtomicBoolean failureLogged = new AtomicBoolean();
    private final ExecutorService handling = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "bodycam-observer");
        t.setDaemon(true);
        return t;
    });

    HandlingThread(MessageHandler handler) {
        this.handler = handler;
    }

    /** Queues a message that arrived at {@code arrivedAt} (virtual ms); from any thread, never throws. */
    void message(String topic, byte[] payload, boolean retained, long arrivedAt) {
        try {
            handling.execute(() -> handle(topic, payload, retained, arrivedAt));
        } catch (RejectedExecutionException e) {
            log.debug("observer closed: a message from {} is not handled", topic);
        }
    }

    /** Runs {@code task} after the messages queued before it (a change of connection, say); never throws. */
    void then(Runnable task) {
        try {
            handling.execute(task);
        } catch (RejectedExecutionException e) {
            log.debug("observer closed: {} is not run", task);
        }
    }

    /**
     * Waits until every message queued before this call has been handled, for at most {@code timeout};
     * returns whether it was.
     */
    boolean settle(Duration timeout) {
        try {
            handling.submit(() -> { }).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException | RejectedExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Wall nanoseconds spent handling messages so far, on one thread: the share of wall time spent here
     * says how close the observer is to falling behind (its latencies end at arrival, so a backlog here
     * delays what it sees of the fleet's state, not the latencies it measures).
     */
    long busyNanos() {
        return busyNanos.sum();
    }

    /** Handles what had been queued (for at most {@code SETTLE}), then stops. */
    void close() {
        handling.shutdown();
        try {
            if (!handling.awaitTermination(SETTLE.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("observer: messages still queued for handling {} after disconnecting; dropped", SETTLE);
                handling.shutdownNow();
            }
        } catch (InterruptedException e) {
            handling.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private void handle(String topic, byte[] payload, boolean retained, long arrivedAt) {
        long began = System.nanoTime();
        try {
            handler.handle(topic, payload, retained, arrivedAt);
        } catch (RuntimeException e) {
            if (failureLogged.compareAndSet(false, true)) {
                log.error("observer failed on a message from {} (further failures at debug)", topic, e);
            } else {
                log.debug("observer failed on a message from {}", topic, e);
            }
        } finally {
            busyNanos.add(System.nanoTime() - began);
        }
    }
}
