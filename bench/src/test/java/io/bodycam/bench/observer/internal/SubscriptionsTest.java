package io.bodycam.bench.observer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.bodycam.sim.link.Topic;
import io.bodycam.sim.link.TopicScheme;
import io.bodycam.sim.time.ManualClock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What an observer subscribes to: the whole agency, or some cameras' topics only, in SUBSCRIBE-sized batches. */
class SubscriptionsTest {

    private static final TopicScheme VENDOR;

    static {
        Map<Topic, TopicScheme.Rule> rules = new EnumMap<>(Topic.class);
        for (Topic t : Topic.values()) {
            rules.put(t, new TopicScheme.Rule("fleet/{group}/{deviceId}/" + t.suffix().replace('/', '-'), t.qos(), false));
        }
        VENDOR = new TopicScheme(rules, "fleet/{group}/{deviceId}/command", false);
    }

    private static MessageHandler handler(TopicScheme topics) {
        return new MessageHandler(new FleetModel(new ManualClock(0)), new CommandBook((timeout, onTimeout) -> () -> { }, "t-",
                () -> 0), id -> true, topics);
    }

    @Test
    void the_whole_fleet_is_one_filter_per_topic_with_its_qos() {
        Subscriptions all = Subscriptions.of(handler(TopicScheme.REFERENCE), "+", null);

        assertEquals(Map.of("bwc/v1/+/+/status", 1, "bwc/v1/+/+/state", 1, "bwc/v1/+/+/gps", 0, "bwc/v1/+/+/events", 1,
                "bwc/v1/+/+/cmd/ack", 1), all.filters());
        assertEquals(1, all.batches().size());
        assertEquals("bwc/v1/+/+/status ...", all.toString());
    }

    @Test
    void some_cameras_are_one_filter_per_topic_and_camera_in_the_profiles_shape() {
        Subscriptions two = Subscriptions.of(handler(VENDOR), "kcpd", Set.of("B-2", "A-1"));

        assertEquals(List.of("fleet/+/A-1/status", "fleet/+/A-1/state", "fleet/+/A-1/gps", "fleet/+/A-1/events",
                "fleet/+/A-1/cmd-ack", "fleet/+/B-2/status", "fleet/+/B-2/state", "fleet/+/B-2/gps", "fleet/+/B-2/events",
                "fleet/+/B-2/cmd-ack"), new ArrayList<>(two.filters().keySet()));
        assertEquals(0, two.filters().get("fleet/+/B-2/gps"), "gps at QoS 0");
        assertEquals("fleet/+/A-1/status ... (10 filters, 2 cameras)", two.toString());
    }

    @Test
    void many_filters_go_out_in_batches_of_at_most_one_thousand_in_order() {
        Set<String> ids = new java.util.TreeSet<>();
        for (int i = 0; i < 3_000; i++) {
            ids.add("CAM-" + i);
        }
        Subscriptions shard = Subscriptions.of(handler(TopicScheme.REFERENCE), "+", ids);

        List<Map<String, Integer>> batches = shard.batches();
        assertEquals(List.of(1_000, 1_000, 1_000, 1_000, 1_000, 1_000, 1_000, 1_000, 1_000, 1_000, 1_000, 1_000, 1_000,
                1_000, 1_000), batches.stream().map(Map::size).toList());
        List<String> flat = batches.stream().flatMap(b -> b.keySet().stream()).toList();
        assertEquals(new ArrayList<>(shard.filters().keySet()), flat, "every filter once, in order");
    }

    @Test
    void says_how_many_of_many_filters_were_refused_and_an_empty_camera_set_is_refused() {
        Set<String> ids = Set.of("A", "B", "C");
        Subscriptions three = Subscriptions.of(handler(TopicScheme.REFERENCE), "+", ids);
        List<Integer> codes = new ArrayList<>(java.util.Collections.nCopies(15, 1));
        codes.set(4, 0x80);
        codes.set(9, 0x80);

        assertEquals("2 of 15 refused, for 15 filters", three.granted(codes));
        assertEquals("granted [1, 128]", Subscriptions.of(handler(TopicScheme.REFERENCE), "+", null).granted(List.of(1, 128)));
        assertEquals("an observer of some cameras needs at least one device id",
                assertThrows(IllegalArgumentException.class,
                        () -> Subscriptions.of(handler(TopicScheme.REFERENCE), "+", Set.of())).getMessage());
    }
}
