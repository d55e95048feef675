package io.bodycam.backend.http;

import java.time.Duration;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * Faults the reference evidence server can inject into its upload requests (every tus request under
 * {@code /files/} but OPTIONS), changeable while it runs (issue 5, "Backend HTTP"):
 * <ul>
 *   <li>a share of requests answered with a 5xx before anything is committed;</li>
 *   <li>a delay before every answer (a slow backend);</li>
 *   <li>a share of PATCH requests whose chunk is committed but whose answer never arrives: the
 *       connection is closed, or left hanging until the client gives up. The client must resume from
 *       the offset {@code HEAD} reports, and the backend must not end up with a duplicate.</li>
 * </ul>
 * Thread-safe: the bench sets, the server's threads draw. Draws come from a seeded generator; which
 * request gets which draw still depends on network timing.
 *
 * <pre>{@code
 * server.faults().set(HttpFaults.Settings.NONE.withErrors(0.1, 503).withLostResponses(0.05, LostResponse.CLOSE));
 * ...
 * server.faults().clear();
 * }</pre>
 */
public final class HttpFaults {

    /** What happens to the answer of a PATCH whose chunk was committed but whose response is lost. */
    public enum LostResponse {
        /** The connection is closed without an answer. */
        CLOSE,
        /** Nothing is sent; the connection stays open until the client or the idle timeout closes it. */
        HANG
    }

    /**
     * The fault settings; {@link #NONE} injects nothing.
     *
     * @param errorShare   share of upload requests answered {@code errorStatus} at once (0..1)
     * @param errorStatus  500..599
     * @param delay        wall time added before every upload answer (0..10 min)
     * @param lostShare    share of PATCH requests whose committed chunk is never answered (0..1)
     * @param lostResponse what happens to the connection then
     */
    public record Settings(double errorShare, int errorStatus, Duration delay, double lostShare,
                           LostResponse lostResponse) {

        public static final Settings NONE = new Settings(0, 503, Duration.ZERO, 0, LostResponse.CLOSE);

        public Settings {
            share("error share", errorShare);
            share("lost-response share", lostShare);
            if (errorStatus < 500 || errorStatus > 599) {
                throw new IllegalArgumentException("error status must be 500..599, was " + errorStatus);
            }
            Objects.requireNonNull(delay, "delay");
            if (delay.isNegative() || delay.compareTo(Duration.ofMinutes(10)) > 0) {
                throw new IllegalArgumentException("delay must be 0..10 min, was " + delay);
            }
            Objects.requireNonNull(lostResponse, "lost response");
        }

        public Settings withErrors(double share, int status) {
            return new Settings(share, status, delay, lostShare, lostResponse);
        }

        public Settings withDelay(Duration d) {
            return new Settings(errorShare, errorStatus, d, lostShare, lostResponse);
        }

        public Settings withLostResponses(double share, LostResponse mode) {
            return new Settings(errorShare, errorStatus, delay, share, mode);
        }

        private static void share(String what, double v) {
            if (!(v >= 0 && v <= 1)) {
                throw new IllegalArgumentException(what + " must be 0..1, was " + v);
            }
        }
    }

    /**
     * What the server does to one request: an error status (0 for none), whether to withhold the
     * answer if the request commits a chunk, a delay before answering.
     */
    public record Decision(int errorStatus, boolean loseResponse, long delayMillis) {
        public static final Decision NONE = new Decision(0, false, 0);
    }

    /** Faults injected so far: error answers, committed chunks whose answer was withheld, delayed answers. */
    public record Counts(long errors, long lostResponses, long delayed) {
    }

    private final SplittableRandom random;
    private volatile Settings settings = Settings.NONE;
    private final LongAdder errors = new LongAdder();
    private final LongAdder lost = new LongAdder();
    private final LongAdder delayed = new LongAdder();

    /** @param seed seeds the draws of which requests fail */
    public HttpFaults(long seed) {
        this.random = new SplittableRandom(seed);
    }

    public void set(Settings next) {
        settings = Objects.requireNonNull(next, "settings");
    }

    public Settings settings() {
        return settings;
    }

    /** Injects nothing from now on. */
    public void clear() {
        settings = Settings.NONE;
    }

    public Counts counts() {
        return new Counts(errors.sum(), lost.sum(), delayed.sum());
    }

    /** The server withheld the answer to a committed PATCH, as a {@link Decision#loseResponse()} asked. */
    public void withheld() {
        lost.increment();
    }

    /**
     * The server asks this once per upload request, when its head arrives.
     *
     * @param patch whether the request is a PATCH (only those can lose a committed answer)
     */
    public Decision decide(boolean patch) {
        Settings s = settings;
        if (s == Settings.NONE) {
            return Decision.NONE;
        }
        double errorDraw;
        double lostDraw;
        synchronized (random) {
            errorDraw = random.nextDouble();
            lostDraw = random.nextDouble();
        }
        boolean error = errorDraw < s.errorShare();
        boolean lose = !error && patch && lostDraw < s.lostShare();
        if (error) {
            errors.increment();
        }
        long delay = s.delay().toMillis();
        if (delay > 0 && !lose) {
            delayed.increment();
        }
        return new Decision(error ? s.errorStatus() : 0, lose, lose ? 0 : delay);
    }
}
