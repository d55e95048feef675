package io.bodycam.sim.camera.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bodycam.sim.camera.CameraSettings;
import io.bodycam.sim.state.StopReason;
import io.bodycam.sim.state.Trigger;
import io.bodycam.sim.firmware.FirmwareOffer;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads a backend command from the {@code cmd} topic, checks it and carries it out on the camera.
 * Anything wrong (not JSON, no id or type, unknown type, bad params) gives an error ack and changes
 * nothing: a malformed command must never hurt the camera (docs/design.md#clear-errors).
 */
public final class CommandHandler {

    /** Commands larger than this are refused unread. */
    public static final int MAX_COMMAND_BYTES = 64 * 1024;

    private static final Set<String> START_PARAMS = Set.of("trigger", "category", "flagged");

    /** How many recent command ids the camera remembers (kept in flash across reboots [GUESS]). */
    static final int REMEMBERED_IDS = 64;

    private final Recorder recorder;
    private final PriorityUpload priority;
    private final FirmwareUpdater firmware;
    private final LiveSettings settings;
    private final Runnable locate;
    private final Consumer<String> reboot;
    /** The answers to the latest commands, by id: a command delivered again is answered again, not carried out twice. */
    private final Map<String, Ack> answered = new java.util.LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Ack> eldest) {
            return size() > REMEMBERED_IDS;
        }
    };

    /**
     * @param locate publishes a {@code gps} message now
     * @param reboot reboots the camera, with the reason its {@code reboot} event gives
     */
    public CommandHandler(Recorder recorder, PriorityUpload priority, FirmwareUpdater firmware, LiveSettings settings,
                          Runnable locate, Consumer<String> reboot) {
        this.recorder = recorder;
        this.priority = priority;
        this.firmware = firmware;
        this.settings = settings;
        this.locate = locate;
        this.reboot = reboot;
    }

    /**
     * The answer to one command.
     *
     * @param after what to do once the answer is on its way (a reboot), or null
     */
    public record Ack(String id, boolean ok, String error, Runnable after) {
        static Ack ok(String id) {
            return new Ack(id, true, null, null);
        }

        static Ack error(String id, String error) {
            return new Ack(id, false, error, null);
        }
    }

    /**
     * Carries out a command, or, for an id among the last {@value #REMEMBERED_IDS} answered, sends the
     * same answer again without carrying it out: QoS 1 may deliver a command twice (a redelivery on
     * session resume, MQTT 3.1.1 section 4.4 [S71]), and a reboot or firmware offer must not happen twice.
     */
    public Ack handle(byte[] payload) {
        if (payload.length > MAX_COMMAND_BYTES) {
            return Ack.error(null, "command too large: " + payload.length + " bytes, at most " + MAX_COMMAND_BYTES);
        }
        JsonNode root;
        try {
            root = Payloads.JSON.readTree(payload);
        } catch (IOException e) {
            return Ack.error(null, "not JSON: " + firstLine(e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            return Ack.error(null, "a command must be a JSON object {id, type, params}");
        }
        JsonNode idNode = root.get("id");
        String id = idNode != null && (idNode.isTextual() || idNode.isIntegralNumber()) ? idNode.asText() : null;
        if (id == null || id.isEmpty() || id.length() > 128) {
            return Ack.error(null, "command needs an \"id\": a string of 1..128 characters");
        }
        Ack before = answered.get(id);
        if (before != null) {
            return new Ack(id, before.ok(), before.error(), null);
        }
        Ack ack = carryOut(id, root);
        answered.put(id, ack);
        return ack;
    }

    private Ack carryOut(String id, JsonNode root) {
        JsonNode typeNode = root.get("type");
        if (typeNode == null || !typeNode.isTextual()) {
            return Ack.error(id, "command needs a \"type\" string");
        }
        JsonNode params = root.get("params");
        if (params != null && !params.isNull() && !params.isObject()) {
            return Ack.error(id, "\"params\" must be an object");
        }
        ObjectNode p = params instanceof ObjectNode o ? o : Payloads.JSON.createObjectNode();
        return switch (typeNode.asText()) {
            case "startRecording" -> startRecording(id, p);
            case "stopRecording" -> noParams(id, p).orElseGet(() -> result(id, recorder.stopByCommand()));
            case "reboot" -> noParams(id, p).orElseGet(() -> new Ack(id, true, null, () -> reboot.accept("command")));
            case "setConfig" -> setConfig(id, p);
            case "locate" -> noParams(id, p).orElseGet(() -> {
                locate.run();
                return Ack.ok(id);
            });
            case "updateFirmware" -> updateFirmware(id, p);
            case "priorityUpload" -> noParams(id, p).orElseGet(() -> result(id, priority.start()));
            case "cancelPriorityUpload" -> noParams(id, p).orElseGet(() -> result(id, priority.stop(StopReason.COMMAND)));
            default -> Ack.error(id, "unknown command type '" + typeNode.asText() + "'; known: startRecording, "
                    + "stopRecording, reboot, setConfig, locate, updateFirmware, priorityUpload, cancelPriorityUpload");
        };
    }

    private Ack startRecording(String id, ObjectNode p) {
        for (var it = p.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!START_PARAMS.contains(k)) {
                return Ack.error(id, "unknown param '" + k + "' for startRecording; known: " + START_PARAMS);
            }
        }
        Trigger trigger = Trigger.COMMAND;
        JsonNode t = p.get("trigger");
        if (t != null) {
            if (!t.isTextual()) {
                return Ack.error(id, "trigger must be a string");
            }
            try {
                trigger = Trigger.valueOf(t.asText().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return Ack.error(id, "unknown trigger '" + t.asText() + "'");
            }
        }
        JsonNode c = p.get("category");
        if (c != null && !c.isTextual()) {
            return Ack.error(id, "category must be a string");
        }
        JsonNode f = p.get("flagged");
        if (f != null && !f.isBoolean()) {
            return Ack.error(id, "flagged must be true or false");
        }
        return result(id, recorder.start(trigger, c == null ? "uncategorized" : c.asText(), f != null && f.asBoolean()));
    }

    private Ack setConfig(String id, ObjectNode p) {
        if (p.isEmpty()) {
            return Ack.error(id, "setConfig needs params, any of " + CameraSettings.KEYS);
        }
        Map<String, String> changes = new LinkedHashMap<>();
        for (var e : p.properties()) {
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                return Ack.error(id, e.getKey() + " must be a string or a number");
            }
            changes.put(e.getKey(), e.getValue().asText());
        }
        return result(id, settings.apply(changes, "command"));
    }

    /** A firmware offer (docs/contract, {@code updateFirmware}): checked whole, then handed to the updater. */
    private Ack updateFirmware(String id, ObjectNode p) {
        FirmwareOffer offer;
        try {
            offer = FirmwareOffer.parse(p);
        } catch (IllegalArgumentException e) {
            return Ack.error(id, e.getMessage());
        }
        return result(id, firmware.offer(offer, "command"));
    }

    private static Optional<Ack> noParams(String id, ObjectNode p) {
        return p.isEmpty() ? Optional.empty() : Optional.of(Ack.error(id, "this command takes no params"));
    }

    private static Ack result(String id, Optional<String> error) {
        return error.map(e -> Ack.error(id, e)).orElseGet(() -> Ack.ok(id));
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
