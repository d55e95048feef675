package io.bodycam.sim.camera;

import io.bodycam.sim.state.Mode;
import io.bodycam.sim.state.Trigger;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.bodycam.sim.camera.internal.CommandHandler;
import io.bodycam.sim.link.Topic;
import io.bodycam.sim.recording.SegmentManifest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
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
        assertEquals(Mode.RECORDING, rig.snapshot().mode(), "not while the command is being delivered (its PUBACK comes first)");
        rig.advance(Duration.ZERO);
        assertEquals("reboot", rig.mqtt.events("recording.stopped").get(0).path("reason").asText());
        rig.advance(Duration.ofSeconds(6));
        assertEquals(Mode.READY_BUFFERING, rig.snapshot().mode());
        assertEquals(2, rig.snapshot().boots());
        assertEquals(1, rig.snapshot().stored().size(), "the closed recording survives the reboot");
    }

    @Test
    void a_command_delivered_twice_is_answered_twice_and_carried_out_once() {
        CameraRig rig = new CameraRig().booted();
        rig.mqtt.deliverCommand("{\"id\":\"r-1\",\"type\":\"reboot\"}");
        rig.advance(Duration.ofSeconds(6));
        rig.mqtt.deliverCommand("{\"id\":\"r-1\",\"type\":\"reboot\"}");
        rig.advance(Duration.ofSeconds(6));
        assertEquals(2, rig.mqtt.on(Topic.CMD_ACK).size());
        assertTrue(lastAck(rig).path("ok").asBoolean());
        assertEquals(2, rig.snapshot().boots(), "one reboot, not two");

        rig.mqtt.deliverCommand("{\"id\":\"r-2\",\"type\":\"reboot\"}");
        rig.advance(Duration.ofSeconds(6));
        assertEquals(3, rig.snapshot().boots(), "a new id is a new command");
    }

    @Test
    void ten_thousand_random_commands_get_one_ack_each_and_leave_every_camera_state_valid() throws Exception {
        io.bodycam.sim.firmware.FirmwareSigner vendor = io.bodycam.sim.firmware.FirmwareSigner.generate();
        CameraRig rig = new CameraRig(b -> b.payloadScale(0.0001).firmwareKey(vendor.publicKey())).booted();
        SplittableRandom random = new SplittableRandom(7);
        String[] types = {"startRecording", "stopRecording", "reboot", "setConfig", "locate", "fly", "", "STARTRECORDING",
            "updateFirmware", "priorityUpload", "cancelPriorityUpload"};
        io.bodycam.sim.firmware.FirmwareImage image = io.bodycam.sim.firmware.FirmwareImage.of("4.13.0", 1000);
        String signature = vendor.offer(image, image.sha256(), "/firmware/4.13.0", 0, 0).signature();
        String[] values = {"\"10s\"", "5", "-1", "null", "true", "\"" + "x".repeat(50) + "\"", "{}", "[]", "\"0ms\"", "120",
            "1e308", "\"999999999h\"", "\"\\u0000\"", "[[[[[[]]]]]]", "{\"a\":{\"b\":{}}}", "\"button\"", "false",
            "\"4.13.0\"", "\"/firmware/4.13.0\"", "\"" + image.sha256() + "\"", "\"" + signature + "\"", "9223372036854775807"};
        String[] keys = {"gpsIntervalIdle", "gpsIntervalRecording", "heartbeat", "preEventSeconds", "trigger", "flagged",
            "category", "zzz", "", "version", "url", "bytes", "sha256", "signature", "windowStart", "windowEnd"};
        String validOffer = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(
                vendor.offer(image, image.sha256(), "/firmware/4.13.0", 0, 0).params());
        int commands = 10_000;
        for (int i = 0; i < commands; i++) {
            rig.mqtt.deliverCommand(random.nextInt(100) == 0
                    ? ("{\"id\":\"f" + i + "\",\"type\":\"updateFirmware\",\"params\":" + validOffer + "}").getBytes(StandardCharsets.UTF_8)
                    : randomCommand(random, i, types, keys, values));
            rig.advance(Duration.ofMillis(random.nextInt(2_000)));
            if (i % 10 == 0) {
                assertValid(rig.snapshot(), i);
            }
        }
        assertEquals(commands, rig.mqtt.on(Topic.CMD_ACK).size(), "every command answered");
        assertEquals("4.13.0", rig.snapshot().firmwarePending(), "the valid offers among them were taken (not docked: pending)");
        assertTrue(rig.mqtt.events("priorityUpload.started").size() > 0, "some priority uploads started");
        List<JsonNode> acks = rig.mqtt.on(Topic.CMD_ACK);
        for (int i = 0; i < acks.size(); i++) {
            assertEquals(i, acks.get(i).path("seq").asLong(), "ack seq without gaps");
        }
        rig.camera.stopRecording();
        rig.advance(Duration.ofSeconds(10));
        rig.camera.trigger(Trigger.BUTTON);
        assertEquals(Mode.RECORDING, rig.snapshot().mode(), "the camera still records after the storm");
    }

    private static byte[] randomCommand(SplittableRandom random, int i, String[] types, String[] keys, String[] values) {
        String id = "\"f" + i + "\"";
        String text = switch (random.nextInt(7)) {
            case 0, 1 -> "{\"id\":" + id + ",\"type\":\"" + pick(random, types) + "\",\"params\":{\"" + pick(random, keys) + "\":"
                    + pick(random, values) + (random.nextBoolean() ? "" : ",\"" + pick(random, keys) + "\":" + pick(random, values)) + "}}";
            case 2 -> "{\"id\":" + id + ",\"type\":\"" + pick(random, types) + "\"}";
            case 3 -> "{\"id\":" + pick(random, values) + ",\"type\":" + pick(random, values) + ",\"params\":" + pick(random, values) + "}";
            case 4 -> {
                String valid = "{\"id\":" + id + ",\"type\":\"startRecording\",\"params\":{\"trigger\":\"button\"}}";
                yield valid.substring(0, random.nextInt(valid.length()));
            }
            case 5 -> "[".repeat(random.nextInt(1, 300));
            default -> null;
        };
        if (text != null) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        return random.nextInt(50) == 0 ? new byte[CommandHandler.MAX_COMMAND_BYTES + random.nextInt(1, 1000)] : randomBytes(random);
    }

    private static String pick(SplittableRandom random, String[] options) {
        return options[random.nextInt(options.length)];
    }

    /** What must hold for any camera at any time, whatever it was told. */
    private static void assertValid(CameraSnapshot s, int after) {
        Supplier<String> where = () -> "after command " + after + ": " + s;
        assertTrue(s.mode() != Mode.OFF && s.mode() != Mode.ERROR, where);
        assertEquals(s.mode() == Mode.RECORDING, s.recordingId() != null, where);
        assertEquals(s.mode() == Mode.DOCKED, s.dockPhase() != null, where);
        assertTrue(s.batteryPercent() >= 0 && s.batteryPercent() <= 100, where);
        assertTrue(s.storageUsed() >= 0 && s.storageFree() >= 0, where);
        assertEquals(s.stored().size(), s.stored().stream().map(SegmentManifest::segmentId).distinct().count(), where);
        CameraSettings c = s.settings();
        assertTrue(c.preEvent().toSeconds() >= 0 && c.preEvent().toSeconds() <= 120, where);
        assertTrue(c.heartbeat().toMillis() >= 1_000 && c.heartbeat().toMillis() <= 3_600_000, where);
        assertTrue(c.gpsIntervalRecording().toMillis() >= 1_000 && c.gpsIntervalIdle().toMillis() >= 1_000, where);
    }

    private static byte[] randomBytes(SplittableRandom random) {
        byte[] b = new byte[random.nextInt(1, 200)];
        random.nextBytes(b);
        return b;
    }
}
