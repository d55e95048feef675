package io.bodycam.bench.live.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.bodycam.bench.live.CameraAction;
import io.bodycam.sim.state.Trigger;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ActionJsonTest {

    private static CameraAction parse(String json) throws Exception {
        JsonNode n = LiveJson.JSON.readTree(json);
        return ActionJson.parse(n);
    }

    private static String refusal(String json) {
        return assertThrows(IllegalArgumentException.class, () -> parse(json)).getMessage();
    }

    @Test
    void every_action_of_the_page_reads() throws Exception {
        assertEquals(new CameraAction.PowerCut(), parse("{\"action\":\"powerCut\"}"));
        assertEquals(new CameraAction.StartRecording(Trigger.HOLSTER), parse("{\"action\":\"record\",\"trigger\":\"holster\"}"));
        assertEquals(new CameraAction.StartRecording(Trigger.BUTTON), parse("{\"action\":\"record\"}"));
        assertEquals(new CameraAction.PullNetwork(Duration.ofSeconds(30)), parse("{\"action\":\"pullNetwork\",\"seconds\":30}"));
        assertEquals(new CameraAction.SetBattery(5), parse("{\"action\":\"setBattery\",\"percent\":5}"));
        assertEquals(new CameraAction.SetStorage(true), parse("{\"action\":\"setStorage\",\"full\":true}"));
        assertEquals(new CameraAction.SkewClock(Duration.ofHours(-1)), parse("{\"action\":\"skewClock\",\"seconds\":-3600}"));
        assertEquals(new CameraAction.SendCommand("setConfig", Map.of("heartbeat", "10s")),
                parse("{\"action\":\"sendCommand\",\"type\":\"setConfig\",\"params\":{\"heartbeat\":\"10s\"}}"));
        for (String name : ActionJson.NAMES) {
            assertTrue(refusal("{\"action\":\"nope\"}").contains(name), "the refusal lists " + name);
        }
    }

    @Test
    void a_bad_value_is_refused_with_the_field_and_what_it_was() {
        assertEquals("battery percent must be 0..100, was 140.0", refusal("{\"action\":\"setBattery\",\"percent\":140}"));
        assertEquals("\"percent\" must be a number, was \"full\"", refusal("{\"action\":\"setBattery\",\"percent\":\"full\"}"));
        assertEquals("network outage length must be 1 s..12 h, was 0 ms", refusal("{\"action\":\"pullNetwork\",\"seconds\":0}"));
        assertTrue(refusal("{\"action\":\"record\",\"trigger\":\"rollover\"}").startsWith("trigger must be button, holster or lightbar"));
        assertTrue(refusal("{\"action\":\"sendCommand\",\"type\":\"x y\"}").startsWith("command type must be"));
        assertTrue(refusal("{\"action\":\"sendCommand\",\"type\":\"locate\",\"params\":{\"a\":[1]}}").contains("param a"));
        assertTrue(refusal("{\"verb\":\"powerCut\"}").startsWith("\"action\" is missing"));
    }
}
