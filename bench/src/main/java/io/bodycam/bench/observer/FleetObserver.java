package io.bodycam.bench.observer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bodycam.bench.observer.internal.CommandBook;
import io.bodycam.bench.observer.internal.FleetModel;
import io.bodycam.bench.observer.internal.MessageHandler;
import io.bodycam.bench.observer.internal.NettyObserverLink;
import io.bodycam.bench.observer.internal.ObserverConnection;
import io.bodycam.bench.observer.internal.ObserverLink;
import io.bodycam.bench.observer.internal.SimObserverLink;
import io.bodycam.bench.observer.internal.Subscriptions;
import io.bodycam.sim.link.PayloadMapping;
import io.bodycam.sim.link.TopicScheme;
import io.bodycam.sim.simnet.SimBroker;
import io.bodycam.sim.time.ManualClock;
import io.bodycam.sim.time.SimClock;
import javax.net.ssl.SSLSocketFactory;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.HdrHistogram.Histogram;

/**
 * The reference backend's independent view of the fleet: an MQTT 3.1.1 client of its own (not the cameras'
 * client) that subscribes to every camera topic of one agency (or {@code +} for all), tracks each camera
 * ({@link DeviceView}), counts the fleet ({@link FleetStats}), measures latency per topic, and sends
 * commands and waits for their acks. It speaks MQTT through Netty's codec to a {@code tcp://} broker, and
 * through Eclipse Paho to an {@code mqtts://} one (its TLS comes as a socket factory, which Netty cannot use).
 *
 * <p>It uses a clean session and reconnects on its own after losing the broker (a broker restart, say),
 * subscribing again; messages published meanwhile are not seen, and the seq numbers they skipped count
 * as {@link SeqCounts#unobserved()}, not missing. What it knows of presence goes stale the moment it
 * loses the broker (a Will published meanwhile is gone, and a broker that restarts without persistence
 * forgets the Wills of the cameras it dropped), so every camera it saw online is then offline
 * ({@link #PRESENCE_UNKNOWN}) until its retained or a new {@code status}, or any live message of its
 * own, says it is there. Start it
 * before the fleet: a camera's first non-retained message is expected to carry seq 0.
 *
 * <pre>{@code
 * FleetObserver observer = new FleetObserver(broker.url(), "+", clock);
 * observer.start();
 * CommandAck ack = observer.sendCommand("kcpd", "IPD-0001", "startRecording", Map.of(), Duration.ofSeconds(10)).join();
 * }</pre>
 */
public final class FleetObserver implements AutoCloseable {

    /** The offline reason of a camera whose presence the observer lost track of when it lost the broker. */
    public static final String PRESENCE_UNKNOWN = "presence unknown after the observer reconnected";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final FleetModel fleet;
    private final ScheduledThreadPoolExecutor timer;
    private final CommandBook commands;
    private final ObserverLink connection;
    private final MessageHandler handler;
    /** How the profile's commands differ from the reference contract's (the observer sends them in the profile's shape). */
    private final PayloadMapping payloads;
    private boolean started;
    private volatile boolean stopped;

    /**
     * @param brokerUrl e.g. {@code tcp://127.0.0.1:1883}
     * @param agency the agency level to watch, or {@code +} for every agency
     * @param clock virtual time, to measure latency against the cameras' {@code ts}
     */
    public FleetObserver(String brokerUrl, String agency, SimClock clock) {
        this(brokerUrl, agency, clock, TopicScheme.REFERENCE);
    }

    /** As above, for cameras whose device profile puts their messages on {@code topics} (docs/backends.md). */
    public FleetObserver(String brokerUrl, String agency, SimClock clock, TopicScheme topics) {
        this(clock, null, topics, CommandBook::new, broker(checkedUrl(brokerUrl, agency), agency));
    }

    /**
     * An observer of the cameras {@code deviceIds} only, for a shard ({@code bodycam run --shard i/N}) on a
     * broker that every shard shares: it subscribes to each of its cameras' topics (one filter per topic and
     * camera, instead of one per topic for the whole fleet), so the broker sends it its own cameras' messages
     * and no other shard's, and the shards' records add up. A message of another camera that reaches it
     * anyway is ignored.
     */
    public static FleetObserver ofCameras(String brokerUrl, String agency, SimClock clock, Set<String> deviceIds,
                                          TopicScheme topics) {
        Set<String> own = Set.copyOf(deviceIds);
        return new FleetObserver(clock, own, topics, CommandBook::new, broker(checkedUrl(brokerUrl, agency), agency));
    }

    /** What a link to the broker is built from. */
    private record Parts(ScheduledThreadPoolExecutor timer, MessageHandler handler, FleetModel fleet,
                         Set<String> cameras) {
    }

    /**
     * @param cameras the device ids it watches and subscribes to, or null for every camera of the agency
     * @param book the command book on the observer's timer: ids with a random prefix and wall-clock round trips and
     *             timeouts, or, in simulated mode, counted ids and virtual time
     */
    private FleetObserver(SimClock clock, Set<String> cameras, TopicScheme topics,
                          Function<ScheduledThreadPoolExecutor, CommandBook> book, Function<Parts, ObserverLink> link) {
        this.fleet = new FleetModel(clock);
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "bodycam-observer-timer");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        this.commands = book.apply(timer);
        this.handler = new MessageHandler(fleet, commands, cameras == null ? deviceId -> true : cameras::contains, topics);
        this.payloads = topics.payloads();
        this.connection = link.apply(new Parts(timer, handler, fleet, cameras));
    }

    /**
     * The observer of a simulated run (docs/reproduce.md): subscribed to the in-memory {@code broker} for every
     * camera on the reference contract's topics, handling each message on the simulation's thread at the
     * virtual time it was delivered; command ids are {@code sim-0}, {@code sim-1}, ... in the order sent, and
     * their round trips and timeouts are virtual time on {@code clock}.
     */
    public static FleetObserver simulated(SimBroker broker, ManualClock clock) {
        return new FleetObserver(clock, null, TopicScheme.REFERENCE,
                timer -> new CommandBook((timeout, onTimeout) -> clock.schedule(timeout.toMillis(), onTimeout)::cancel, "sim-",
                        () -> clock.now() * 1_000_000),
                parts -> new SimObserverLink(broker, parts.handler()));
    }

    /** Netty for {@code tcp://}; Paho for {@code mqtts://} (see {@link NettyObserverLink}). */
    private static Function<Parts, ObserverLink> broker(String brokerUrl, String agency) {
        if (brokerUrl.startsWith("mqtts://")) {
            return parts -> new ObserverConnection(brokerUrl, Subscriptions.of(parts.handler(), agency, parts.cameras()),
                    parts.timer(), parts.handler(), parts.fleet());
        }
        return parts -> new NettyObserverLink(brokerUrl, Subscriptions.of(parts.handler(), agency, parts.cameras()),
                parts.timer(), parts.handler(), parts.fleet());
    }

    private static String checkedUrl(String brokerUrl, String agency) {
        if (brokerUrl == null || !(brokerUrl.startsWith("tcp://") || brokerUrl.startsWith("mqtts://"))) {
            throw new IllegalArgumentException("broker url must look like tcp://HOST:PORT or mqtts://HOST:PORT, was " + brokerUrl);
        }
        if (!"+".equals(agency)) {
            requireTopicLevel("agency (or + for every agency)", agency);
        }
        return brokerUrl;
    }

    /**
     * Gives the observer its own credentials before {@link #start()}: user name and password (either may be
     * null), and for {@code mqtts://} a TLS socket factory (trust, and its client certificate if any).
     */
    public synchronized FleetObserver access(String username, String password, SSLSocketFactory tls, boolean verifyHostname) {
        if (started) {
            throw new IllegalStateException("give the observer its credentials before start()");
        }
        if (connection instanceof ObserverConnection paho) {
            paho.access(username, password, tls, verifyHostname);
        } else if (connection instanceof NettyObserverLink netty) {
            if (tls != null) {
                throw new IllegalArgumentException("TLS needs an mqtts:// broker url; this observer connects over plain tcp://");
            }
            netty.access(username, password);
        } else {
            throw new IllegalStateException("the observer of a simulated run talks to no broker that needs credentials");
        }
        return this;
    }

    /**
     * Which messages to validate against their schema in {@code docs/contract/asyncapi.yaml}, before
     * {@link #start()}: {@link SchemaCheck#ALL} (what an observer does unless told) or a {@link SchemaCheck#SAMPLE}
     * of them, for fleets too large to check every message. The basic contract checks apply to every message.
     */
    public synchronized FleetObserver schemaCheck(SchemaCheck check) {
        if (started) {
            throw new IllegalStateException("choose the schema check before start()");
        }
        handler.schemaCheck(check);
        return this;
    }

    /**
     * Connects and subscribes; returns once the broker has granted every subscription.
     *
     * @throws IOException if the broker cannot be reached or refuses a subscription
     */
    public synchronized void start() throws IOException {
        if (stopped || started) {
            throw new IllegalStateException(stopped ? "the observer was stopped" : "the observer is already started");
        }
        connection.open();
        started = true;
    }

    /** Disconnects; commands still waiting fail with a {@link CommandException}. Idempotent. */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        connection.close();
        commands.failAll("the observer stopped before the ack arrived");
        timer.shutdownNow();
    }

    @Override
    public void close() {
        stop();
    }

    public boolean isConnected() {
        return connection.isConnected();
    }

    /** Times the observer reconnected after losing the broker. */
    public long reconnects() {
        return connection.reconnects();
    }

    public int onlineCount() {
        return fleet.onlineCount();
    }

    public int connectedPeak() {
        return fleet.connectedPeak();
    }

    /** Snapshots of every camera that published, ordered by device id. */
    public List<DeviceView> devices() {
        return fleet.devices();
    }

    /**
     * Gives {@code action} each camera's latest GPS report (cameras without one are left out), in no particular
     * order, without a snapshot of every camera: for a look at a large fleet once a second.
     */
    public void forEachGps(BiConsumer<String, GpsReport> action) {
        fleet.forEachGps(action);
    }

    public Optional<DeviceView> device(String deviceId) {
        return fleet.device(deviceId);
    }

    /** {@code listener} hears of every camera presence change from now on (see {@link PresenceListener}). */
    public void onPresence(PresenceListener listener) {
        fleet.addPresenceListener(listener);
    }

    /** Wall nanoseconds the observer has spent handling messages (one thread): its own load, apart from the broker's. */
    public long busyNanos() {
        return connection.busyNanos();
    }

    /**
     * Waits, for at most {@code timeout}, until every message that had arrived is handled: call before
     * reading a run's final figures. Returns whether it caught up.
     */
    public boolean settle(Duration timeout) {
        return connection.settle(timeout);
    }

    public FleetStats stats() {
        return fleet.stats(commands.unmatched(), connection.reconnects());
    }

    /** A copy of the latency histogram of one topic kind, in wall microseconds. */
    public Histogram latency(TopicKind kind) {
        return fleet.latency(kind);
    }

    public LatencySummary latencySummary(TopicKind kind) {
        return LatencySummary.of(fleet.latency(kind));
    }

    /** A copy of the command round-trip histogram (publish to ack), in wall microseconds. */
    public Histogram commandRoundTrip() {
        return commands.roundTrip();
    }

    public LatencySummary commandRoundTripSummary() {
        return LatencySummary.of(commands.roundTrip());
    }

    /**
     * Publishes {@code {id, type, params}} at QoS 1 to {@code bwc/v1/{agency}/{deviceId}/cmd}. The future
     * completes with the camera's ack (ok or not), or fails with {@link CommandTimeoutException} after
     * {@code timeout} (wall time), or with {@link CommandException} if it cannot be published.
     */
    public CompletableFuture<CommandAck> sendCommand(String agency, String deviceId, String type,
            Map<String, Object> params, Duration timeout) {
        requireTopicLevel("agency", agency);
        requireTopicLevel("device id", deviceId);
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("command type must not be blank, was '" + type + "'");
        }
        requireTimeout(timeout);
        String id = commands.nextId();
        Map<String, Object> command = new LinkedHashMap<>();
        command.put("id", id);
        command.put("type", type);
        command.put("params", params == null ? Map.of() : params);
        byte[] payload;
        try {
            payload = payloads.encode(PayloadMapping.Kind.CMD, JSON.writeValueAsBytes(command));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("command params cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
        if (stopped) {
            return CompletableFuture.failedFuture(new CommandException(deviceId, id, "the observer is stopped", null));
        }
        CompletableFuture<CommandAck> ack = commands.expect(id, deviceId, timeout);
        connection.publish(cmdTopic(agency, deviceId), payload, failure -> commands.publishFailed(ack, deviceId, id, failure));
        return ack;
    }

    /**
     * Publishes {@code payload} as is to the camera's {@code cmd} topic (a malformed command, say). The
     * future completes with the next ack from that camera that answers no command sent with
     * {@link #sendCommand}, or fails after {@code timeout}.
     */
    public CompletableFuture<CommandAck> sendRaw(String agency, String deviceId, byte[] payload, Duration timeout) {
        requireTopicLevel("agency", agency);
        requireTopicLevel("device id", deviceId);
        requireTimeout(timeout);
        if (stopped) {
            return CompletableFuture.failedFuture(new CommandException(deviceId, null, "the observer is stopped", null));
        }
        CompletableFuture<CommandAck> ack = commands.expectRaw(deviceId, timeout);
        connection.publish(cmdTopic(agency, deviceId), payload.clone(),
                failure -> commands.publishFailed(ack, deviceId, null, failure));
        return ack;
    }

    private String cmdTopic(String agency, String deviceId) {
        return handler.commandTopic(agency, deviceId);
    }

    private static void requireTopicLevel(String field, String value) {
        if (value == null || value.isEmpty() || value.chars().anyMatch(ch -> ch == '/' || ch == '+' || ch == '#' || ch == 0)) {
            throw new IllegalArgumentException(field + " must be one non-empty topic level without '/', '+' or '#', was '"
                    + value + "'");
        }
    }

    private static void requireTimeout(Duration timeout) {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("command timeout must be > 0, was " + timeout);
        }
    }
}
