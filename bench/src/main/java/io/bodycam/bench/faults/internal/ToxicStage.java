package io.bodycam.bench.faults.internal;

import io.bodycam.bench.faults.Toxic;
import io.bodycam.bench.faults.ToxicKind;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One toxic as it acts on one connection, with that connection's state for it (when the last piece
 * left, how many bytes passed, its timer). Whether it applies at all was drawn once from the toxic's
 * toxicity when the two met. Lives on the connection's event loop.
 */
final class ToxicStage {

    /** A bandwidth-limited piece is cut so that none takes more than this share of a second. */
    private static final int BANDWIDTH_SLICES_PER_SECOND = 20;

    final Toxic toxic;
    final boolean applies;
    private final SplittableRandom random;
    private long last;
    private long passed;
    private boolean limitReached;
    private ScheduledFuture<?> timer;

    ToxicStage(Toxic toxic, boolean applies, long seed) {
        this.toxic = toxic;
        this.applies = applies;
        this.random = new SplittableRandom(seed);
    }

    /** The toxic meets the connection: a reset or a timeout starts counting now. */
    void start(ProxyConnection connection) {
        if (!applies) {
            return;
        }
        if (toxic.kind() instanceof ToxicKind.ResetPeer r) {
            timer = connection.loop().schedule(connection::resetByToxic, r.timeout().toNanos(), TimeUnit.NANOSECONDS);
        } else if (toxic.kind() instanceof ToxicKind.Timeout t && !t.timeout().isZero()) {
            timer = connection.loop().schedule(connection::closeByToxic, t.timeout().toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /** The toxic was removed: nothing more happens; what it holds back was already scheduled. */
    void stop() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    /**
     * Passes the pieces through this toxic; markers go through unchanged, except that a blackhole
     * (timeout) also swallows the news that the source closed: across a cut network the far side
     * learns nothing and must find out by its own keep-alive.
     */
    List<Piece> apply(List<Piece> in) {
        if (!applies) {
            return in;
        }
        List<Piece> out = new ArrayList<>(in.size());
        for (Piece p : in) {
            if (!p.isData()) {
                if (!(p.marker() == Piece.Marker.END && toxic.kind() instanceof ToxicKind.Timeout)) {
                    out.add(p);
                }
                continue;
            }
            ToxicKind kind = toxic.kind();
            if (kind instanceof ToxicKind.Latency l) {
                out.add(p.at(delayed(p.due(), l)));
            } else if (kind instanceof ToxicKind.Bandwidth b) {
                paced(p, b.bytesPerSecond(), out);
            } else if (kind instanceof ToxicKind.Slicer s) {
                sliced(p, s, out);
            } else if (kind instanceof ToxicKind.Timeout) {
                p.release();
            } else if (kind instanceof ToxicKind.LimitData d) {
                limited(p, d.bytes(), out);
            } else {
                out.add(p);
            }
        }
        return out;
    }

    private long delayed(long due, ToxicKind.Latency l) {
        long jitter = l.jitter().toNanos();
        long delay = l.latency().toNanos() + (jitter == 0 ? 0 : random.nextLong(-jitter, jitter + 1));
        last = Math.max(last, due + Math.max(0, delay));
        return last;
    }

    /** Each slice is due when its last byte would have left at the rate: the link is busy until then. */
    private void paced(Piece p, long bytesPerSecond, List<Piece> out) {
        int sliceSize = (int) Math.max(1, Math.min(64 * 1024, bytesPerSecond / BANDWIDTH_SLICES_PER_SECOND));
        for (ByteBuf slice : cut(p.data(), () -> sliceSize)) {
            long start = Math.max(p.due(), last);
            last = start + slice.readableBytes() * 1_000_000_000L / bytesPerSecond;
            out.add(Piece.data(slice, last));
        }
    }

    private void sliced(Piece p, ToxicKind.Slicer s, List<Piece> out) {
        long delay = s.delay().toNanos();
        for (ByteBuf slice : cut(p.data(), () -> s.averageSize()
                + (s.sizeVariation() == 0 ? 0 : random.nextInt(-s.sizeVariation(), s.sizeVariation() + 1)))) {
            last = Math.max(p.due(), last + delay);
            out.add(Piece.data(slice, last));
        }
    }

    /** Passes bytes up to the limit, then asks for the connection to close; what comes after is dropped. */
    private void limited(Piece p, long limit, List<Piece> out) {
        if (limitReached) {
            p.release();
            return;
        }
        long room = limit - passed;
        if (p.size() < room) {
            passed += p.size();
            out.add(p);
            return;
        }
        limitReached = true;
        passed = limit;
        if (room > 0) {
            out.add(Piece.data(p.data().retainedSlice(p.data().readerIndex(), (int) room), p.due()));
        }
        p.release();
        out.add(Piece.marker(Piece.Marker.CLOSE, p.due()));
    }

    /** Cuts {@code buf} into slices of the sizes {@code size} gives (at least 1 byte); releases {@code buf}. */
    private static List<ByteBuf> cut(ByteBuf buf, java.util.function.IntSupplier size) {
        List<ByteBuf> slices = new ArrayList<>();
        while (buf.isReadable()) {
            int n = Math.min(buf.readableBytes(), Math.max(1, size.getAsInt()));
            slices.add(buf.readRetainedSlice(n));
        }
        buf.release();
        return slices;
    }
}
