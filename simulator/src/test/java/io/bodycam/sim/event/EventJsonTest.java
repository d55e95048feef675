package io.bodycam.sim.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.bodycam.sim.state.StopReason;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each event's one JSON mapping, pinned to the bytes the camera published and the bench logged before. */
class EventJsonTest {

    private static final JsonFactory JSON = new JsonFactory();

    /** The JSON object {@link CameraEvent#writeJson} writes, as a string. */
    static String json(CameraEvent e) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            e.writeJson(g);
            g.writeEndObject();
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
        return out.toString();
    }

    /** Every record type in the sealed hierarchy. */
    static Set<Class<?>> eventTypes() {
        Set<Class<?>> records = new HashSet<>();
        Deque<Class<?>> open = new ArrayDeque<>(List.of(CameraEvent.class));
        while (!open.isEmpty()) {
            Class<?> c = open.pop();
            if (c.isRecord()) {
                records.add(c);
            } else {
                open.addAll(List.of(c.getPermittedSubclasses()));
            }
        }
        return records;
    }

    @Test
    void every_event_type_of_the_sealed_hierarchy_is_pinned() {
        Set<Class<?>> pinned = EventSamples.ALL.stream().map(p -> p.event().getClass()).collect(Collectors.toSet());
        assertEquals(50, eventTypes().size(), "event types: " + eventTypes());
        assertEquals(eventTypes(), pinned);
    }

    @Test
    void each_event_writes_its_type_then_its_fields_in_the_contracts_order_and_names() {
        assertAll(EventSamples.ALL.stream().map(p -> () -> assertEquals(p.json(), json(p.event()), p.event().toString())));
    }

    @Test
    void each_wire_type_belongs_to_one_record() {
        assertAll(EventSamples.ALL.stream().map(p -> () -> EventSamples.ALL.stream()
                .filter(q -> q.event().type().equals(p.event().type()))
                .forEach(q -> assertEquals(p.event().getClass(), q.event().getClass(), p.event().type()))));
    }

    @Test
    void bench_notes_and_what_a_camera_going_down_says_are_not_published_everything_else_is() {
        for (EventSamples.Pinned p : EventSamples.ALL) {
            CameraEvent e = p.event();
            boolean goingDown = e instanceof FirmwareDownloadPaused f && f.reason() != null
                    || e instanceof PriorityUploadCancelled c && c.reason() == StopReason.POWER_LOSS;
            if (e instanceof BenchNote || goingDown) {
                assertFalse(e.published(), e + " is for the bench only");
            } else {
                assertTrue(e.published(), e + " is published");
            }
        }
    }
}
