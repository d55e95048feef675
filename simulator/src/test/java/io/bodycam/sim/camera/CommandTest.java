package io.bodycam.sim.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.bodycam.sim.link.Topic;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CommandTest {

    private static JsonNode lastAck(CameraRig rig) {
        List<JsonNode> acks = rig.mqtt.on(Topic.CMD_ACK);
        return acks.get(acks.size() - 1);
    }

    @Test
    void start_and_stop_recording_by_command_are_acknowledged() {
        CameraRig rig = new CameraRig().booted();
        rig.mqtt.deliverCommand("{\"id\":\"c-1\",\"type\":\"startRecording\",\"params\":{\"category\":\"traffic\",\"flagged\":true}}");
        assertTrue(lastAck(rig).path("ok").asBoolean(), lastAck(rig).toString());
        assertEquals("c-1", lastAck(rig).path("id").asText());
        assertEquals(Mode.RECORDING, rig.snapshot().mode());
        assertEquals("command", rig.mqtt.events("recording.started").get(0).path("trigger").asText());

        rig.advance(Duration.ofMinutes(1));
        rig.mqtt.deliverCommand("{\"id\":7,\"type\":\"stopRecording\"}");
        assertTrue(lastAck(rig).path("ok").asBoolean());
        assertEquals("7", lastAck(rig).path("id").asText());
        assertTrue(rig.snapshot().stored().get(0).flagged());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "not JSON | {oops | | not JSON",
        "an array | [1,2] | | a command must be a JSON object",
        "no id | {\"type\":\"reboot\"} | | command needs an \"id\"",
        "no type | {\"id\":\"a\"} | a | command needs a \"type\"",
        "unknown type | {\"id\":\"a\",\"type\":\"selfDestruct\"} | a | unknown command type 'selfDestruct'",
        "params not an object | {\"id\":\"a\",\"type\":\"reboot\",\"params\":3} | a | \"params\" must be an object",
        "stop while not recording | {\"id\":\"a\",\"type\":\"stopRecording\"} | a | not recording",
        "bad trigger | {\"id\":\"a\",\"type\":\"startRecording\",\"params\":{\"trigger\":\"psychic\"}} | a | unknown trigger 'psychic'",
        "wrong param type | {\"id\":\"a\",\"type\":\"startRecording\",\"params\":{\"flagged\":\"yes\"}} | a | flagged must be true or false",
        "unknown setting | {\"id\":\"a\",\"type\":\"setConfig\",\"params\":{\"colour\":\"red\"}} | a | unknown setting 'colour'",
        "setting out of range | {\"id\":\"a\",\"type\":\"setConfig\",\"params\":{\"preEventSeconds\":300}} | a | preEventSeconds must be 0..120, was 300",
        "setting not a duration | {\"id\":\"a\",\"type\":\"setConfig\",\"params\":{\"heartbeat\":\"soon\"}} | a | heartbeat must be a duration",
        "params on reboot | {\"id\":\"a\",\"type\":\"reboot\",\"params\":{\"now\":true}} | a | this command takes no params",
    })
    void a_bad_command_gets_an_error_ack_and_changes_nothing(String what, String command, String id, String error) {
        CameraRig rig = new CameraRig().booted();
        CameraSnapshot before = rig.snapshot();
        rig.mqtt.deliverCommand(command);

        JsonNode ack = lastAck(rig);
        assertFalse(ack.path("ok").asBoolean(), ack.toString());
        assertEquals(id == null ? "null" : id, ack.path("id").asText(), ack.toString());
        assertTrue(ack.path("error").asText().startsWith(error), "error was: " + ack.path("error").asText());
        CameraSnapshot after = rig.snapshot();
        assertEquals(before.mode(), after.mode());
        assertEquals(before.settings(), after.settings());
    }

    @Test
    void set_config_applies_all_keys_or_none() {
        CameraRig rig = new CameraRig().booted();
        CameraSettings before = rig.snapshot().settings();
        rig.mqtt.deliverCommand("{\"id\":\"x\",\"type\":\"setConfig\",\"params\":{\"gpsIntervalIdle\":\"5s\",\"preEventSeconds\":\"abc\"}}");
        assertFalse(lastAck(rig).path("ok").asBoolean());
        assertEquals(before, rig.snapshot().settings(), "the good key was not applied either");

        int gpsBefore = rig.mqtt.on(Topic.GPS).size();
        rig.mqtt.deliverCommand("{\"id\":\"y\",\"type\":\"setConfig\",\"params\":{\"gpsIntervalIdle\":\"5s\",\"preEventSeconds\":60}}");
        assertTrue(lastAck(rig).path("ok").asBoolean(), lastAck(rig).toString());
        rig.advance(Duration.ofMinutes(1));
        assertEquals(12, rig.mqtt.on(Topic.GPS).size() - gpsBefore, "GPS every 5 s for a minute");
        assertEquals(Duration.ofSeconds(60), rig.snapshot().settings().preEvent());
    }

    @Test
    void a_huge_command_is_refused_unread() {
        CameraRig rig = new CameraRig().booted();
        rig.mqtt.deliverCommand(new byte[CommandHandler.MAX_COMMAND_BYTES + 1]);
        assertTrue(lastAck(rig).path("error").asText().startsWith("command too large"));
    }

    @Test
    void reboot_is_acknowledged_first_then_the_camera_boots_again() {
        CameraRig rig = new CameraRig().booted();
        rig.camera.trigger(Trigger.BUTTON);
        rig.advance(Duration.ofSeconds(20));
        rig.mqtt.deliverCommand("{\"id\":\"r\",\"type\":\"reboot\"}");
        assertTrue(lastAck(rig).path("ok").asBoolean());
        assertEquals("reboot", rig.mqtt.events("recording.stopped").get(0).path("reason").asText());
        rig.advance(Duration.ofSeconds(6));
        assertEquals(Mode.READY_BUFFERING, rig.snapshot().mode());
        assertEquals(2, rig.snapshot().boots());
        assertEquals(1, rig.snapshot().stored().size(), "the closed recording survives the reboot");
    }

    @Test
    void thousands_of_random_commands_leave_the_camera_working() {
        CameraRig rig = new CameraRig(b -> b.payloadScale(0.0001)).booted();
        SplittableRandom random = new SplittableRandom(7);
        String[] types = {"startRecording", "stopRecording", "reboot", "setConfig", "locate", "fly", ""};
        String[] values = {"\"10s\"", "5", "-1", "null", "true", "\"" + "x".repeat(50) + "\"", "{}", "[]", "\"0ms\"", "120"};
        String[] keys = {"gpsIntervalIdle", "heartbeat", "preEventSeconds", "trigger", "flagged", "category", "zzz"};
        int acks = 0;
        for (int i = 0; i < 3000; i++) {
            String cmd = switch (random.nextInt(4)) {
                case 0 -> "{\"id\":\"f" + i + "\",\"type\":\"" + types[random.nextInt(types.length)] + "\",\"params\":{\""
                        + keys[random.nextInt(keys.length)] + "\":" + values[random.nextInt(values.length)] + "}}";
                case 1 -> "{\"id\":\"f" + i + "\",\"type\":\"" + types[random.nextInt(types.length)] + "\"}";
                case 2 -> new String(randomBytes(random), StandardCharsets.ISO_8859_1);
                default -> "{\"id\":" + values[random.nextInt(values.length)] + ",\"type\":" + values[random.nextInt(values.length)] + "}";
            };
            rig.mqtt.deliverCommand(cmd);
            acks++;
            rig.advance(Duration.ofSeconds(random.nextInt(8)));
        }
        assertEquals(acks, rig.mqtt.on(Topic.CMD_ACK).size(), "every command answered");
        rig.camera.stopRecording();
        rig.advance(Duration.ofSeconds(10));
        rig.camera.trigger(Trigger.BUTTON);
        assertEquals(Mode.RECORDING, rig.snapshot().mode(), "the camera still records after the storm");
    }

    private static byte[] randomBytes(SplittableRandom random) {
        byte[] b = new byte[random.nextInt(1, 200)];
        random.nextBytes(b);
        return b;
    }
}
