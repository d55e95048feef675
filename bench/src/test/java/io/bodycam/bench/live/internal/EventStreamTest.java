package io.bodycam.bench.live.internal;

import io.bodycam.bench.live.CameraAction;
import io.bodycam.bench.live.ActionResult;
import io.bodycam.bench.live.CameraBoard;
import io.bodycam.bench.live.CameraDetail;
import io.bodycam.bench.live.CameraState;
import io.bodycam.bench.live.FleetChanges;
import io.bodycam.bench.live.FleetCounters;
import io.bodycam.bench.live.LiveFleet;
import io.bodycam.bench.live.RosterEntry;
import io.bodycam.sim.state.Mode;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpContent;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pump: one batch per tick for every subscriber, full frames for new and lagging ones. */
class EventStreamTest {

    private static final List<RosterEntry> ROSTER = List.of(new RosterEntry("A", "g"), new RosterEntry("B", "g"));

    /** Two cameras on a board; counters change only with the clock. */
    private static final class TwoCameras implements LiveFleet {
        final CameraBoard board = new CameraBoard(ROSTER);
        long clock = 1000;

        @Override
        public String title() {
            return "two";
        }

        @Override
        public List<RosterEntry> roster() {
            return ROSTER;
        }

        @Override
        public FleetChanges changesSince(long cursor) {
            return board.since(cursor);
        }

        @Override
        public FleetCounters counters() {
            return new FleetCounters(clock, 2, Map.of(), 0, 0, 0, 0, Map.of(), FleetCounters.Evidence.NONE, List.of(), List.of());
        }

        @Override
        public CompletionStage<CameraDetail> detail(String deviceId, int events) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletionStage<ActionResult> act(String deviceId, CameraAction action) {
            throw new UnsupportedOperationException();
        }
    }

    private final TwoCameras fleet = new TwoCameras();
    private final EventStream stream = new EventStream(fleet, new BatchEncoder(ROSTER), new CounterHistory(10));
    private long now = TimeUnit.SECONDS.toNanos(100);

    private void tick() {
        now += TimeUnit.MILLISECONDS.toNanos(500);
        stream.tick(now);
    }

    private static List<String> written(EmbeddedChannel ch) {
        List<String> events = new ArrayList<>();
        HttpContent c;
        while ((c = ch.readOutbound()) != null) {
            events.add(c.content().toString(StandardCharsets.UTF_8));
            c.release();
        }
        return events;
    }

    private static String kinds(List<String> events) {
        List<String> k = new ArrayList<>();
        for (String e : events) {
            k.add(e.startsWith(":") ? "heartbeat" : e.startsWith("event: counters") ? "counters"
                    : e.contains("\"full\":1") ? "full" : "batch");
        }
        return String.join(",", k);
    }

    @Test
    void a_new_subscriber_gets_a_full_frame_then_only_batches_of_what_changed() {
        tick();
        EmbeddedChannel ch = new EmbeddedChannel();
        stream.subscribe(ch);
        tick();
        assertEquals("full,counters", kinds(written(ch)));
        tick();
        assertEquals("", kinds(written(ch)), "nothing changed: nothing sent");
        fleet.board.put(CameraState.off("B").withMode(Mode.RECORDING, null));
        fleet.clock += 500;
        tick();
        List<String> e = written(ch);
        assertEquals("batch,counters", kinds(e));
        assertTrue(e.get(0).contains("\"s\":[2,"), "only camera B (gap 2): " + e.get(0));
    }

    @Test
    void a_subscriber_that_cannot_take_a_batch_gets_a_full_frame_once_it_can() {
        EmbeddedChannel ch = new EmbeddedChannel();
        stream.subscribe(ch);
        tick();
        written(ch);
        ch.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
        fleet.board.put(CameraState.off("A").withMode(Mode.ERROR, null));
        tick();
        assertEquals("", kinds(written(ch)), "a lagging connection gets nothing");
        ch.unsafe().outboundBuffer().setUserDefinedWritability(1, true);
        tick();
        List<String> e = written(ch);
        assertEquals("full,counters", kinds(e), "the state it missed comes whole");
        assertTrue(e.get(0).contains(String.valueOf(StatusCode.of(CameraState.off("A").withMode(Mode.ERROR, null)))), e.get(0));
    }

    @Test
    void every_subscriber_gets_the_same_one_batch_a_tick_and_the_build_is_counted() {
        EmbeddedChannel one = new EmbeddedChannel();
        EmbeddedChannel two = new EmbeddedChannel();
        stream.subscribe(one);
        stream.subscribe(two);
        tick();
        written(one);
        written(two);
        fleet.board.put(CameraState.off("A").withMode(Mode.READY_BUFFERING, null));
        fleet.board.put(CameraState.off("A").withMode(Mode.RECORDING, null));
        tick();
        List<String> a = written(one);
        assertEquals("batch", kinds(a), "two changes of one camera, one batch");
        assertEquals(a, written(two));
        EventStream.Counts c = stream.counts();
        assertEquals(2, c.ticks());
        assertEquals(2, c.subscribers());
        one.close();
        assertEquals(1, stream.counts().subscribers(), "a closed connection leaves");
    }
}
