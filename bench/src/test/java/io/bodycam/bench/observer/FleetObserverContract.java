package io.bodycam.bench.observer;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bodycam.bench.testing.BrokerMatrix;
import io.bodycam.bench.testing.SharedBroker;
import io.bodycam.bench.observer.DeviceView.Presence;
import io.bodycam.sim.testing.TestBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the {@link FleetObserver} must do on any MQTT broker: a subclass per broker of the
 * {@link BrokerMatrix} names it ({@link #brokerKind()}), and every test here runs against it. Each
 * test watches its own agency, so
 * retained messages of other tests stay out of its view.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FleetObserverContract {

    private static final Logger log = LoggerFactory.getLogger(FleetObserverContract.class);
    static final long T0 = 1_767_225_600_000L;
    private static final AtomicInteger AGENCIES = new AtomicInteger();

    private TestBroker broker;
    private final List<FakeDevice> devices = new ArrayList<>();
    String agency;
    TestClock clock;
    FleetObserver observer;

    /** Started (or shared) before the class's tests; skips them, with the reason, if the broker cannot run here. */
    @RegisterExtension
    final SharedBroker shared = new SharedBroker(brokerKind());

    /** The broker for this class's tests; a constant, since the extension field above asks for it during construction. */
    abstract BrokerMatrix brokerKind();

    @BeforeAll
    void take_broker() {
        broker = shared.get();
    }

    @BeforeEach
    void start_observer() throws Exception {
        agency = "agency" + AGENCIES.incrementAndGet();
        clock = new TestClock(T0, 1.0);
        observer = new FleetObserver(broker.url(), agency, clock);
        observer.start();
    }

    @AfterEach
    void stop_everything() throws Exception {
        observer.stop();
        for (FakeDevice d : devices) {
            d.close();
        }
        devices.clear();
    }

    FakeDevice device(String id) throws Exception {
        FakeDevice d = new FakeDevice(broker.url(), agency, agency + "-" + id, clock);
        devices.add(d);
        return d;
    }

    DeviceView view(FakeDevice d) {
        return observer.device(d.id()).orElseThrow(() -> new AssertionError(d.id() + " unknown; known: "
                + observer.devices().stream().map(DeviceView::deviceId).toList()));
    }

    @Test
    void counts_cameras_online_and_keeps_the_peak() throws Exception {
        FakeDevice a = device("A");
        FakeDevice b = device("B");
        FakeDevice c = device("C");
        a.online();
        b.online();
        c.online();
        await().until(() -> observer.onlineCount() == 3);
        clock.set(T0 + 60_000);
        b.offline("power off");

        await().until(() -> observer.onlineCount() == 2);
        assertEquals(3, observer.connectedPeak(), "peak online");
        DeviceView off = view(b);
        assertEquals(Presence.OFFLINE, off.presence());
        assertEquals("power off", off.offlineReason().orElse(null));
        assertEquals(T0 + 60_000, off.presenceChangedAt(), "presence changed at");
        assertEquals("4.12.3", view(a).firmware().orElse(null));
        assertEquals(3, observer.stats().devicesKnown(), "devices known");
    }

    @Test
    void the_will_of_a_dropped_camera_marks_it_offline() throws Exception {
        FakeDevice a = device("A");
        a.online();
        await().until(() -> observer.onlineCount() == 1);

        a.dropConnection();

        await().until(() -> view(a).presence() == Presence.OFFLINE);
        DeviceView v = view(a);
        assertEquals("connection lost", v.offlineReason().orElse(null));
        assertEquals(0, observer.onlineCount(), "online now");
        assertEquals(new SeqCounts(1, 1, 0, 0, 0, 0, 0), v.seq(TopicKind.STATUS), "status seq (the Will stands outside it)");
    }

    @Test
    void keeps_the_latest_state_and_gps_fix() throws Exception {
        FakeDevice a = device("A");
        a.publish(TopicKind.STATE, Map.of("mode", "READY_BUFFERING", "flags", List.of()));
        a.publish(TopicKind.STATE, Map.of("mode", "RECORDING", "flags", List.of("LOW_BATTERY"),
                "battery", Map.of("pct", 9.5, "charging", false),
                "storage", Map.of("capacityBytes", 64_000_000_000L, "usedBytes", 1_800_000_000L, "freeBytes", 62_200_000_000L),
                "uploadQueue", Map.of("segments", 3, "bytes", 1_800_000_000L),
                "recording", Map.of("id", "IPD-0001-R00003", "since", T0), "firmware", "4.12.3"));
        a.publish(TopicKind.GPS, Map.of("fix", "3d", "lat", 39.09113, "lon", -94.41551, "hdop", 0.9, "satellites", 9));

        await().until(() -> view(a).gps().isPresent() && view(a).state().map(s -> s.seq() == 1).orElse(false));
        DeviceState s = view(a).state().orElseThrow();
        assertEquals("RECORDING", s.mode());
        assertEquals(List.of("LOW_BATTERY"), s.flags());
        assertEquals(9.5, s.batteryPct().orElseThrow());
        assertEquals(62_200_000_000L, s.storageFreeBytes());
        assertEquals(3, s.uploadQueueSegments());
        assertEquals("IPD-0001-R00003", s.recordingId().orElse(null));
        GpsReport g = view(a).gps().orElseThrow();
        assertEquals(39.09113, g.lat());
        assertEquals(9, g.satellites());
        assertTrue(g.hasFix(), "has fix");
    }

    @Test
    void counts_seq_gaps_and_repeats_per_topic() throws Exception {
        FakeDevice a = device("A");
        for (long seq : new long[] {0, 1, 1, 4}) {
            a.publish(TopicKind.EVENTS, seq, T0, Map.of("type", "docked"));
        }
        for (long seq : new long[] {0, 3}) {
            a.publish(TopicKind.GPS, seq, T0, Map.of("fix", "3d", "lat", 39.0, "lon", -94.0));
        }

        await().until(() -> view(a).received(TopicKind.EVENTS) == 4 && view(a).received(TopicKind.GPS) == 2);
        assertEquals(new SeqCounts(4, 5, 2, 1, 0, 0, 0), view(a).seq(TopicKind.EVENTS), "events seq");
        FleetStats stats = observer.stats();
        assertEquals(2, stats.qos1Missing(), "missing on QoS 1 topics");
        assertEquals(2, stats.gpsLost(), "gps lost (QoS 0)");
        assertEquals(1, stats.duplicates(), "duplicates");
        assertEquals(3, stats.events("docked"), "docked events (the repeat not counted)");
    }

    @Test
    void counts_malformed_payloads_keeps_the_first_and_goes_on() throws Exception {
        FakeDevice a = device("A");
        a.publishRaw(TopicKind.STATE, "this is not json");
        a.publishRaw(TopicKind.EVENTS, "{\"schema\":1,\"deviceId\":\"" + a.id() + "\",\"ts\":1,\"type\":\"docked\"}");
        a.publish(TopicKind.EVENTS, Map.of("type", "undocked"));

        await().until(() -> observer.stats().events("undocked") == 1);
        FleetStats stats = observer.stats();
        assertEquals(2, stats.malformed(), "malformed");
        MalformedPayload first = stats.firstMalformed().orElseThrow();
        assertTrue(first.reason().startsWith("not JSON"), "first malformed reason: " + first.reason());
        assertEquals("this is not json", first.excerpt());
        assertEquals(2, view(a).malformed(), "malformed from the camera");
        assertEquals(3, stats.receivedTotal(), "received");
    }

    @Test
    void records_latency_in_wall_time_per_topic() throws Exception {
        FakeDevice a = device("A");
        a.publish(TopicKind.STATE, 0, T0 - 250, Map.of("mode", "RECORDING"));
        a.publish(TopicKind.EVENTS, 0, T0 - 40, Map.of("type", "recording.started"));

        await().until(() -> observer.latency(TopicKind.EVENTS).getTotalCount() == 1);
        LatencySummary state = observer.latencySummary(TopicKind.STATE);
        assertEquals(1, state.count(), "state latencies");
        assertEquals(250.0, state.p50Millis(), 0.25, "state latency (ms)");
        assertEquals(40.0, observer.latencySummary(TopicKind.EVENTS).maxMillis(), 0.05, "events latency (ms)");
        assertEquals(0, observer.latency(TopicKind.GPS).getTotalCount(), "gps latencies");
    }

    @Test
    void a_command_completes_with_the_cameras_ack() throws Exception {
        FakeDevice a = device("A");
        a.answerCommands(cmd -> cmd.path("type").asText().equals("startRecording")
                ? Map.of("ok", true) : Map.of("ok", false, "error", "unknown command type"));

        CommandAck ok = observer.sendCommand(agency, a.id(), "startRecording", Map.of("trigger", "command"),
                Duration.ofSeconds(10)).join();
        CommandAck refused = observer.sendCommand(agency, a.id(), "selfDestruct", Map.of(), Duration.ofSeconds(10)).join();

        assertTrue(ok.ok(), "startRecording acknowledged: " + ok);
        assertTrue(ok.id().orElseThrow().startsWith("obs-"), "id " + ok.id());
        assertFalse(refused.ok(), "unknown command refused: " + refused);
        assertEquals("unknown command type", refused.error().orElse(null));
        assertEquals(2, observer.commandRoundTrip().getTotalCount(), "round trips recorded");
        assertTrue(ok.roundTrip().compareTo(Duration.ZERO) > 0, "round trip " + ok.roundTrip());
    }

    @Test
    void a_raw_payload_gets_the_ack_without_an_id() throws Exception {
        FakeDevice a = device("A");
        a.answerCommands(cmd -> Map.of("ok", true));

        CommandAck ack = observer.sendRaw(agency, a.id(), "{not json".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                Duration.ofSeconds(10)).join();

        assertFalse(ack.ok(), "ack " + ack);
        assertTrue(ack.id().isEmpty(), "id " + ack.id());
        assertEquals(0, observer.stats().unmatchedAcks(), "unmatched acks");
    }

    @Test
    void a_command_nobody_answers_times_out() throws Exception {
        FakeDevice silent = device("SILENT");
        silent.online();

        CompletionException e = assertThrows(CompletionException.class, () ->
                observer.sendCommand(agency, silent.id(), "locate", Map.of(), Duration.ofMillis(300)).join());

        CommandTimeoutException timeout = assertInstanceOf(CommandTimeoutException.class, e.getCause());
        assertEquals(silent.id(), timeout.deviceId());
        assertEquals(Duration.ofMillis(300), timeout.timeout());
    }

    @Test
    void keeps_up_with_a_burst_from_many_cameras() throws Exception {
        int cameras = 5;
        int each = 4_000;
        List<FakeDevice> fleet = new ArrayList<>();
        for (int i = 0; i < cameras; i++) {
            fleet.add(device("B" + i));
        }
        long t0 = System.nanoTime();
        for (int n = 0; n < each; n++) {
            for (FakeDevice d : fleet) {
                d.publishAsync(TopicKind.EVENTS, Map.of("type", "segment.closed", "bytes", 1024));
            }
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> observer.stats().received(TopicKind.EVENTS) == (long) cameras * each);
        double seconds = (System.nanoTime() - t0) / 1e9;
        log.info("{}: observer took {} QoS 1 messages from {} cameras in {} s ({} msg/s)", getClass().getSimpleName(),
                cameras * each, cameras, String.format("%.2f", seconds), Math.round(cameras * each / seconds));
        FleetStats stats = observer.stats();
        assertEquals(0, stats.qos1Missing(), "missing");
        assertEquals(0, stats.duplicates(), "duplicates");
        assertEquals((long) cameras * each, stats.events("segment.closed"), "events counted");
    }

    @Test
    void comes_back_after_a_broker_restart_and_counts_what_it_missed_as_unobserved() throws Exception {
        Assumptions.assumeTrue(broker.lacks(TestBroker.Limit.NO_RESTART).isEmpty(),
                () -> broker.name() + ": " + broker.lacks(TestBroker.Limit.NO_RESTART).orElseThrow());
        FakeDevice before = device("A");
        before.publish(TopicKind.EVENTS, 0, T0, Map.of("type", "boot", "firmware", "4.12.3", "recovered", 0));
        await().until(() -> observer.stats().events("boot") == 1);

        broker.kill();
        broker.startAgain();

        await().atMost(Duration.ofSeconds(20)).until(() -> observer.reconnects() == 1 && observer.isConnected());
        FakeDevice after = device("A");
        after.publish(TopicKind.EVENTS, 3, T0, Map.of("type", "docked"));
        await().until(() -> observer.stats().events("docked") == 1);
        assertEquals(new SeqCounts(2, 4, 0, 0, 0, 0, 2), view(after).seq(TopicKind.EVENTS),
                "events seq: 1 and 2 were sent, if at all, while the observer was away");
        assertEquals(1, observer.stats().reconnects(), "reconnects in stats");
    }
}
