package io.bodycam.bench.faults.internal;

import io.bodycam.bench.faults.ProxyStats;
import io.bodycam.bench.faults.Toxic;
import io.bodycam.sim.net.Transport;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The working part of one fault proxy: accepts client connections, keeps the live ones, hands the
 * current toxics to each (on its own event loop) and counts what happened. The public
 * {@code FaultProxy} in front of it owns the listener and checks what callers ask.
 */
public final class ProxyCore {

    /** Longest wait for open connections to take a toxic change. */
    static final long CHANGE_WAIT_SECONDS = 5;
    private static final Logger LOG = LoggerFactory.getLogger(ProxyCore.class);

    private final InetSocketAddress upstream;
    private final Transport transport;
    private final SplittableRandom random;
    private final Set<ProxyConnection> connections = ConcurrentHashMap.newKeySet();
    private volatile List<Toxic> toxics = List.of();
    final LongAdder accepted = new LongAdder();
    final LongAdder refused = new LongAdder();
    final LongAdder upstreamFailed = new LongAdder();
    final LongAdder reset = new LongAdder();
    final LongAdder closedByToxic = new LongAdder();
    final LongAdder bytesUpstream = new LongAdder();
    final LongAdder bytesDownstream = new LongAdder();

    /** @param seed seeds the toxicity draws and the toxics' jitter */
    public ProxyCore(InetSocketAddress upstream, Transport transport, long seed) {
        this.upstream = upstream;
        this.transport = transport;
        this.random = new SplittableRandom(seed);
    }

    /** The child handler for the proxy's listener: each accepted channel becomes a proxied connection. */
    public ChannelInitializer<Channel> acceptor() {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.config().setAutoRead(false);
                ch.config().setOption(ChannelOption.TCP_NODELAY, true);
                accepted.increment();
                ProxyConnection c = new ProxyConnection(ProxyCore.this, ch);
                ch.pipeline().addLast(SideHandler.NAME, new SideHandler(c, c.up(), c.down(), true));
            }
        };
    }

    /**
     * Replaces the toxics; every open connection takes the change on its own loop, and this returns
     * once all have (or after {@link #CHANGE_WAIT_SECONDS}), so that bytes sent afterwards meet the new
     * toxics.
     */
    public void toxics(List<Toxic> next) {
        List<Toxic> snapshot = List.copyOf(next);
        toxics = snapshot;
        List<Future<?>> applied = new ArrayList<>();
        for (ProxyConnection c : connections) {
            if (c.loop().inEventLoop()) {
                c.toxicsChanged(snapshot);
            } else {
                applied.add(c.loop().submit(() -> c.toxicsChanged(snapshot)));
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CHANGE_WAIT_SECONDS);
        for (Future<?> f : applied) {
            try {
                f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException | TimeoutException e) {
                LOG.debug("a connection did not take the toxic change in time", e);
            }
        }
    }

    public List<Toxic> toxics() {
        return toxics;
    }

    /** Closes every open connection (a disabled proxy). */
    public void closeAll() {
        for (ProxyConnection c : connections) {
            c.loop().execute(c::close);
        }
    }

    public int open() {
        return connections.size();
    }

    public ProxyStats stats() {
        return new ProxyStats(accepted.sum(), refused.sum(), upstreamFailed.sum(), reset.sum(), closedByToxic.sum(),
                bytesUpstream.sum(), bytesDownstream.sum(), connections.size());
    }

    InetSocketAddress upstream() {
        return upstream;
    }

    Transport transport() {
        return transport;
    }

    /** A toxic meeting a connection: whether it applies is drawn once from its toxicity. */
    ToxicStage stage(Toxic t) {
        boolean applies;
        long seed;
        synchronized (random) {
            applies = t.toxicity() >= 1 || random.nextDouble() < t.toxicity();
            seed = random.nextLong();
        }
        return new ToxicStage(t, applies, seed);
    }

    void opened(ProxyConnection c) {
        connections.add(c);
    }

    void closed(ProxyConnection c) {
        connections.remove(c);
    }
}
