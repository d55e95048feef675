package io.bodycam.sim.upload.internal;

import io.bodycam.sim.time.Scheduler;
import io.bodycam.sim.time.Timer;
import io.netty.channel.EventLoop;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

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

    /**
     * Runs {@code action} on the loop (now when already there) and passes on the outcome of the future
     * it returns; an action that throws fails the returned future.
     */
    public <T> CompletableFuture<T> call(Supplier<? extends CompletionStage<T>> action) {
        return call(loop, action);
    }

    /** As {@link #call(Supplier)}, on {@code loop}. */
    public static <T> CompletableFuture<T> call(EventLoop loop, Supplier<? extends CompletionStage<T>> action) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Runnable task = () -> {
            try {
                action.get().whenComplete((value, error) -> {
                    if (error != null) {
                        result.completeExceptionally(RetryingTask.unwrap(error));
                    } else {
                        result.complete(value);
                    }
                });
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        };
        if (loop.inEventLoop()) {
            task.run();
        } else {
            loop.execute(task);
        }
        return result;
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
