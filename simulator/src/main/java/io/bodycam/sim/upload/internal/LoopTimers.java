package io.bodycam.sim.upload.internal;

import io.bodycam.sim.time.Scheduler;
import io.bodycam.sim.time.Timer;
import io.netty.channel.EventLoop;

/**
 * Virtual-time timers whose tasks always run on the camera's event loop, whatever thread the
 * {@link Scheduler} fires on (a {@code ManualClock} fires on the thread that advances it).
 */
public final class LoopTimers {

    private final Scheduler scheduler;
    private final EventLoop loop;

    public LoopTimers(Scheduler scheduler, EventLoop loop) {
        this.scheduler = scheduler;
        this.loop = loop;
    }

    /** Virtual now. */
    public long now() {
        return scheduler.now();
    }

    /** Runs {@code task} on the loop {@code virtualMillis} from now. */
    public Timer after(long virtualMillis, Runnable task) {
        return scheduler.schedule(virtualMillis, () -> onLoop(task));
    }

    /** Runs {@code task} on the loop: now when already there, else as soon as the loop can. */
    public void onLoop(Runnable task) {
        if (loop.inEventLoop()) {
            task.run();
        } else {
            loop.execute(task);
        }
    }
}
