package io.bodycam.bench.faults.internal;

import io.bodycam.bench.faults.Direction;
import io.bodycam.bench.faults.Toxic;
import io.bodycam.bench.faults.ToxicKind;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One client connection through a fault proxy: the accepted (front) channel, the channel to the
 * upstream (back) on the same event loop, a {@link Flow} each way, and the toxics as they act on this
 * connection. Everything here runs on that one loop.
 */
final class ProxyConnection {

    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;

    private final ProxyCore core;
    private final Channel front;
    private final Flow up;
    private final Flow down;
    private Map<String, ToxicStage> stages = new LinkedHashMap<>();
    private Channel back;
    private boolean finished;

    ProxyConnection(ProxyCore core, Channel front) {
        this.core = core;
        this.front = front;
        this.up = new Flow(this, Direction.UPSTREAM, core.bytesUpstream);
        this.down = new Flow(this, Direction.DOWNSTREAM, core.bytesDownstream);
    }

    EventLoop loop() {
        return front.eventLoop();
    }

    Flow up() {
        return up;
    }

    Flow down() {
        return down;
    }

    /** The client connected: a down toxic resets it at once, else the upstream is dialled. */
    void start() {
        core.opened(this);
        toxicsChanged(core.toxics());
        boolean down = stages.values().stream().anyMatch(s -> s.applies && s.toxic.kind() instanceof ToxicKind.Down);
        if (down) {
            core.refused.increment();
            reset(front);
            return;
        }
        new Bootstrap().group(front.eventLoop())
                .channel(core.transport().socketChannel())
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
                .handler(new SideHandler(this, this.down, up, false))
                .connect(core.upstream())
                .addListener((ChannelFuture f) -> connected(f));
    }

    private void connected(ChannelFuture f) {
        if (!f.isSuccess()) {
            core.upstreamFailed.increment();
            front.close();
            return;
        }
        back = f.channel();
        if (!front.isActive()) {
            back.close();
            return;
        }
        up.connect(front, back);
        down.connect(back, front);
        up.updateAutoRead();
        down.updateAutoRead();
    }

    /** The proxy's toxics changed: new ones start acting (if their draw says so), removed ones stop. */
    void toxicsChanged(List<Toxic> toxics) {
        if (finished) {
            return;
        }
        Map<String, ToxicStage> next = new LinkedHashMap<>();
        for (Toxic t : toxics) {
            ToxicStage kept = stages.remove(t.name());
            if (kept != null && kept.toxic.equals(t)) {
                next.put(t.name(), kept);
                continue;
            }
            if (kept != null) {
                kept.stop();
            }
            ToxicStage stage = core.stage(t);
            next.put(t.name(), stage);
            stage.start(this);
        }
        stages.values().forEach(ToxicStage::stop);
        stages = next;
    }

    /** The pieces after every toxic of {@code direction}, in the order the toxics were added. */
    List<Piece> applyToxics(Direction direction, List<Piece> pieces) {
        List<Piece> out = pieces;
        for (ToxicStage s : stages.values()) {
            if (s.toxic.stream() == direction) {
                out = s.apply(out);
            }
        }
        return out;
    }

    /** A flow's source ended: its target closes too (the proxy does not keep half-open connections). */
    void closeSide(Channel target) {
        target.close();
    }

    void resetByToxic() {
        core.reset.increment();
        reset(front);
        if (back != null) {
            reset(back);
        }
    }

    void closeByToxic() {
        if (!finished) {
            core.closedByToxic.increment();
        }
        close();
    }

    void close() {
        front.close();
        if (back != null) {
            back.close();
        }
    }

    /** Both channels are closed: the connection is forgotten and what it queued released. */
    void sideInactive() {
        if (finished || front.isActive() || back != null && back.isActive()) {
            return;
        }
        finished = true;
        stages.values().forEach(ToxicStage::stop);
        up.release();
        down.release();
        core.closed(this);
    }

    /** Closes with SO_LINGER 0, so the peer gets a TCP RST ("connection reset by peer"). */
    private static void reset(Channel ch) {
        if (ch.isOpen()) {
            ch.config().setOption(ChannelOption.SO_LINGER, 0);
            ch.close();
        }
    }
}
