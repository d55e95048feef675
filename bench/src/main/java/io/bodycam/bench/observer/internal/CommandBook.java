package io.bodycam.bench.observer.internal;

import io.bodycam.bench.observer.CommandAck;
import io.bodycam.bench.observer.CommandException;
import io.bodycam.bench.observer.CommandTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;

/**
 * The commands the observer has sent and waits on: each completes when the camera's matching
 * {@code cmd/ack} arrives, or fails with {@link CommandTimeoutException}. A raw payload (a malformed
 * command, say) has no id the observer knows, so it takes the next ack from that camera that matches
 * no pending command. Round-trip times go into a histogram of wall microseconds.
 */
public final class CommandBook {

    private record Pending(String id, String deviceId, long sentNanos, CompletableFuture<CommandAck> future) {
    }

    /** Arms a command's timeout: runs {@code onTimeout} after {@code timeout} unless the action returned cancels it. */
    @FunctionalInterface
    public interface Timeouts {
        Runnable arm(Duration timeout, Runnable onTimeout);
    }

    private final Timeouts timeouts;
    private final String idPrefix;
    /** Where round trips are timed: the wall's nanoseconds, or simulated mode's virtual time in nanoseconds. */
    private final LongSupplier nanos;
    private final AtomicLong nextId = new AtomicLong();
    private final ConcurrentHashMap<String, Pending> byId = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Queue<Pending>> raw = new ConcurrentHashMap<>();
    private final Histogram roundTrip = FleetModel.newHistogram();
    private final LongAdder unmatched = new LongAdder();

    /**
     * Ids with a random prefix (two observers on one broker do not mix their acks up), round trips and timeouts
     * timed by the wall clock, timeouts on {@code timer}.
     */
    public CommandBook(ScheduledExecutorService timer) {
        this((timeout, onTimeout) -> {
            ScheduledFuture<?> task = timer.schedule(onTimeout, timeout.toNanos(), TimeUnit.NANOSECONDS);
            return () -> task.cancel(false);
        }, "obs-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000)) + "-", System::nanoTime);
    }

    /**
     * Ids {@code idPrefix} and a number counting from 0, round trips timed by {@code nanos}, timeouts armed by
     * {@code timeouts} (simulated mode: both on its one clock).
     */
    public CommandBook(Timeouts timeouts, String idPrefix, LongSupplier nanos) {
        this.timeouts = timeouts;
        this.idPrefix = idPrefix;
        this.nanos = nanos;
    }

    /** A command id unique to this observer, e.g. {@code obs-3f2a-17}. */
    public String nextId() {
        return idPrefix + nextId.getAndIncrement();
    }

    /** Waits for the ack carrying {@code id}. */
    public CompletableFuture<CommandAck> expect(String id, String deviceId, Duration timeout) {
        Pending p = new Pending(id, deviceId, nanos.getAsLong(), new CompletableFuture<>());
        byId.put(id, p);
        armTimeout(p, timeout, () -> byId.remove(id, p));
        return p.future;
    }

    /** Waits for the next ack from {@code deviceId} that answers no pending command. */
    public CompletableFuture<CommandAck> expectRaw(String deviceId, Duration timeout) {
        Pending p = new Pending(null, deviceId, nanos.getAsLong(), new CompletableFuture<>());
        Queue<Pending> queue = raw.computeIfAbsent(deviceId, d -> new ConcurrentLinkedQueue<>());
        queue.add(p);
        armTimeout(p, timeout, () -> queue.remove(p));
        return p.future;
    }

    /** The command behind {@code future} could not be published. */
    public void publishFailed(CompletableFuture<CommandAck> future, String deviceId, String id, Throwable cause) {
        if (id != null) {
            byId.remove(id);
        } else {
            Queue<Pending> queue = raw.get(deviceId);
            if (queue != null) {
                queue.removeIf(p -> p.future == future);
            }
        }
        future.completeExceptionally(new CommandException(deviceId, id,
                "could not publish command " + (id == null ? "(raw payload)" : id) + " to " + deviceId + ": " + cause, cause));
    }

    void ack(String deviceId, String id, boolean ok, String error) {
        Pending p = id == null ? null : byId.remove(id);
        if (p == null) {
            Queue<Pending> queue = raw.get(deviceId);
            p = queue == null ? null : queue.poll();
        }
        if (p == null) {
            unmatched.increment();
            return;
        }
        long micros = TimeUnit.NANOSECONDS.toMicros(nanos.getAsLong() - p.sentNanos);
        roundTrip.recordValue(Math.min(micros, FleetModel.MAX_LATENCY_MICROS));
        p.future.complete(new CommandAck(Optional.ofNullable(id), deviceId, ok, Optional.ofNullable(error),
                Duration.ofNanos(TimeUnit.MICROSECONDS.toNanos(micros))));
    }

    /** Acks that answered no pending command: late (after a timeout), repeated, or unknown ids. */
    public long unmatched() {
        return unmatched.sum();
    }

    /** A copy of the command round-trip histogram (wall microseconds). */
    public Histogram roundTrip() {
        return roundTrip.copy();
    }

    /** Fails every command still waiting, e.g. because the observer stops. */
    public void failAll(String reason) {
        byId.values().forEach(p -> fail(p, reason));
        byId.clear();
        raw.values().forEach(queue -> {
            Pending p;
            while ((p = queue.poll()) != null) {
                fail(p, reason);
            }
        });
    }

    private static void fail(Pending p, String reason) {
        p.future.completeExceptionally(new CommandException(p.deviceId, p.id, reason, null));
    }

    private void armTimeout(Pending p, Duration timeout, BooleanSupplier forget) {
        Runnable cancel = timeouts.arm(timeout, () -> {
            if (forget.getAsBoolean()) {
                p.future.completeExceptionally(new CommandTimeoutException(p.deviceId, p.id, timeout));
            }
        });
        p.future.whenComplete((ack, failure) -> cancel.run());
    }
}
