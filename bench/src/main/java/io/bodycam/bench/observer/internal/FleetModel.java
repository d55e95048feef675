package io.bodycam.bench.observer.internal;

import io.bodycam.bench.observer.DeviceView;
import io.bodycam.bench.observer.FleetObserver;
import io.bodycam.bench.observer.FleetStats;
import io.bodycam.bench.observer.GpsReport;
import io.bodycam.bench.observer.MalformedPayload;
import io.bodycam.bench.observer.PresenceListener;
import io.bodycam.bench.observer.SeqCounts;
import io.bodycam.bench.observer.TopicKind;
import io.bodycam.sim.time.SimClock;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SynchronizedHistogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The observer's aggregate view of the fleet: one {@link DeviceRecord} per camera plus fleet-wide
 * counters and per-topic latency histograms. Written by Paho's single callback thread, read from any.
 *
 * <p>Latency is the observer's virtual time at arrival minus the message's {@code ts}, turned into
 * wall time by dividing by the clock's speed, recorded in microseconds up to one hour.
 */
public final class FleetModel {

    private static final Logger LOG = LoggerFactory.getLogger(FleetModel.class);

    static final long MAX_LATENCY_MICROS = TimeUnit.HOURS.toMicros(1);
    static final int MAX_EVENT_TYPES = 256;
    static final String OTHER_EVENT_TYPES = "(other)";
    private static final int EXCERPT_CHARS = 200;
    private static final TopicKind[] KINDS = TopicKind.values();

    private final SimClock clock;
    private final ConcurrentHashMap<String, DeviceRecord> devices = new ConcurrentHashMap<>();
    private final AtomicInteger online = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();
    private final Map<TopicKind, LongAdder> received = new EnumMap<>(TopicKind.class);
    private final Map<TopicKind, Histogram> latency = new EnumMap<>(TopicKind.class);
    private final LongAdder malformed = new LongAdder();
    private final LongAdder schemaChecked = new LongAdder();
    private final AtomicReference<MalformedPayload> firstMalformed = new AtomicReference<>();
    private final ConcurrentHashMap<String, LongAdder> events = new ConcurrentHashMap<>();
    private final LongAdder latencyOutOfRange = new LongAdder();
    private final AtomicInteger epoch = new AtomicInteger();
    private final List<PresenceListener> presenceListeners = new CopyOnWriteArrayList<>();

    public FleetModel(SimClock clock) {
        this.clock = clock;
        for (TopicKind kind : TopicKind.values()) {
            received.put(kind, new LongAdder());
            latency.put(kind, newHistogram());
        }
    }

    /** A histogram of wall microseconds from 1 µs to one hour, 3 significant digits. */
    public static Histogram newHistogram() {
        return new SynchronizedHistogram(1, MAX_LATENCY_MICROS, 3);
    }

    public long now() {
        return clock.now();
    }

    /**
     * The observer lost the broker: what it knows of presence goes stale at once (the Will of a camera
     * that dies meanwhile never reaches it, and a broker that restarts without persistence forgets the
     * Wills of the cameras it dropped), so every camera it saw online is offline until a retained or new
     * {@code status} says otherwise after the observer is back.
     */
    public void observerDisconnected() {
        for (DeviceRecord d : devices.values()) {
            if (d.presenceNow() == DeviceView.Presence.ONLINE) {
                presence(d, false, FleetObserver.PRESENCE_UNKNOWN, null);
            }
        }
    }

    /**
     * A live (not retained) message came from {@code device}: a camera whose presence the observer lost
     * track of is there after all. Its retained {@code status} cannot always tell: RabbitMQ sends no
     * retained messages to a subscription with wildcards (rabbitmq-server issue 8824), so a camera that
     * reconnected before the observer did is known by its next state, GPS or event.
     */
    void heardFrom(DeviceRecord device) {
        if (device.presenceUnknown()) {
            presence(device, true, null, null);
        }
    }

    /**
     * The observer connected again after losing the broker: gaps that span the reconnection count as
     * unobserved, not missing (see {@link SeqTracker}).
     */
    public void observerReconnected() {
        epoch.incrementAndGet();
    }

    int epoch() {
        return epoch.get();
    }

    public int onlineCount() {
        return online.get();
    }

    public int connectedPeak() {
        return peak.get();
    }

    /** Snapshots of every camera seen, by device id. */
    public List<DeviceView> devices() {
        return devices.values().stream().map(DeviceRecord::view)
                .sorted(Comparator.comparing(DeviceView::deviceId)).toList();
    }

    /** See {@link FleetObserver#forEachGps}. */
    public void forEachGps(BiConsumer<String, GpsReport> action) {
        devices.forEach((deviceId, device) -> {
            GpsReport gps = device.gps();
            if (gps != null) {
                action.accept(deviceId, gps);
            }
        });
    }

    public Optional<DeviceView> device(String deviceId) {
        return Optional.ofNullable(devices.get(deviceId)).map(DeviceRecord::view);
    }

    /** A copy of the latency histogram of one topic kind (wall microseconds). */
    public Histogram latency(TopicKind kind) {
        return latency.get(kind).copy();
    }

    public FleetStats stats(long unmatchedAcks, long reconnects) {
        Map<TopicKind, Long> receivedNow = new EnumMap<>(TopicKind.class);
        SeqSum[] sums = new SeqSum[KINDS.length];
        for (TopicKind kind : KINDS) {
            receivedNow.put(kind, received.get(kind).sum());
            sums[kind.ordinal()] = new SeqSum();
        }
        // called once a wall second over the whole fleet: sums in place, no snapshot per camera and topic
        for (DeviceRecord device : devices.values()) {
            device.addSeq(sums);
        }
        Map<TopicKind, SeqCounts> seq = new EnumMap<>(TopicKind.class);
        for (TopicKind kind : KINDS) {
            seq.put(kind, sums[kind.ordinal()].counts());
        }
        Map<String, Long> eventsNow = new TreeMap<>();
        events.forEach((type, count) -> eventsNow.put(type, count.sum()));
        return new FleetStats(devices.size(), online.get(), peak.get(), receivedNow, seq, malformed.sum(),
                schemaChecked.sum(), Optional.ofNullable(firstMalformed.get()), eventsNow, unmatchedAcks, latencyOutOfRange.sum(), reconnects);
    }

    DeviceRecord device(String deviceId, String agency) {
        return devices.computeIfAbsent(deviceId, id -> new DeviceRecord(id, agency));
    }

    void arrived(TopicKind kind) {
        received.get(kind).increment();
    }

    void malformed(String topic, String reason, byte[] payload) {
        malformed.increment();
        if (firstMalformed.get() == null
                && firstMalformed.compareAndSet(null, new MalformedPayload(topic, reason, excerpt(payload), clock.now()))) {
            LOG.warn("observer: a message breaks the contract (counted in mqtt.malformed; further ones are counted only): {}: {}: {}",
                    topic, reason, excerpt(payload));
        }
    }

    /** A message was validated against its schema in docs/contract/asyncapi.yaml. */
    void schemaChecked() {
        schemaChecked.increment();
    }

    /** {@code listener} hears of every presence change from now on. */
    public void addPresenceListener(PresenceListener listener) {
        presenceListeners.add(listener);
    }

    void presence(DeviceRecord device, boolean isOnline, String reason, String firmware) {
        DeviceView.Presence before = device.presenceNow();
        long at = clock.now();
        int delta = device.presence(isOnline, reason, firmware, at);
        if (delta != 0) {
            int now = online.addAndGet(delta);
            peak.accumulateAndGet(now, Math::max);
        }
        if (before != (isOnline ? DeviceView.Presence.ONLINE : DeviceView.Presence.OFFLINE)) {
            for (PresenceListener l : presenceListeners) {
                l.presenceChanged(device.deviceId(), isOnline, isOnline ? null : reason, at);
            }
        }
    }

    void event(String type) {
        String key = events.size() < MAX_EVENT_TYPES || events.containsKey(type) ? type : OTHER_EVENT_TYPES;
        events.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    void latency(TopicKind kind, long sentAtVirtualMillis, long arrivedAtVirtualMillis) {
        long micros = Math.round((arrivedAtVirtualMillis - sentAtVirtualMillis) * 1000.0 / clock.speed());
        if (micros < 0 || micros > MAX_LATENCY_MICROS) {
            latencyOutOfRange.increment();
            return;
        }
        latency.get(kind).recordValue(micros);
    }

    private static String excerpt(byte[] payload) {
        String text = new String(payload, 0, Math.min(payload.length, EXCERPT_CHARS * 4), StandardCharsets.UTF_8);
        if (text.length() > EXCERPT_CHARS) {
            text = text.substring(0, EXCERPT_CHARS);
        }
        StringBuilder sb = new StringBuilder(text.length());
        text.codePoints().forEach(c -> sb.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return sb.toString();
    }
}
