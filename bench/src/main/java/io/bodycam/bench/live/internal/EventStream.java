package io.bodycam.bench.live.internal;

import io.bodycam.bench.live.FleetChanges;
import io.bodycam.bench.live.FleetCounters;
import io.bodycam.bench.live.LiveFleet;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultHttpContent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Server-Sent Events stream: at each {@link #tick} (the server's pump, at most one a batch
 * interval) it asks the fleet what changed once, encodes one batch and writes the same bytes to every
 * subscriber. A new subscriber, or one whose connection could not take the last batch (its outbound
 * buffer full: a slow browser), gets a full frame instead, so nobody ever applies a batch to a state
 * it does not have. Counters follow each batch when they changed. Runs on the pump thread only;
 * subscribe and unsubscribe from anywhere.
 */
public final class EventStream {

    private static final Logger log = LoggerFactory.getLogger(EventStream.class);
    private static final byte[] HEARTBEAT = ":\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final long HEARTBEAT_NANOS = TimeUnit.SECONDS.toNanos(15);
    private static final long HISTORY_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final LiveFleet fleet;
    private final BatchEncoder encoder;
    private final CounterHistory history;
    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean warned = new AtomicBoolean();
    private long cursor;
    private FleetCounters lastCounters;
    private byte[] countersEvent;
    private long lastTickNanos = -1;
    private long lastHistoryNanos = Long.MIN_VALUE / 2;
    private volatile FleetCounters latest;

    private final AtomicLong ticks = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong fullFrames = new AtomicLong();
    private final AtomicLong bytesSent = new AtomicLong();
    private final AtomicLong buildNanosTotal = new AtomicLong();
    private volatile long buildNanosLast;
    private volatile long buildNanosMax;

    private static final class Subscriber {
        final Channel channel;
        boolean needsFull = true;
        long lastWriteNanos;

        Subscriber(Channel channel) {
            this.channel = channel;
        }
    }

    /** What the stream has done so far. */
    public record Counts(long ticks, long batches, long fullFrames, long bytesSent, long buildNanosTotal,
                         long buildNanosLast, long buildNanosMax, int subscribers) {
    }

    public EventStream(LiveFleet fleet, BatchEncoder encoder, CounterHistory history) {
        this.fleet = fleet;
        this.encoder = encoder;
        this.history = history;
    }

    /** Adds a channel whose SSE response head is written; it leaves when it closes. */
    public void subscribe(Channel channel) {
        Subscriber s = new Subscriber(channel);
        subscribers.add(s);
        channel.closeFuture().addListener(f -> subscribers.remove(s));
    }

    /** The counters of the latest tick, or null before the first. */
    public FleetCounters latest() {
        return latest;
    }

    /** One round: replay moved on, changes read and encoded, written to every subscriber. */
    public void tick(long nowNanos) {
        try {
            round(nowNanos);
        } catch (RuntimeException e) {
            // the pump must go on; a fleet that throws every tick is reported once, then at debug
            if (warned.compareAndSet(false, true)) {
                log.warn("the live dashboard could not read the fleet: {}", e.toString(), e);
            } else {
                log.debug("the live dashboard could not read the fleet", e);
            }
        }
    }

    private void round(long nowNanos) {
        long wall = lastTickNanos < 0 ? 0 : TimeUnit.NANOSECONDS.toMillis(nowNanos - lastTickNanos);
        lastTickNanos = nowNanos;
        fleet.replay().ifPresent(r -> r.advance(wall));
        long t0 = System.nanoTime();
        FleetChanges changes = fleet.changesSince(cursor);
        cursor = changes.cursor();
        byte[] delta = encoder.delta(changes.changed());
        FleetCounters counters = fleet.counters();
        latest = counters;
        byte[] freshCounters = null;
        if (!counters.equals(lastCounters)) {
            lastCounters = counters;
            countersEvent = ("event: counters\ndata: " + new String(LiveJson.bytes(LiveJson.counters(counters)),
                    StandardCharsets.UTF_8) + "\n\n").getBytes(StandardCharsets.UTF_8);
            freshCounters = countersEvent;
        }
        if (nowNanos - lastHistoryNanos >= HISTORY_NANOS && fleet.replay().isEmpty()) {
            history.add(counters);
            lastHistoryNanos = nowNanos;
        }
        long built = System.nanoTime() - t0;
        ticks.incrementAndGet();
        if (delta != null) {
            batches.incrementAndGet();
        }
        buildNanosTotal.addAndGet(built);
        buildNanosLast = built;
        buildNanosMax = Math.max(buildNanosMax, built);
        byte[] full = null;
        for (Subscriber s : subscribers) {
            if (!s.channel.isActive()) {
                continue;
            }
            if (s.needsFull) {
                if (!s.channel.isWritable()) {
                    continue;
                }
                if (full == null) {
                    full = encoder.full();
                }
                fullFrames.incrementAndGet();
                write(s, full, nowNanos);
                write(s, countersEvent, nowNanos);
                s.needsFull = false;
                continue;
            }
            if (delta != null) {
                if (s.channel.isWritable()) {
                    write(s, delta, nowNanos);
                } else {
                    s.needsFull = true;
                    continue;
                }
            }
            if (freshCounters != null && s.channel.isWritable()) {
                write(s, freshCounters, nowNanos);
            }
            if (nowNanos - s.lastWriteNanos > HEARTBEAT_NANOS) {
                write(s, HEARTBEAT, nowNanos);
            }
        }
    }

    private void write(Subscriber s, byte[] event, long nowNanos) {
        if (event == null) {
            return;
        }
        s.channel.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(event)));
        s.lastWriteNanos = nowNanos;
        bytesSent.addAndGet(event.length);
    }

    public Counts counts() {
        return new Counts(ticks.get(), batches.get(), fullFrames.get(), bytesSent.get(), buildNanosTotal.get(),
                buildNanosLast, buildNanosMax, subscribers.size());
    }
}
