package io.bodycam.bench.live.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.bodycam.bench.live.CameraAction;
import io.bodycam.sim.state.Trigger;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a {@link CameraAction} from the JSON the page posts: {@code {"action": "pullNetwork",
 * "seconds": 30}}. Anything wrong gives an {@link IllegalArgumentException} whose message the caller
 * shows as it is: the field, what it must be, what it was.
 */
public final class ActionJson {

    /** Every action name, as the page offers them. */
    public static final Set<String> NAMES = Set.of("powerOn", "powerOff", "record", "stop", "dock", "undock", "pullNetwork",
            "powerCut", "setBattery", "setStorage", "skewClock", "sendCommand");

    private ActionJson() {
    }

    public static CameraAction parse(JsonNode n) {
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("an action is a JSON object like {\"action\": \"powerCut\"}");
        }
        JsonNode name = n.get("action");
        if (name == null || !name.isTextual()) {
            throw new IllegalArgumentException("\"action\" is missing: one of " + String.join(", ", new TreeSet<>(NAMES)));
        }
        return switch (name.asText()) {
            case "powerOn" -> new CameraAction.PowerOn();
            case "powerOff" -> new CameraAction.PowerOff();
            case "record" -> new CameraAction.StartRecording(trigger(n));
            case "stop" -> new CameraAction.StopRecording();
            case "dock" -> new CameraAction.Dock();
            case "undock" -> new CameraAction.Undock();
            case "pullNetwork" -> new CameraAction.PullNetwork(seconds(n, "seconds"));
            case "powerCut" -> new CameraAction.PowerCut();
            case "setBattery" -> new CameraAction.SetBattery(number(n, "percent"));
            case "setStorage" -> new CameraAction.SetStorage(bool(n, "full"));
            case "skewClock" -> new CameraAction.SkewClock(seconds(n, "seconds"));
            case "sendCommand" -> command(n);
            default -> throw new IllegalArgumentException("unknown action \"" + name.asText() + "\": one of "
                    + String.join(", ", new TreeSet<>(NAMES)));
        };
    }

    private static Trigger trigger(JsonNode n) {
        JsonNode t = n.get("trigger");
        if (t == null) {
            return Trigger.BUTTON;
        }
        if (!t.isTextual()) {
            throw new IllegalArgumentException("\"trigger\" must be button, holster or lightbar, was " + t);
        }
        try {
            return Trigger.valueOf(t.asText().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"trigger\" must be button, holster or lightbar, was \"" + t.asText() + "\"");
        }
    }

    private static double number(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isNumber()) {
            throw new IllegalArgumentException("\"" + field + "\" must be a number, was " + (v == null ? "missing" : v));
        }
        return v.asDouble();
    }

    private static boolean bool(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isBoolean()) {
            throw new IllegalArgumentException("\"" + field + "\" must be true or false, was " + (v == null ? "missing" : v));
        }
        return v.asBoolean();
    }

    private static Duration seconds(JsonNode n, String field) {
        double s = number(n, field);
        if (!Double.isFinite(s) || Math.abs(s) > 1e10) {
            throw new IllegalArgumentException("\"" + field + "\" is out of range: " + s);
        }
        return Duration.ofMillis(Math.round(s * 1000));
    }

    private static CameraAction command(JsonNode n) {
        JsonNode type = n.get("type");
        if (type == null || !type.isTextual()) {
            throw new IllegalArgumentException("\"type\" must be the command type, like \"locate\", was "
                    + (type == null ? "missing" : type));
        }
        Map<String, Object> params = new LinkedHashMap<>();
        JsonNode p = n.get("params");
        if (p != null && !p.isNull()) {
            if (!p.isObject()) {
                throw new IllegalArgumentException("\"params\" must be a JSON object, was " + p);
            }
            p.properties().forEach(e -> params.put(e.getKey(), scalar(e.getKey(), e.getValue())));
        }
        return new CameraAction.SendCommand(type.asText(), params);
    }

    private static Object scalar(String key, JsonNode v) {
        if (v.isTextual()) {
            return v.asText();
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isIntegralNumber()) {
            return v.asLong();
        }
        if (v.isNumber()) {
            return v.asDouble();
        }
        throw new IllegalArgumentException("command param " + key + " must be a string, number or boolean, was " + v);
    }
}
