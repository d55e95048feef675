package io.bodycam.bench.faults.internal;

import io.bodycam.bench.faults.Direction;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * One direction of a proxied connection: bytes read from the source channel go through the toxics
 * of that direction, wait in a queue until they are due, and are written to the target channel in
 * the order they were read (due times never go backwards, so a toxic added or removed mid-stream
 * cannot reorder bytes). Reading from the source pauses while the queue holds more than
 * {@link #HIGH_WATER} bytes or the target cannot take more (back-pressure).
 */
final class Flow {

    static final long HIGH_WATER = 256 * 1024;

    private final ProxyConnection connection;
    private final Direction direction;
    private final LongAdder written;
    private final ArrayDeque<Piece> queue = new ArrayDeque<>();
    private Channel source;
    private Channel target;
    private long queuedBytes;
    private long lastDue;
    private ScheduledFuture<?> drainTimer;
    private boolean ended;

    Flow(ProxyConnection connection, Direction direction, LongAdder written) {
        this.connection = connection;
        this.direction = direction;
        this.written = written;
    }

    void connect(Channel from, Channel to) {
        this.source = from;
        this.target = to;
    }

    /** Bytes read from the source: through the toxics, into the queue. */
    void onRead(ByteBuf data) {
        if (ended) {
            data.release();
            return;
        }
        enqueue(connection.applyToxics(direction, List.of(Piece.data(data, System.nanoTime()))));
    }

    /** The source side closed: the target closes after what is still queued (unless a blackhole swallows it). */
    void sourceClosed() {
        if (!ended) {
            ended = true;
            enqueue(connection.applyToxics(direction, List.of(Piece.marker(Piece.Marker.END, System.nanoTime()))));
        }
    }

    /** Reading from the source resumes or pauses with the queue and the target's writability. */
    void updateAutoRead() {
        if (source != null && source.isActive()) {
            source.config().setAutoRead(queuedBytes < HIGH_WATER && target != null && target.isWritable());
        }
    }

    /** The connection is gone: drops what is queued. */
    void release() {
        if (drainTimer != null) {
            drainTimer.cancel(false);
            drainTimer = null;
        }
        Piece p;
        while ((p = queue.poll()) != null) {
            p.release();
        }
        queuedBytes = 0;
    }

    private void enqueue(List<Piece> pieces) {
        for (Piece p : pieces) {
            lastDue = Math.max(lastDue, p.due());
            queue.add(p.at(lastDue));
            queuedBytes += p.size();
        }
        if (drainTimer == null) {
            drain();
        }
    }

    private void drain() {
        drainTimer = null;
        if (target == null) {
            release();
            return;
        }
        long now = System.nanoTime();
        boolean wrote = false;
        Piece head;
        while ((head = queue.peek()) != null && head.due() <= now) {
            queue.poll();
            queuedBytes -= head.size();
            switch (head.marker()) {
                case NONE -> {
                    written.add(head.size());
                    target.write(head.data(), target.voidPromise());
                    wrote = true;
                }
                case END -> {
                    target.flush();
                    connection.closeSide(target);
                    release();
                    return;
                }
                case CLOSE -> {
                    target.flush();
                    connection.closeByToxic();
                    return;
                }
            }
        }
        if (wrote) {
            target.flush();
        }
        if (head != null) {
            drainTimer = target.eventLoop().schedule(this::drain, head.due() - now, TimeUnit.NANOSECONDS);
        }
        updateAutoRead();
    }
}
