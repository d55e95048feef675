package io.bodycam.bench.observer.internal;

import io.bodycam.sim.net.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.resolver.NoopAddressResolverGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The observer's MQTT 3.1.1 connection to a {@code tcp://} broker on Netty's MQTT codec: clean session, one
 * set of {@link Subscriptions}, on one event loop thread of its own (epoll where it
 * loads, {@link Transport#best()}). Its {@link ObserverSession} stamps each message's arrival and sends the
 * QoS 1 PUBACK on that event loop as the message is read, then queues the message for the observer's
 * {@link HandlingThread}: a broker sends a subscriber only so many unacknowledged messages (Mosquitto: 20),
 * and Paho's path to the acknowledgement (a receive thread reading a message a byte at a time through a
 * synchronized stream, then two hand-overs between threads) made Mosquitto queue and drop the fleet's
 * messages in the dock wave of 2,000 cameras (docs/benchmarks.md#fleet-scale-the-whole-behaviour-mix).
 *
 * <p>It reconnects on the observer's timer, 100 ms after losing the broker and then at doubling intervals
 * up to 1 s, resolving the broker's name there rather than on the event loop; each reconnection starts a
 * new {@link FleetModel#observerReconnected() epoch} and subscribes again. The change of epoch, and the
 * stale presence when the broker is lost, go through the handling thread behind the messages that had
 * arrived before them.
 *
 * <p>Plain TCP only: the observer's TLS comes as an {@link javax.net.ssl.SSLSocketFactory}, which makes
 * sockets, not the {@link javax.net.ssl.SSLEngine} a Netty pipeline needs, so an {@code mqtts://} observer
 * stays on Paho ({@link ObserverConnection}).
 */
public final class NettyObserverLink implements ObserverLink {

    private static final Logger log = LoggerFactory.getLogger(NettyObserverLink.class);
    /**
     * The largest packet accepted from the broker. The fleet's messages are a few hundred bytes to a few
     * KB; Netty's default (8,092 bytes) is too close for comfort, and a larger packet closes the connection.
     */
    static final int MAX_PACKET_BYTES = 1 << 20;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final long RECONNECT_FIRST_DELAY_MILLIS = 100;
    private static final long RECONNECT_MAX_DELAY_MILLIS = 1_000;
    private static final int KEEP_ALIVE_SECONDS = 30;

    private final String brokerUrl;
    private final String host;
    private final int port;
    private final ScheduledExecutorService timer;
    private final FleetModel fleet;
    private final HandlingThread handling;
    private final Transport transport = Transport.best();
    private final EventLoopGroup group;
    private final Bootstrap bootstrap;
    private final String clientId = "bodycam-observer-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
    private final Subscriptions subscriptions;
    private final LongAdder reconnects = new LongAdder();
    private String username;
    private byte[] password;
    /** The connection the broker accepted, until it ends. */
    private volatile ObserverSession current;
    private volatile boolean closed;

    /**
     * @param brokerUrl {@code tcp://HOST:PORT}
     * @param timer where it reconnects and tells of commands it could not publish
     */
    public NettyObserverLink(String brokerUrl, Subscriptions subscriptions, ScheduledExecutorService timer,
            MessageHandler handler, FleetModel fleet) {
        URI uri = URI.create(brokerUrl);
        if (!"tcp".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("the Netty observer needs a tcp://HOST:PORT broker url, was " + brokerUrl);
        }
        this.brokerUrl = brokerUrl;
        this.host = uri.getHost();
        this.port = uri.getPort() == -1 ? 1883 : uri.getPort();
        this.subscriptions = subscriptions;
        this.timer = timer;
        this.fleet = fleet;
        this.handling = new HandlingThread(handler);
        this.group = transport.newGroup(1, new DefaultThreadFactory("bodycam-observer-io", true));
        this.bootstrap = new Bootstrap().group(group).channel(transport.socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) CONNECT_TIMEOUT.toMillis())
                .resolver(NoopAddressResolverGroup.INSTANCE);
    }

    /** The observer's own user name and password (either may be null). Call before {@link #open()}. */
    public void access(String username, String password) {
        this.username = username;
        this.password = password == null ? null : password.getBytes(StandardCharsets.UTF_8);
    }

    /** Connects and subscribes; returns once the broker has granted every subscription. */
    @Override
    public void open() throws IOException {
        CompletableFuture<Void> opened = new CompletableFuture<>();
        Channel channel = connect(new Attempt(opened, 0));
        try {
            // the session gives up after CONNECT_TIMEOUT from the TCP connection, itself bounded by CONNECT_TIMEOUT
            opened.get(CONNECT_TIMEOUT.toMillis() * 2 + 1_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            channel.close();
            throw new IOException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            opened.completeExceptionally(e);
            channel.close();
            throw new IOException("observer cannot connect to " + brokerUrl + ": no answer within " + CONNECT_TIMEOUT, e);
        } catch (InterruptedException e) {
            opened.completeExceptionally(e);
            channel.close();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the observer connected to " + brokerUrl);
        }
        log.info("observer {} watches {} on {} (Netty, {})", clientId, subscriptions,
                brokerUrl, transport);
    }

    /** Disconnects, stops reconnecting, and handles what had arrived (see {@link HandlingThread#close()}). */
    @Override
    public void close() {
        closed = true;
        ObserverSession s = current;
        if (s != null) {
            s.disconnect().awaitUninterruptibly(CONNECT_TIMEOUT.toMillis());
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(CONNECT_TIMEOUT.toMillis());
        handling.close();
    }

    @Override
    public boolean isConnected() {
        return current != null;
    }

    @Override
    public long reconnects() {
        return reconnects.sum();
    }

    /**
     * Publishes at QoS 1, not retained; {@code onFailure} hears, on the observer's timer, of any failure to
     * hand it to the broker (including losing the broker before its PUBACK).
     */
    @Override
    public void publish(String topic, byte[] payload, Consumer<Throwable> onFailure) {
        ObserverSession s = current;
        if (s == null || closed) {
            onFailure.accept(new IllegalStateException("the observer is not connected"));
            return;
        }
        s.publish(topic, payload, cause -> {
            try {
                timer.execute(() -> onFailure.accept(cause));
            } catch (RejectedExecutionException e) {
                onFailure.accept(cause);
            }
        });
    }

    /**
     * Waits until every message that arrived before this call has been handled, for at most
     * {@code timeout}; returns whether it was. The run's figures are read after this.
     */
    @Override
    public boolean settle(Duration timeout) {
        return handling.settle(timeout);
    }

    /** See {@link HandlingThread#busyNanos()}. */
    @Override
    public long busyNanos() {
        return handling.busyNanos();
    }

    /** Starts a connection attempt; the name is resolved here, on the caller's thread, never on the event loop. */
    private Channel connect(Attempt attempt) {
        ObserverSession.Settings settings = new ObserverSession.Settings(clientId, username, password, KEEP_ALIVE_SECONDS,
                CONNECT_TIMEOUT, subscriptions);
        ChannelFuture f = bootstrap.clone().handler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline()
                        .addLast("mqtt-decoder", new MqttDecoder(MAX_PACKET_BYTES))
                        .addLast("mqtt-encoder", MqttEncoder.INSTANCE)
                        .addLast(ObserverSession.NAME, new ObserverSession(settings, fleet::now, attempt));
            }
        }).connect(new InetSocketAddress(host, port));
        f.addListener(done -> {
            if (!done.isSuccess()) {
                attempt.ended(null, String.valueOf(done.cause()));
            }
        });
        return f.channel();
    }

    private void scheduleReconnect(long delayMillis) {
        if (closed) {
            return;
        }
        try {
            timer.schedule(() -> {
                if (!closed) {
                    connect(new Attempt(null, delayMillis));
                }
            }, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            log.debug("observer stopped: no reconnect to {}", brokerUrl);
        }
    }

    /** One connection attempt, from TCP connect to close; its events arrive on the event loop. */
    private final class Attempt implements ObserverSession.Events {

        /** Completed when the attempt of {@link #open()} is subscribed, null for a reconnection. */
        private final CompletableFuture<Void> opened;
        private final long delayMillis;
        private boolean accepted;

        Attempt(CompletableFuture<Void> opened, long delayMillis) {
            this.opened = opened;
            this.delayMillis = delayMillis;
        }

        @Override
        public void accepted(ObserverSession session) {
            accepted = true;
            current = session;
            if (opened == null) {
                handling.then(fleet::observerReconnected);
            }
        }

        @Override
        public void subscribed(ObserverSession session) {
            if (opened != null) {
                opened.complete(null);
            } else {
                reconnects.increment();
                log.info("observer reconnected to {} and subscribed again", brokerUrl);
            }
        }

        @Override
        public void refused(ObserverSession session, List<Integer> returnCodes) {
            String why = "the broker at " + brokerUrl + " refused the observer's subscriptions to "
                    + subscriptions + ": " + subscriptions.granted(returnCodes);
            if (opened != null) {
                opened.completeExceptionally(new IOException(why));
            } else {
                log.error("observer reconnected to {} but cannot subscribe again: {}", brokerUrl, why);
            }
        }

        @Override
        public void message(String topic, byte[] payload, boolean retained, long arrivedAt) {
            handling.message(topic, payload, retained, arrivedAt);
        }

        @Override
        public void ended(ObserverSession session, String reason) {
            if (session != null && current == session) {
                current = null;
            }
            if (opened != null && (opened.completeExceptionally(
                    new IOException("observer cannot connect to " + brokerUrl + ": " + reason))
                    || opened.isCompletedExceptionally())) {
                return;
            }
            if (closed) {
                return;
            }
            if (accepted) {
                log.warn("observer lost its connection to {} ({}); reconnecting", brokerUrl, reason);
                handling.then(fleet::observerDisconnected);
                scheduleReconnect(RECONNECT_FIRST_DELAY_MILLIS);
            } else {
                log.debug("observer reconnect to {} failed: {}", brokerUrl, reason);
                scheduleReconnect(Math.min(delayMillis * 2, RECONNECT_MAX_DELAY_MILLIS));
            }
        }
    }
}
