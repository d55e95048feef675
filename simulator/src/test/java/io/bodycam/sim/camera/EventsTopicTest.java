package io.bodycam.sim.camera;

import io.bodycam.sim.state.Trigger;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bodycam.sim.event.BenchNote;
import io.bodycam.sim.event.CameraEvent;
import io.bodycam.sim.link.Topic;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the bench hears and what the backend gets on the {@code events} topic come from one mapping. */
class EventsTopicTest {

    private static String json(CameraEvent e) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.writeStartObject();
            e.writeJson(g);
            g.writeEndObject();
        }
        return out.toString();
    }

    @Test
    void each_published_event_goes_out_on_the_events_topic_as_the_bench_hears_it_and_no_bench_note_does() throws IOException {
        CameraRig rig = new CameraRig(b -> b.payloadScale(0.001)).booted();
        rig.camera.trigger(Trigger.BUTTON);
        rig.advance(Duration.ofMinutes(6));
        rig.camera.faults().skewClock(Duration.ofMinutes(5));
        rig.camera.stopRecording();
        rig.camera.priorityUpload();
        rig.advance(Duration.ofSeconds(1));
        rig.camera.trigger(Trigger.HOLSTER);
        rig.advance(Duration.ofMinutes(1));
        rig.camera.dock();
        rig.advance(Duration.ofMinutes(30));
        rig.camera.faults().powerLoss();

        List<CameraEvent> published = rig.events.stream().filter(CameraEvent::published).toList();
        List<JsonNode> sent = rig.mqtt.on(Topic.EVENTS);
        assertEquals(published.size(), sent.size(), "published " + published);
        for (int i = 0; i < sent.size(); i++) {
            ObjectNode body = sent.get(i).deepCopy();
            body.remove(List.of("schema", "deviceId", "seq", "ts"));
            assertEquals(json(published.get(i)), body.toString());
        }
        assertTrue(rig.events.stream().anyMatch(e -> e instanceof BenchNote), "the bench heard notes too: " + rig.events);
        assertTrue(sent.size() > 15, "a busy life: " + sent.size() + " events");
    }
}
