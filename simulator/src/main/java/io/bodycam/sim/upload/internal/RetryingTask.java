package io.bodycam.sim.upload.internal;

import io.bodycam.sim.time.Timer;
import io.bodycam.sim.upload.UploadException;
import io.bodycam.sim.upload.UploadException.Kind;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiConsumer;

/**
 * What every upload protocol's session shares: a result future completed on the camera's loop, at most
 * one pending virtual-time timer, and the retry policy. Every failed request uses one attempt;
 * {@code maxAttempts} failures in a row without {@linkplain #progressed() progress} in between give up
 * with {@link Kind#GAVE_UP}; a broken connection, a timeout or a 5xx waits a {@link Backoff} delay
 * first. A closed client or an unreadable source ends the task at once.
 *
 * @param <T> what the task completes with
 */
public abstract class RetryingTask<T> {

    protected final LoopTimers timers;
    private final Backoff backoff;
    private final int maxAttempts;
    private final CompletableFuture<T> result = new CompletableFuture<>();
    private Timer timer = Timer.NONE;
    private int failuresInRow;
    private int attempts = 1;

    protected RetryingTask(LoopTimers timers, Backoff backoff, int maxAttempts) {
        this.timers = timers;
        this.backoff = backoff;
        this.maxAttempts = maxAttempts;
    }

    /** What this task is doing now, for the give-up message ("upload of S-1 at offset 400"). */
    protected abstract String describe();

    /** Lets go of what the task holds (buffers, read-ahead); runs once when it ends, either way. */
    protected void released() {
    }

    /** Runs once, on the loop, when the task gives up after too many failures (before its future fails). */
    protected void gaveUp() {
    }

    /** The task's outcome; completes on the loop. */
    public final CompletableFuture<T> result() {
        return result;
    }

    /** Stops at once, failing the future with {@code why}. */
    public final void abort(UploadException why) {
        fail(why);
    }

    /** Attempts made so far (1 when nothing failed). */
    protected final int attempts() {
        return attempts;
    }

    protected final boolean done() {
        return result.isDone();
    }

    /** A request succeeded in moving the task on: the count of failures in a row starts again. */
    protected final void progressed() {
        failuresInRow = 0;
    }

    protected final void complete(T value) {
        if (!done()) {
            stop();
            result.complete(value);
        }
    }

    protected final void fail(Throwable why) {
        if (!done()) {
            stop();
            result.completeExceptionally(unwrap(why));
        }
    }

    /** Runs {@code task} on the loop {@code virtualMillis} from now, unless the task has ended by then. */
    protected final void later(long virtualMillis, Runnable task) {
        Runnable guarded = () -> {
            if (!done()) {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    fail(e);
                }
            }
        };
        if (virtualMillis <= 0) {
            guarded.run();
        } else {
            timer = timers.after(virtualMillis, guarded);
        }
    }

    /** Counts {@code error} as a failed attempt and, unless that gives up, runs {@code resume} after a backoff. */
    protected final void retryLater(Throwable error, Runnable resume) {
        if (useAttempt(error)) {
            later(backoff.delayMillis(failuresInRow), resume);
        }
    }

    /** Counts {@code error} as a failed attempt and, unless that gives up, runs {@code next} at once. */
    protected final void retryNow(Throwable error, Runnable next) {
        if (useAttempt(error)) {
            next.run();
        }
    }

    /**
     * Counts a failure; false (and the task failed) when it cannot be retried: the client was closed, the
     * source cannot be read, the failure is a bug, or too many failed in a row.
     */
    protected final boolean useAttempt(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (!(cause instanceof UploadException u) || u.kind() == Kind.CLOSED || u.kind() == Kind.READ_FAILED
                || u.kind() == Kind.INTERRUPTED) {
            fail(cause);
            return false;
        }
        failuresInRow++;
        if (failuresInRow >= maxAttempts) {
            gaveUp();
            fail(new UploadException(Kind.GAVE_UP, u.status().orElse(0), describe() + " failed " + failuresInRow
                    + " times in a row", u));
            return false;
        }
        attempts++;
        return true;
    }

    /**
     * Runs an answer's handler unless the task has already ended; a bug that throws fails the task
     * instead of vanishing inside the future chain.
     */
    protected final <R> BiConsumer<R, Throwable> guarded(BiConsumer<R, Throwable> handler) {
        return (reply, error) -> {
            if (done()) {
                return;
            }
            try {
                handler.accept(reply, error);
            } catch (RuntimeException e) {
                fail(e);
            }
        };
    }

    /** The cause inside a {@link CompletionException}, else {@code failure} itself. */
    public static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    private void stop() {
        timer.cancel();
        released();
    }
}
