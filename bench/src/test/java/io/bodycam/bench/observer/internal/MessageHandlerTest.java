package io.bodycam.bench.observer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bodycam.bench.observer.DeviceView;
import io.bodycam.bench.observer.DeviceView.Presence;
import io.bodycam.bench.observer.FleetObserver;
import io.bodycam.bench.observer.FleetStats;
import io.bodycam.bench.observer.SeqCounts;
import io.bodycam.bench.observer.TopicKind;
import io.bodycam.sim.link.PayloadMapping;
import io.bodycam.sim.link.TopicScheme;
import io.bodycam.sim.time.ManualClock;
import io.bodycam.sim.time.Scheduler;
import io.bodycam.sim.time.SimClock;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MessageHandlerTest {

    private static final long T0 = 1_767_225_600_000L;
    private static final String STATE = "bwc/v1/kcpd/IPD-0001/state";
    private static final String STATUS = "bwc/v1/kcpd/IPD-0001/status";

    /** A state with every field the contract's schema requires. */
    private static final String FULL_STATE = "\"mode\":\"OFF\",\"dockPhase\":null,\"flags\":[],"
            + "\"battery\":{\"pct\":80.0,\"charging\":false},\"storage\":{\"capacityBytes\":64,\"usedBytes\":0,\"freeBytes\":64},"
            + "\"uploadQueue\":{\"segments\":0,\"bytes\":0},\"recording\":null,\"firmware\":\"4.12.3\",\"clockOffsetMs\":0,\"officer\":\"b-1\"";

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final ManualClock clock = new ManualClock(T0);
    private FleetModel fleet = new FleetModel(clock);
    private MessageHandler handler = new MessageHandler(fleet, new CommandBook(timer));

    @AfterEach
    void stop_timer() {
        timer.shutdownNow();
    }

    private void handle(String topic, String payload) {
        handle(topic, payload, false);
    }

    private void handle(String topic, String payload, boolean retained) {
        handler.handle(topic, payload.getBytes(StandardCharsets.UTF_8), retained);
    }

    private static String msg(long seq, long ts, String fields) {
        return "{\"schema\":1,\"deviceId\":\"IPD-0001\",\"seq\":" + seq + ",\"ts\":" + ts + (fields.isEmpty() ? "" : "," + fields) + "}";
    }

    private DeviceView device() {
        return fleet.device("IPD-0001").orElseThrow();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not JSON                  | hello                                                                     | not JSON: Unrecognized token 'hello'
            an array                  | [1,2]                                                                     | not a JSON object
            empty                     | ''                                                                        | not a JSON object
            trailing garbage          | {"schema":1} {}                                                           | not JSON: Trailing token (of type START_OBJECT)
            schema 2                  | {"schema":2,"deviceId":"IPD-0001","seq":0,"ts":1,"mode":"OFF"}            | unsupported schema 2 (expected 1)
            another device's id       | {"schema":1,"deviceId":"IPD-0002","seq":0,"ts":1,"mode":"OFF"}            | deviceId 'IPD-0002' differs from the topic's 'IPD-0001'
            seq missing               | {"schema":1,"deviceId":"IPD-0001","ts":1,"mode":"OFF"}                    | missing or non-integer field 'seq'
            seq as text               | {"schema":1,"deviceId":"IPD-0001","seq":"3","ts":1,"mode":"OFF"}          | missing or non-integer field 'seq'
            negative seq              | {"schema":1,"deviceId":"IPD-0001","seq":-1,"ts":1,"mode":"OFF"}           | negative seq -1
            ts fractional             | {"schema":1,"deviceId":"IPD-0001","seq":0,"ts":1.5,"mode":"OFF"}          | missing or non-integer field 'ts'
            mode missing              | {"schema":1,"deviceId":"IPD-0001","seq":0,"ts":1}                         | missing or non-string field 'mode'
            flags not an array        | {"schema":1,"deviceId":"IPD-0001","seq":0,"ts":1,"mode":"OFF","flags":"LOW_BATTERY"} | flags must be an array
            """)
    void a_state_that_breaks_the_contract_is_counted_with_its_reason(String what, String payload, String reasonStart) {
        handle(STATE, payload);

        FleetStats stats = fleet.stats(0, 0);
        assertEquals(1, stats.malformed(), "malformed");
        String reason = stats.firstMalformed().orElseThrow().reason();
        assertTrue(reason.startsWith(reasonStart), "reason: " + reason);
        assertEquals(1, stats.received(TopicKind.STATE), "received");
        assertEquals(SeqCounts.NONE, device().seq(TopicKind.STATE), "seq untouched");
        assertTrue(device().state().isEmpty(), "no state kept");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            status unknown  | bwc/v1/kcpd/IPD-0001/status  | "status":"maybe"          | status must be 'online' or 'offline', was 'maybe'
            gps without lat | bwc/v1/kcpd/IPD-0001/gps     | "fix":"3d","lon":1.0      | missing or non-numeric field 'lat'
            event untyped   | bwc/v1/kcpd/IPD-0001/events  | "recordingId":"R1"        | missing or non-string field 'type'
            ack without ok  | bwc/v1/kcpd/IPD-0001/cmd/ack | "id":"c-1"                | missing or non-boolean field 'ok'
            ack without id  | bwc/v1/kcpd/IPD-0001/cmd/ack | "ok":true                 | missing field 'id' (a string, or null when the command had none)
            """)
    void each_topic_requires_its_own_fields(String what, String topic, String fields, String reason) {
        handle(topic, msg(0, T0, fields));

        assertEquals(reason, fleet.stats(0, 0).firstMalformed().orElseThrow().reason());
    }

    @Test
    void a_profiles_mapped_state_is_read_in_the_contracts_shape_and_what_it_leaves_out_is_not_missed() {
        PayloadMapping mapping = new PayloadMapping(Map.of(PayloadMapping.Kind.STATE, new PayloadMapping.Rules(
                List.of(new PayloadMapping.Field("battery.pct", "batteryLevel", 1, null),
                        new PayloadMapping.Field("ts", "time", 1, PayloadMapping.TimeFormat.ISO_8601)),
                List.of("schema", "deviceId", "battery.charging", "officer"), Map.of())));
        TopicScheme r = TopicScheme.REFERENCE;
        handler = new MessageHandler(fleet, new CommandBook(timer), id -> true,
                new TopicScheme(r.rules(), r.command(), r.statusWill(), mapping));

        handle(STATE, "{\"seq\":0,\"time\":\"2026-01-01T00:00:00.250Z\",\"batteryLevel\":61.5,"
                + FULL_STATE.replace("\"battery\":{\"pct\":80.0,\"charging\":false},", "").replace(",\"officer\":\"b-1\"", "") + "}");

        FleetStats stats = fleet.stats(0, 0);
        assertEquals(0, stats.malformed(), () -> String.valueOf(stats.firstMalformed()));
        assertEquals(61.5, device().state().orElseThrow().batteryPct().getAsDouble());
        assertEquals(T0 + 250, device().state().orElseThrow().ts());
    }

    @Test
    void a_topic_outside_the_contract_is_malformed_and_names_no_device() {
        handle("bwc/v1/kcpd/IPD-0001/selfie", msg(0, T0, ""));

        FleetStats stats = fleet.stats(0, 0);
        assertEquals(1, stats.malformed());
        assertEquals("bwc/v1/kcpd/IPD-0001/selfie", stats.firstMalformed().orElseThrow().topic());
        assertEquals(0, stats.devicesKnown(), "devices known");
    }

    @Test
    void a_shard_observer_ignores_the_cameras_of_other_shards_on_a_shared_broker() {
        handler = new MessageHandler(fleet, new CommandBook(timer), "IPD-0001"::equals);
        handle(STATE, msg(0, T0, FULL_STATE));
        handle("bwc/v1/kcpd/IPD-0002/state", msg(0, T0, FULL_STATE).replace("IPD-0001", "IPD-0002"));
        handle("bwc/v1/kcpd/IPD-0002/state", "not even JSON");

        FleetStats stats = fleet.stats(0, 0);
        assertEquals(1, stats.receivedTotal(), "only its own camera's message counts");
        assertEquals(1, stats.devicesKnown());
        assertEquals(0, stats.malformed(), "another shard's camera is not judged here");
        assertTrue(fleet.device("IPD-0002").isEmpty());
    }

    @Test
    void the_excerpt_of_a_malformed_payload_is_short_and_printable() {
        handle(STATE, "\u0001" + "x".repeat(500));

        String excerpt = fleet.stats(0, 0).firstMalformed().orElseThrow().excerpt();
        assertEquals(200, excerpt.length());
        assertTrue(excerpt.startsWith("?xxx"), excerpt);
    }

    @Test
    void latency_is_turned_into_wall_time_at_the_clocks_speed() {
        SimClock fast = new SimClock() {
            @Override
            public long now() {
                return T0;
            }

            @Override
            public double speed() {
                return 10;
            }

            @Override
            public Scheduler scheduler(ScheduledExecutorService loop) {
                throw new UnsupportedOperationException();
            }
        };
        fleet = new FleetModel(fast);
        handler = new MessageHandler(fleet, new CommandBook(timer));

        handle(STATE, msg(0, T0 - 2_500, "\"mode\":\"RECORDING\""));

        assertEquals(250_000, fleet.latency(TopicKind.STATE).getMaxValue(), 250, "2.5 virtual s at speed 10, in wall µs");
    }

    @Test
    void a_timestamp_from_the_future_is_left_out_of_the_histogram_and_counted() {
        handle(STATE, msg(0, T0 + 5_000, "\"mode\":\"RECORDING\""));

        assertEquals(0, fleet.latency(TopicKind.STATE).getTotalCount(), "recorded");
        assertEquals(1, fleet.stats(0, 0).latencyOutOfRange(), "out of range");
    }

    @Test
    void a_retained_replay_counts_neither_as_a_repeat_nor_for_latency() {
        handle(STATE, msg(0, T0 - 100, "\"mode\":\"RECORDING\""));
        clock.advance(java.time.Duration.ofHours(3));

        handle(STATE, msg(0, T0 - 100, "\"mode\":\"RECORDING\""), true);

        assertEquals(new SeqCounts(1, 1, 0, 0, 0, 0, 0), device().seq(TopicKind.STATE));
        assertEquals(1, fleet.latency(TopicKind.STATE).getTotalCount(), "latencies recorded");
    }

    @Test
    void the_will_sets_presence_without_touching_the_status_sequence() {
        handle(STATUS, msg(0, T0, "\"status\":\"online\""));
        clock.advance(java.time.Duration.ofSeconds(45));

        handle(STATUS, msg(0, T0, "\"status\":\"offline\",\"reason\":\"connection lost\""));

        DeviceView v = device();
        assertEquals(Presence.OFFLINE, v.presence());
        assertEquals(T0 + 45_000, v.presenceChangedAt());
        assertEquals(new SeqCounts(1, 1, 0, 0, 0, 0, 0), v.seq(TopicKind.STATUS));
        assertEquals(1, fleet.latency(TopicKind.STATUS).getTotalCount(), "the Will's latency is not recorded");
        assertEquals(0, fleet.onlineCount());
        assertEquals(1, fleet.connectedPeak());
    }

    @Test
    void a_redelivered_online_does_not_undo_a_later_offline() {
        handle(STATUS, msg(0, T0, "\"status\":\"online\""));
        handle(STATUS, msg(1, T0, "\"status\":\"offline\",\"reason\":\"power off\""));

        handle(STATUS, msg(0, T0, "\"status\":\"online\""));

        assertFalse(device().online(), "online after a repeat of an old status");
        assertEquals(1, device().seq(TopicKind.STATUS).duplicates());
    }

    @Test
    void an_older_state_arriving_late_does_not_replace_the_newer_one() {
        handle(STATE, msg(0, T0, "\"mode\":\"READY_BUFFERING\""));
        handle(STATE, msg(2, T0, "\"mode\":\"DOCKED\",\"dockPhase\":\"UPLOADING\""));

        handle(STATE, msg(1, T0, "\"mode\":\"RECORDING\""));

        assertEquals("DOCKED", device().state().orElseThrow().mode());
        assertEquals("UPLOADING", device().state().orElseThrow().dockPhase().orElseThrow());
        assertEquals(1, device().seq(TopicKind.STATE).late());
    }

    @Test
    void event_types_beyond_the_cap_are_pooled() {
        for (int i = 0; i < FleetModel.MAX_EVENT_TYPES + 10; i++) {
            handle("bwc/v1/kcpd/IPD-0001/events", msg(i, T0, "\"type\":\"type-" + i + "\""));
        }

        FleetStats stats = fleet.stats(0, 0);
        assertEquals(FleetModel.MAX_EVENT_TYPES + 1, stats.eventsByType().size(), "distinct types kept");
        assertEquals(10, stats.events(FleetModel.OTHER_EVENT_TYPES));
    }

    @Test
    void after_the_observer_loses_the_broker_a_camera_is_offline_until_a_live_message_of_its_own_arrives() {
        handle(STATUS, msg(0, T0, "\"status\":\"online\""));
        fleet.observerDisconnected();
        assertEquals(Presence.OFFLINE, device().presence());
        assertEquals(FleetObserver.PRESENCE_UNKNOWN, device().offlineReason().orElseThrow());
        assertEquals(0, fleet.onlineCount());

        fleet.observerReconnected();
        handle(STATE, msg(0, T0 + 1_000, "\"mode\":\"READY_BUFFERING\""), true);
        assertEquals(Presence.OFFLINE, device().presence(), "a retained state may be old news");
        handle(STATE, msg(1, T0 + 2_000, "\"mode\":\"READY_BUFFERING\""));

        assertEquals(Presence.ONLINE, device().presence(), "its heartbeat says it is there");
        assertEquals(1, fleet.onlineCount());
    }

    @Test
    void a_camera_whose_will_fired_stays_offline_when_a_late_message_of_it_arrives() {
        handle(STATUS, msg(0, T0, "\"status\":\"online\""));
        handle(STATUS, msg(0, T0, "\"status\":\"offline\",\"reason\":\"connection lost\""));

        handle(STATE, msg(0, T0 + 1_000, "\"mode\":\"RECORDING\""));

        assertEquals(Presence.OFFLINE, device().presence(), "only its own status brings it back");
    }

    @Test
    void a_stale_will_from_a_replaced_connection_does_not_mark_a_connected_camera_offline() {
        handle(STATUS, msg(0, T0, "\"status\":\"online\""));
        handle(STATUS, msg(2, T0 + 60_000, "\"status\":\"online\""));

        handle(STATUS, msg(1, T0, "\"status\":\"offline\",\"reason\":\"connection lost\""), true);

        assertEquals(Presence.ONLINE, device().presence(), "the Will of the first connection came after the second said online");
        assertEquals(1, fleet.onlineCount());

        handle(STATUS, msg(3, T0, "\"status\":\"offline\",\"reason\":\"connection lost\""));
        assertEquals(Presence.OFFLINE, device().presence(), "the Will of the current connection counts");
    }
}
