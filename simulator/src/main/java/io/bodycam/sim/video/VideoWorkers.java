package io.bodycam.sim.video;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The bounded pool that writes, reads (for upload), hashes, probes and deletes segment files: a
 * fixed number of threads (one per core by default) and a bounded queue, so encoding and disk work
 * never runs on a Netty event loop (docs/design.md#no-thread-per-device) and a fleet that films faster
 * than the machine can write sees its jobs refused with a clear error instead of an ever-growing queue.
 * Counts what it did for the meters ({@code video.*}, docs/metrics.md).
 */
public final class VideoWorkers implements AutoCloseable {

    private final ThreadPoolExecutor pool;
    /** Jobs of a {@link #manual()} instance, run by {@link #runQueued()}; null for a pool. */
    private final java.util.ArrayDeque<Runnable> held;
    private final int capacity;
    private final LongAdder completed = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder busyNanos = new LongAdder();

    /**
     * @param threads       worker threads, 1..64
     * @param queueCapacity jobs that may wait, 1..1,000,000
     */
    public VideoWorkers(int threads, int queueCapacity) {
        if (threads < 1 || threads > 64) {
            throw new IllegalArgumentException("video worker threads must be 1..64, was " + threads);
        }
        if (queueCapacity < 1 || queueCapacity > 1_000_000) {
            throw new IllegalArgumentException("video job queue must hold 1..1000000 jobs, was " + queueCapacity);
        }
        AtomicInteger n = new AtomicInteger();
        this.capacity = queueCapacity;
        this.held = null;
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queueCapacity),
                r -> {
                    Thread t = new Thread(r, "bodycam-video-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    private VideoWorkers() {
        this.pool = null;
        this.held = new java.util.ArrayDeque<>();
        this.capacity = Integer.MAX_VALUE;
    }

    /**
     * Workers without threads, for tests on a manual clock: jobs wait until {@link #runQueued()} runs
     * them on the caller's thread (as a {@code ManualClock} runs timers), so a test decides when a file
     * is finished relative to virtual time.
     */
    public static VideoWorkers manual() {
        return new VideoWorkers();
    }

    /** Runs the jobs waiting in a {@link #manual()} instance (and those they submit); returns how many ran. */
    public int runQueued() {
        if (held == null) {
            throw new IllegalStateException("only manual video workers run their jobs on request");
        }
        int ran = 0;
        Runnable r;
        while ((r = held.poll()) != null) {
            r.run();
            ran++;
        }
        return ran;
    }

    /** One thread per core, up to 10,000 waiting jobs. */
    public static VideoWorkers perCore() {
        return new VideoWorkers(Math.max(1, Runtime.getRuntime().availableProcessors()), 10_000);
    }

    /** Runs {@code job} on a worker; the future fails when the queue is full or the job throws. */
    public <T> CompletableFuture<T> submit(Callable<T> job) {
        CompletableFuture<T> f = new CompletableFuture<>();
        try {
            execute(() -> {
                long t0 = System.nanoTime();
                try {
                    f.complete(job.call());
                    completed.increment();
                } catch (Throwable e) {
                    failed.increment();
                    f.completeExceptionally(e);
                } finally {
                    busyNanos.add(System.nanoTime() - t0);
                }
            });
        } catch (RejectedExecutionException e) {
            rejected.increment();
            f.completeExceptionally(new RejectedExecutionException("video workers are saturated: " + capacity
                    + " jobs already wait (the fleet films faster than this machine writes files)", e));
        }
        return f;
    }

    private void execute(Runnable r) {
        if (held != null) {
            held.add(r);
        } else {
            pool.execute(r);
        }
    }

    /** Jobs waiting for a thread. */
    public int queued() {
        return held != null ? held.size() : pool.getQueue().size();
    }

    public long completed() {
        return completed.sum();
    }

    public long failed() {
        return failed.sum();
    }

    public long rejected() {
        return rejected.sum();
    }

    /** Thread time spent in jobs so far. */
    public long busyNanos() {
        return busyNanos.sum();
    }

    /** Stops taking jobs, lets the running ones finish (a few seconds at most), drops the waiting ones. */
    @Override
    public void close() {
        if (pool == null) {
            held.clear();
            return;
        }
        pool.shutdownNow();
        try {
            pool.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
