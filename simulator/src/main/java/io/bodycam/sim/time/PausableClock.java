package io.bodycam.sim.time;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Virtual time that a person or a test can hold: it follows the wall clock at a speed that can be
 * changed on the fly, stops when {@link #pause paused}, and {@link #step steps} ahead by any amount
 * while paused, running every timer that falls due on the way in time order, each on its own
 * camera's event loop. A camera in hand ({@code bodycam device}) runs on it, and so does a test
 * that drives a run with real sockets tick by tick without waiting for the wall clock.
 *
 * <p>Unlike {@link WallClock}, whose timers go straight to Netty, every timer here waits in one queue
 * served by the clock's own thread: fine for a few cameras and for tests, not meant for a fleet of
 * thousands. Thread-safe. {@link #close()} stops the clock's thread; timers still queued never run.
 *
 * <pre>{@code
 * PausableClock clock = PausableClock.paused(start);
 * Scheduler s = clock.scheduler(loop);           // one per camera, on its event loop
 * clock.step(Duration.ofSeconds(10));            // ten virtual seconds, at once
 * clock.resume(60);                              // then a virtual minute per wall second
 * }</pre>
 */
public final class PausableClock implements SimClock, AutoCloseable {

    /** Fastest speed accepted, as for {@link WallClock}. */
    public static final double MAX_SPEED = 100_000;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private final Set<Thread> loopThreads = ConcurrentHashMap.newKeySet();
    private final Thread driver;
    private long baseVirtual;
    private long baseNanos;
    private double speed;
    private boolean paused;
    private boolean closed;
    private long sequence;

    private PausableClock(long startEpochMillis, double speed, boolean paused) {
        this.baseVirtual = startEpochMillis;
        this.baseNanos = System.nanoTime();
        this.speed = checked(speed);
        this.paused = paused;
        this.driver = new Thread(this::drive, "bodycam-pausable-clock");
        driver.setDaemon(true);
        driver.start();
    }

    /** A clock standing still at {@code startEpochMillis}, at speed 1 once resumed. */
    public static PausableClock paused(long startEpochMillis) {
        return new PausableClock(startEpochMillis, 1, true);
    }

    /** A clock running from {@code startEpochMillis} now, {@code speed} times faster than the wall clock. */
    public static PausableClock running(long startEpochMillis, double speed) {
        return new PausableClock(startEpochMillis, speed, false);
    }

    @Override
    public long now() {
        lock.lock();
        try {
            return nowLocked();
        } finally {
            lock.unlock();
        }
    }

    /** The instant a wall-clock reading names, on this clock: paused, every reading is now. */
    @Override
    public long fromWall(long wallEpochMillis) {
        lock.lock();
        try {
            return nowLocked() + (paused ? 0 : (long) ((wallEpochMillis - System.currentTimeMillis()) * speed));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public double speed() {
        lock.lock();
        try {
            return speed;
        } finally {
            lock.unlock();
        }
    }

    /** Whether virtual time stands still. */
    public boolean isPaused() {
        lock.lock();
        try {
            return paused;
        } finally {
            lock.unlock();
        }
    }

    /** Stops virtual time where it is; timers wait. Pausing a paused clock does nothing. */
    public void pause() {
        lock.lock();
        try {
            rebase();
            paused = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Lets virtual time run again at the current speed. */
    public void resume() {
        lock.lock();
        try {
            baseNanos = System.nanoTime();
            paused = false;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Lets virtual time run again, {@code speed} times faster than the wall clock. */
    public void resume(double speed) {
        setSpeed(speed);
        resume();
    }

    /** Changes how many virtual seconds pass per wall second, from now on; a paused clock stays paused. */
    public void setSpeed(double speed) {
        double s = checked(speed);
        lock.lock();
        try {
            rebase();
            this.speed = s;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Pauses the clock and moves it {@code by} ahead at once, running every timer that falls due on
     * the way, in time order (ties in scheduling order): the timers of one virtual instant run on
     * their loops, and this waits for them before it moves on, so what they schedule for that
     * instant runs too. Returns once virtual time stands at the target; the clock stays paused.
     *
     * @throws IllegalStateException when called from a loop whose timers this clock runs (it would
     *                               wait for itself)
     */
    public void step(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("a clock steps forward only, was asked " + by);
        }
        if (loopThreads.contains(Thread.currentThread())) {
            throw new IllegalStateException("step() waits for the cameras' loops: call it from another thread");
        }
        long target;
        lock.lock();
        try {
            rebase();
            paused = true;
            target = baseVirtual + by.toMillis();
        } finally {
            lock.unlock();
        }
        while (true) {
            List<Task> due = new ArrayList<>();
            lock.lock();
            try {
                Task next = peekLive();
                if (closed || next == null || next.at > target) {
                    baseVirtual = Math.max(baseVirtual, target);
                    changed.signalAll();
                    return;
                }
                baseVirtual = Math.max(baseVirtual, next.at);
                while ((next = peekLive()) != null && next.at <= baseVirtual) {
                    due.add(takeAndRequeue());
                }
            } finally {
                lock.unlock();
            }
            CompletableFuture.allOf(due.stream().map(Task::dispatch).toArray(CompletableFuture[]::new)).join();
        }
    }

    /** Timers waiting, for tests and the device console's status line. */
    public int pending() {
        lock.lock();
        try {
            return (int) queue.stream().filter(t -> !t.cancelled()).count();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Scheduler scheduler(ScheduledExecutorService loop) {
        return new LoopScheduler(loop);
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            queue.clear();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ the clock's own thread

    /** While running, hands each timer to its loop when virtual time reaches it. */
    private void drive() {
        lock.lock();
        try {
            while (!closed) {
                Task next = peekLive();
                if (paused || next == null) {
                    changed.awaitUninterruptibly();
                    continue;
                }
                long ahead = next.at - nowLocked();
                if (ahead > 0) {
                    awaitNanos((long) Math.max(1, ahead * 1_000_000.0 / speed));
                    continue;
                }
                takeAndRequeue().dispatch();
            }
        } finally {
            lock.unlock();
        }
    }

    private void awaitNanos(long nanos) {
        try {
            changed.awaitNanos(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    // ------------------------------------------------------------------ under the lock

    private long nowLocked() {
        return paused ? baseVirtual : baseVirtual + (long) ((System.nanoTime() - baseNanos) * speed / 1_000_000.0);
    }

    /** Makes now the base, so a change of speed or a pause applies from now on. */
    private void rebase() {
        baseVirtual = nowLocked();
        baseNanos = System.nanoTime();
    }

    private Task peekLive() {
        Task t;
        while ((t = queue.peek()) != null && t.cancelled()) {
            queue.poll();
        }
        return t;
    }

    /** Takes the first timer; a periodic one goes back in for its next run (fixed rate). */
    private Task takeAndRequeue() {
        Task t = queue.poll();
        if (t.period > 0) {
            queue.add(new Task(t.at + t.period, sequence++, t.period, t.loop, t.body, t.cancel));
        }
        return t;
    }

    private Task add(long at, long period, LoopScheduler loop, Runnable body) {
        lock.lock();
        try {
            Task t = new Task(at, sequence++, period, loop, body, new Cancel());
            queue.add(t);
            changed.signalAll();
            return t;
        } finally {
            lock.unlock();
        }
    }

    private static double checked(double speed) {
        if (!(speed > 0) || speed > MAX_SPEED) {
            throw new IllegalArgumentException("clock speed must be > 0 and <= " + (long) MAX_SPEED + ", was " + speed);
        }
        return speed;
    }

    /** A timer's cancellation, shared by every run of a periodic timer. */
    private static final class Cancel implements Timer {
        volatile boolean cancelled;

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    /** One run of a timer. */
    private final class Task implements Comparable<Task> {
        final long at;
        final long seq;
        final long period;
        final LoopScheduler loop;
        final Runnable body;
        final Cancel cancel;

        Task(long at, long seq, long period, LoopScheduler loop, Runnable body, Cancel cancel) {
            this.at = at;
            this.seq = seq;
            this.period = period;
            this.loop = loop;
            this.body = body;
            this.cancel = cancel;
        }

        boolean cancelled() {
            return cancel.cancelled;
        }

        /** Runs the body on its loop; completes when it has run (or was cancelled meanwhile). */
        CompletableFuture<Void> dispatch() {
            CompletableFuture<Void> done = new CompletableFuture<>();
            try {
                loop.execute(() -> {
                    try {
                        if (!cancelled()) {
                            body.run();
                        }
                    } finally {
                        done.complete(null);
                    }
                });
            } catch (RuntimeException rejected) {
                // the loop is shutting down: the timer dies with it
                done.complete(null);
            }
            return done;
        }

        @Override
        public int compareTo(Task o) {
            int c = Long.compare(at, o.at);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    /** Schedules on one event loop; the loop's thread is the device's thread. */
    private final class LoopScheduler implements Scheduler {
        private final ScheduledExecutorService loop;
        private volatile Thread loopThread;

        LoopScheduler(ScheduledExecutorService loop) {
            this.loop = loop;
        }

        @Override
        public long now() {
            return PausableClock.this.now();
        }

        @Override
        public Timer schedule(long delayMillis, Runnable task) {
            return add(now() + Math.max(0, delayMillis), 0, this, task).cancel;
        }

        @Override
        public Timer every(long initialDelayMillis, long periodMillis, Runnable task) {
            if (periodMillis <= 0) {
                throw new IllegalArgumentException("period must be > 0 ms, was " + periodMillis);
            }
            return add(now() + Math.max(0, initialDelayMillis), periodMillis, this, task).cancel;
        }

        @Override
        public void execute(Runnable task) {
            loop.execute(() -> {
                Thread here = Thread.currentThread();
                loopThread = here;
                loopThreads.add(here);
                task.run();
            });
        }

        @Override
        public boolean inThread() {
            if (loop instanceof io.netty.util.concurrent.EventExecutor netty) {
                return netty.inEventLoop();
            }
            return Thread.currentThread() == loopThread;
        }
    }
}
