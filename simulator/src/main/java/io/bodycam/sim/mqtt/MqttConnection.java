package io.bodycam.sim.mqtt;

import io.bodycam.sim.mqtt.internal.BootstrapConnector;
import io.bodycam.sim.mqtt.internal.ChannelConnector;
import io.bodycam.sim.mqtt.internal.ConnectionEvents;
import io.bodycam.sim.mqtt.internal.MqttPipeline;
import io.bodycam.sim.mqtt.internal.MqttSession;
import io.bodycam.sim.mqtt.internal.ReconnectBackoff;
import io.bodycam.sim.net.Transport;
import io.bodycam.sim.time.Scheduler;
import io.bodycam.sim.time.Timer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One camera's MQTT client: connects, stays connected, and stores and forwards its QoS 1 messages across
 * connection losses. Thousands share one Netty event loop group; each lives on its camera's own
 * {@link EventLoop}, where every method must be called and every {@link MqttListener} callback runs.
 *
 * <p>After any loss it reconnects with exponential backoff and full jitter: the n-th attempt in a row
 * waits a uniformly random time in [0, min(backoff max, backoff initial * 2^n)] (AWS "full jitter"
 * [S76], docs/domain.md#reconnect-backoff), so a fleet does not come back in waves after a broker
 * restart. A refused CONNACK or no CONNACK within the connect timeout counts as a failed attempt; an
 * accepted CONNACK resets n. Backoff and connect timeout run on the {@link Scheduler} (virtual time);
 * keep-alive runs on wall time.
 *
 * <pre>{@code
 * MqttConnection mqtt = new MqttConnection(config, loop, Transport.best(),
 *         WallClock.realTime().scheduler(loop), camera::will, camera, new SplittableRandom(seed));
 * loop.execute(mqtt::start);
 * }</pre>
 */
public final class MqttConnection {

    private static final Logger LOG = LoggerFactory.getLogger(MqttConnection.class);

    private final MqttClientConfig config;
    private final ChannelConnector connector;
    private final Scheduler scheduler;
    private final Supplier<MqttWill> will;
    private final MqttListener listener;
    private final ReconnectBackoff backoff;
    private final MqttSession session;

    private boolean running;
    private Attempt current;
    private Timer reconnectTimer = Timer.NONE;

    /**
     * @param will asked at every CONNECT for the Last Will to register (the camera puts a fresh seq and
     *             time in it); may return null for no Will
     * @param jitter the seeded source of the backoff delays (docs/design.md#determinism)
     */
    public MqttConnection(MqttClientConfig config, EventLoop loop, Transport transport, Scheduler scheduler,
            Supplier<MqttWill> will, MqttListener listener, RandomGenerator jitter) {
        this(config, new BootstrapConnector(loop, transport, config.host(), config.port()), scheduler, will,
                listener, jitter);
    }

    MqttConnection(MqttClientConfig config, ChannelConnector connector, Scheduler scheduler,
            Supplier<MqttWill> will, MqttListener listener, RandomGenerator jitter) {
        this.config = Objects.requireNonNull(config, "config");
        this.connector = Objects.requireNonNull(connector, "connector");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.will = Objects.requireNonNull(will, "will");
        this.listener = new GuardedListener(config.clientId(), Objects.requireNonNull(listener, "listener"));
        this.backoff = new ReconnectBackoff(config.backoffInitial(), config.backoffMax(),
                Objects.requireNonNull(jitter, "jitter"));
        this.session = new MqttSession(config.clientId(), config.maxInFlight(), config.maxQueued(), this.listener);
    }

    /** Connects now and keeps reconnecting after every loss until {@link #stop}. Does nothing if started. */
    public void start() {
        if (running) {
            return;
        }
        running = true;
        if (current == null) {
            connect();
        }
    }

    /**
     * Ends the connection and reconnects no more until {@link #start}. {@code graceful}: DISCONNECT first,
     * so the broker discards the Will (MQTT 3.1.1 section 3.14.4); otherwise the socket just closes, as at a
     * power loss, and the broker publishes the Will. Unacknowledged and queued messages are kept.
     */
    public void stop(boolean graceful) {
        running = false;
        reconnectTimer.cancel();
        reconnectTimer = Timer.NONE;
        Attempt a = current;
        current = null;
        if (a != null) {
            a.stop(graceful);
        }
    }

    /**
     * Publishes, or queues, or drops. QoS 0: sent when connected, else dropped and counted. QoS 1: sent
     * when connected and fewer than max in-flight messages wait for PUBACK, else queued in order (when
     * the queue is full the oldest queued message is dropped and counted); it stays owed until PUBACK.
     * The connection keeps {@code payload} without copying it: do not change it afterwards.
     *
     * @throws IllegalArgumentException for QoS 2 (cameras never publish it) or a topic with wildcards
     */
    public PublishResult publish(String topic, byte[] payload, MqttQoS qos, boolean retain) {
        Topics.requireTopicName(topic, "topic");
        Objects.requireNonNull(payload, "payload");
        if (qos != MqttQoS.AT_MOST_ONCE && qos != MqttQoS.AT_LEAST_ONCE) {
            throw new IllegalArgumentException("publish qos must be 0 or 1, was " + qos);
        }
        return session.publish(topic, payload, qos, retain);
    }

    /**
     * Subscribes to {@code filter} now if connected, and again after every CONNACK where the broker has no
     * session for us. A refusal in the SUBACK is logged and counted in {@link MqttStats#subscriptionsRejected()}.
     */
    public void subscribe(String filter, MqttQoS qos) {
        Topics.requireTopicFilter(filter);
        if (qos == null || qos == MqttQoS.FAILURE) {
            throw new IllegalArgumentException("subscription qos must be 0, 1 or 2, was " + qos);
        }
        session.subscribe(filter, qos);
    }

    /** True between an accepted CONNACK and the loss of that connection. */
    public boolean isConnected() {
        return session.isOnline();
    }

    public MqttStats stats() {
        return session.stats();
    }

    public MqttClientConfig config() {
        return config;
    }

    private void connect() {
        reconnectTimer = Timer.NONE;
        Attempt a = new Attempt();
        current = a;
        a.begin();
    }

    private void reconnectLater() {
        if (!running || current != null) {
            return;
        }
        reconnectTimer.cancel();
        reconnectTimer = scheduler.schedule(backoff.nextDelayMillis(), this::connect);
    }

    /** One network connection, from TCP connect to close; events from a stale attempt are ignored. */
    private final class Attempt implements ConnectionEvents {
        private Channel channel;
        private Timer timeout = Timer.NONE;
        private boolean connected;
        private String reason;

        void begin() {
            ChannelFuture f = connector.connect(new MqttPipeline(config, will, session, this));
            channel = f.channel();
            f.addListener(done -> {
                if (!done.isSuccess()) {
                    failing("connect failed: " + done.cause());
                }
            });
            timeout = scheduler.schedule(config.connectTimeout().toMillis(), () -> {
                if (!connected) {
                    failing("no CONNACK within " + config.connectTimeout().toMillis() + " ms");
                    channel.close();
                }
            });
            channel.closeFuture().addListener(closed -> ended());
        }

        @Override
        public void connected(boolean sessionPresent, int receiveMaximum) {
            if (this != current) {
                channel.close();
                return;
            }
            timeout.cancel();
            connected = true;
            backoff.reset();
            session.online(channel, sessionPresent, receiveMaximum);
            listener.onConnected(sessionPresent);
        }

        @Override
        public void failing(String why) {
            if (reason == null) {
                reason = why;
            }
        }

        void stop(boolean graceful) {
            timeout.cancel();
            session.offline(channel);
            if (graceful && connected) {
                channel.writeAndFlush(MqttMessage.DISCONNECT).addListener(ChannelFutureListener.CLOSE);
            } else {
                channel.close();
            }
            if (connected) {
                connected = false;
                listener.onDisconnected(graceful ? "stopped (DISCONNECT sent)" : "stopped (connection dropped)");
            }
        }

        private void ended() {
            session.offline(channel);
            if (this != current) {
                return;
            }
            current = null;
            timeout.cancel();
            String why = reason != null ? reason : "connection closed by the broker";
            if (connected) {
                listener.onDisconnected(why);
            } else {
                LOG.debug("{}: connect attempt {} failed: {}", config.clientId(), backoff.attempt() + 1, why);
            }
            reconnectLater();
        }
    }
}
