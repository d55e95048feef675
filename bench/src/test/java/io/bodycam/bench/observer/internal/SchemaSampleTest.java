package io.bodycam.bench.observer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bodycam.bench.observer.FleetStats;
import io.bodycam.bench.observer.SchemaCheck;
import io.bodycam.sim.link.PayloadMapping;
import io.bodycam.sim.link.TopicScheme;
import io.bodycam.sim.time.ManualClock;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The sampled schema check ({@link SchemaCheck}) and the light parse of the messages it skips. */
class SchemaSampleTest {

    private static final long T0 = 1_767_225_600_000L;
    private static final String FULL_STATE = "\"mode\":\"OFF\",\"dockPhase\":null,\"flags\":[],"
            + "\"battery\":{\"pct\":80.0,\"charging\":false},\"storage\":{\"capacityBytes\":64,\"usedBytes\":0,\"freeBytes\":64},"
            + "\"uploadQueue\":{\"segments\":0,\"bytes\":0},\"recording\":null,\"firmware\":\"4.12.3\",\"clockOffsetMs\":0,\"officer\":\"b-1\"";
    private static final String FULL_GPS = "\"fix\":\"3d\",\"lat\":39.09113,\"lon\":-94.41551,\"alt\":290.0,\"speed\":11.2,"
            + "\"heading\":87.0,\"hdop\":0.9,\"satellites\":9";
    private static final Map<String, String> GOOD = Map.of("state", FULL_STATE, "gps", FULL_GPS,
            "status", "\"status\":\"online\",\"firmware\":\"4.12.3\"", "events", "\"type\":\"docked\"",
            "cmd/ack", "\"id\":\"c-1\",\"ok\":true");

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop_timer() {
        timer.shutdownNow();
    }

    /** A fleet model and its handler, checking {@code check}'s messages. */
    private final class Observer {
        final FleetModel fleet = new FleetModel(new ManualClock(T0));
        final MessageHandler handler;

        Observer(SchemaCheck check, TopicScheme topics) {
            handler = new MessageHandler(fleet, new CommandBook(timer), id -> true, topics);
            handler.schemaCheck(check);
        }

        Observer(SchemaCheck check) {
            this(check, TopicScheme.REFERENCE);
        }

        void handle(String device, String suffix, byte[] payload) {
            handler.handle("bwc/v1/kcpd/" + device + "/" + suffix, payload, false);
        }

        void handle(String device, String suffix, long seq, String fields) {
            handle(device, suffix, msg(device, seq, fields).getBytes(StandardCharsets.UTF_8));
        }

        FleetStats stats() {
            return fleet.stats(0, 0);
        }
    }

    private static String msg(String device, long seq, String fields) {
        return "{\"schema\":1,\"deviceId\":\"" + device + "\",\"seq\":" + seq + ",\"ts\":" + T0 + "," + fields + "}";
    }

    @Test
    void the_sample_is_the_first_four_then_one_in_sixteen() {
        assertEquals(List.of(0L, 1L, 2L, 3L, 16L, 32L, 48L), LongStream.range(0, 50).filter(SchemaCheck.SAMPLE::checks).boxed().toList());
        assertEquals(50, LongStream.range(0, 50).filter(SchemaCheck.ALL::checks).count());
    }

    @Test
    void each_camera_and_topic_kind_is_sampled_on_its_own_and_the_checks_are_counted() {
        Observer o = new Observer(SchemaCheck.SAMPLE);
        for (long seq = 0; seq < 40; seq++) {
            o.handle("IPD-0001", "state", seq, FULL_STATE);
            o.handle("IPD-0002", "state", seq, FULL_STATE);
            o.handle("IPD-0001", "gps", seq, FULL_GPS);
        }

        FleetStats stats = o.stats();
        assertEquals(3 * 6, stats.schemaChecked(), "0..3, 16 and 32 of each of three streams");
        assertEquals(0, stats.malformed(), () -> String.valueOf(stats.firstMalformed()));
        assertEquals(120, stats.receivedTotal());
    }

    @Test
    void events_are_sampled_per_type() {
        Observer o = new Observer(SchemaCheck.SAMPLE);
        for (long seq = 0; seq < 40; seq++) {
            o.handle("IPD-0001", "events", seq, seq % 2 == 0 ? "\"type\":\"docked\"" : "\"type\":\"undocked\"");
        }

        assertEquals(2 * 5, o.stats().schemaChecked(), "0..3 and 16 of the 20 of each type");
        assertEquals(Map.of("docked", 20L, "undocked", 20L), o.stats().eventsByType());
    }

    @Test
    void all_checks_every_message() {
        Observer o = new Observer(SchemaCheck.ALL);
        for (long seq = 0; seq < 40; seq++) {
            o.handle("IPD-0001", "state", seq, FULL_STATE);
        }

        assertEquals(40, o.stats().schemaChecked());
    }

    @Test
    void a_message_that_breaks_its_schema_among_the_first_is_caught_and_the_basic_checks_miss_none() {
        Observer o = new Observer(SchemaCheck.SAMPLE);
        for (long seq = 0; seq < 3; seq++) {
            o.handle("IPD-0001", "state", seq, FULL_STATE);
        }
        o.handle("IPD-0001", "state", 3, FULL_STATE + ",\"bogus\":true");

        FleetStats stats = o.stats();
        assertEquals(1, stats.malformed());
        String reason = stats.firstMalformed().orElseThrow().reason();
        assertTrue(reason.startsWith("breaks docs/contract/asyncapi.yaml: ") && reason.contains("bogus"), reason);

        o.handle("IPD-0001", "state", 4, FULL_STATE + ",\"bogus\":true");
        assertEquals(1, o.stats().malformed(), "the fifth message is not schema-checked");
        o.handle("IPD-0001", "state", 5, "\"flags\":[]");
        o.handle("IPD-0001", "state", 6, FULL_STATE + "} {");
        assertEquals(3, o.stats().malformed(), "a missing mode and trailing tokens are found on every message");
        assertEquals(4, o.stats().schemaChecked(), "0..3 checked; 4 passed unchecked; 5 and 6 failed the basic checks");
    }

    /**
     * The light parse (reference payloads, sampled) and the tree parse (a profile that maps its commands only,
     * so every message it receives is the reference's but goes through the tree) give the same verdicts, reasons
     * and views of a message the sample skips: the fifth of its stream.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            a full state                    | state   | {"schema":1,"deviceId":"IPD-0001","seq":4,"ts":5,"mode":"RECORDING","dockPhase":null,"flags":["LOW_BATTERY",3,{"a":1}],"battery":{"pct":9.5,"charging":true},"storage":{"capacityBytes":64000000000,"usedBytes":1,"freeBytes":2},"uploadQueue":{"segments":3,"bytes":18},"recording":{"id":"R1","since":1},"firmware":"4.12.3","clockOffsetMs":0,"officer":"b"}
            fields out of order             | state   | {"officer":"b","mode":"OFF","ts":5,"seq":4,"deviceId":"IPD-0001","schema":1}
            unknown nested fields           | state   | {"schema":1,"deviceId":"IPD-0001","seq":4,"ts":5,"mode":"OFF","extra":{"a":[1,2,{"b":null,"c":[[],{}]}]},"more":[true,false,1e400]}
            a duplicate seq, the last wins  | state   | {"schema":1,"deviceId":"IPD-0001","seq":1,"seq":4,"ts":5,"mode":"OFF"}
            a seq too large for a long      | state   | {"schema":1,"deviceId":"IPD-0001","seq":99999999999999999999,"ts":5,"mode":"OFF"}
            an int seq and a long ts        | state   | {"schema":1,"deviceId":"IPD-0001","seq":4,"ts":1767225600000,"mode":"OFF"}
            a float seq                     | state   | {"schema":1,"deviceId":"IPD-0001","seq":4.0,"ts":5,"mode":"OFF"}
            schema as text                  | state   | {"schema":"1","deviceId":"IPD-0001","seq":4,"ts":5,"mode":"OFF"}
            another device                  | state   | {"schema":1,"deviceId":"IPD-0002","seq":4,"ts":5,"mode":"OFF"}
            mode null                       | state   | {"schema":1,"deviceId":"IPD-0001","seq":4,"ts":5,"mode":null}
            flags an object                 | state   | {"schema":1,"deviceId":"IPD-0001","seq":4,"ts":5,"mode":"OFF","flags":{}}
            battery pct as text             | state   | {"schema":1,"deviceId":"IPD-0001","seq":4,"ts":5,"mode":"OFF","battery":{"pct":"9"}}
            bad JSON in a skipped field     | state   | {"schema":1,"deviceId":"IPD-0001","seq":4,"ts":5,"mode":"OFF","officer":tru}
            a tab in a skipped string       | state   | {"schema":1,"deviceId":"IPD-0001","seq":4,"ts":5,"mode":"OFF","officer":"a<TAB>b"}
            bad UTF-8 in a skipped string   | state   | {"schema":1,"deviceId":"IPD-0001","seq":4,"ts":5,"mode":"OFF","officer":"a<FF>b"}
            bad UTF-8 in a read string      | state   | {"schema":1,"deviceId":"IPD-0001","seq":4,"ts":5,"mode":"O<FF>F"}
            a bad escape in a skipped one   | state   | {"schema":1,"deviceId":"IPD-0001","seq":4,"ts":5,"mode":"OFF","officer":"\\q"}
            trailing tokens                 | state   | {"schema":1,"deviceId":"IPD-0001","seq":4,"ts":5,"mode":"OFF"} {}
            trailing garbage                | state   | {"schema":1,"deviceId":"IPD-0001","seq":4,"ts":5,"mode":"OFF"}x
            cut short                       | state   | {"schema":1,"deviceId":"IPD-0001","seq":4,"ts":5,"mode":"OFF"
            cut inside a read object        | state   | {"schema":1,"deviceId":"IPD-0001","seq":4,"ts":5,"mode":"OFF","battery":{"pct":
            cut inside a read array         | state   | {"schema":1,"deviceId":"IPD-0001","seq":4,"ts":5,"mode":"OFF","flags":["A",
            an array                        | state   | [1,2]
            a number                        | state   | 4
            empty                           | state   | ``
            blank                           | state   | `  `
            not JSON                        | state   | hello
            a full fix                      | gps     | {"schema":1,"deviceId":"IPD-0001","seq":4,"ts":5,"fix":"3d","lat":39.1,"lon":-94.4,"alt":290.0,"speed":11,"heading":87.0,"hdop":0.9,"satellites":9}
            an integer position             | gps     | {"schema":1,"deviceId":"IPD-0001","seq":4,"ts":5,"fix":"none","lat":39,"lon":-94}
            lat as text                     | gps     | {"schema":1,"deviceId":"IPD-0001","seq":4,"ts":5,"fix":"3d","lat":"39.1","lon":-94.4}
            satellites as text              | gps     | {"schema":1,"deviceId":"IPD-0001","seq":4,"ts":5,"fix":"3d","lat":39.1,"lon":-94.4,"satellites":"9"}
            online                          | status  | {"schema":1,"deviceId":"IPD-0001","seq":4,"ts":5,"status":"online","firmware":"4.13.0"}
            the Will                        | status  | {"schema":1,"deviceId":"IPD-0001","seq":4,"ts":5,"status":"offline","reason":"connection lost"}
            an unknown status               | status  | {"schema":1,"deviceId":"IPD-0001","seq":4,"ts":5,"status":"maybe"}
            an event                        | events  | {"schema":1,"deviceId":"IPD-0001","seq":4,"ts":5,"type":"docked","note":{"x":[1]}}
            an event typed by a number      | events  | {"schema":1,"deviceId":"IPD-0001","seq":4,"ts":5,"type":7}
            an ack                          | cmd/ack | {"schema":1,"deviceId":"IPD-0001","seq":4,"ts":5,"id":"c-9","ok":false,"error":"busy"}
            an ack without id               | cmd/ack | {"schema":1,"deviceId":"IPD-0001","seq":4,"ts":5,"ok":true}
            an ack with ok as text          | cmd/ack | {"schema":1,"deviceId":"IPD-0001","seq":4,"ts":5,"id":null,"ok":"true"}
            """)
    void the_light_parse_gives_the_tree_parses_verdicts(String what, String suffix, String payload) {
        TopicScheme r = TopicScheme.REFERENCE;
        PayloadMapping commandsOnly = new PayloadMapping(Map.of(PayloadMapping.Kind.CMD,
                new PayloadMapping.Rules(List.of(), List.of(), Map.of("vendor", "x"))));
        Observer light = new Observer(SchemaCheck.SAMPLE);
        Observer tree = new Observer(SchemaCheck.SAMPLE, new TopicScheme(r.rules(), r.command(), r.statusWill(), commandsOnly));
        for (Observer o : List.of(light, tree)) {
            for (long seq = 0; seq < SchemaCheck.FIRST; seq++) {
                o.handle("IPD-0001", suffix, seq, GOOD.get(suffix));
            }
            o.handle("IPD-0001", suffix, bytes(payload == null ? "" : payload));
        }

        assertEquals(SchemaCheck.FIRST, light.stats().schemaChecked(), "the fifth message is not schema-checked");
        assertEquals(tree.stats(), light.stats());
        assertEquals(tree.fleet.devices(), light.fleet.devices());
    }

    /** The payload's bytes, {@code <FF>} a byte that is no UTF-8 and {@code <TAB>} a raw tab. */
    private static byte[] bytes(String payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String[] parts = payload.replace("<TAB>", "\t").split("<FF>", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                out.write(0xFF);
            }
            out.writeBytes(parts[i].getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
