package io.bodycam.bench.live;

import io.bodycam.sim.state.Trigger;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Something a person does to one camera from the dashboard (issue 17, section 1): what the officer does
 * (power, record, stop, dock), what the world does (holster and light-bar triggers, pulling the network,
 * a power cut, a drained battery, a full card, a wrong clock) and a command as the backend would send
 * it. Each value checks its arguments when built and names the field it refuses.
 */
public sealed interface CameraAction {

    /** The action's name on the wire ({@code {"action": "powerCut"}}). */
    String kind();

    /** Switches the camera on. */
    record PowerOn() implements CameraAction {
        public String kind() {
            return "powerOn";
        }
    }

    /** Switches the camera off cleanly (the recording closes, it says offline). */
    record PowerOff() implements CameraAction {
        public String kind() {
            return "powerOff";
        }
    }

    /** Starts a recording: the record button, the holster sensor or the light bar. */
    record StartRecording(Trigger trigger) implements CameraAction {
        public StartRecording {
            Objects.requireNonNull(trigger, "trigger");
            if (trigger != Trigger.BUTTON && trigger != Trigger.HOLSTER && trigger != Trigger.LIGHTBAR) {
                throw new IllegalArgumentException("trigger must be button, holster or lightbar, was " + trigger.wireName()
                        + " (a backend command is sendCommand startRecording)");
            }
        }

        public String kind() {
            return "record";
        }
    }

    /** Stops the recording, as a long press would. */
    record StopRecording() implements CameraAction {
        public String kind() {
            return "stop";
        }
    }

    /** Puts the camera in its dock: it charges and uploads. */
    record Dock() implements CameraAction {
        public String kind() {
            return "dock";
        }
    }

    /** Takes the camera out of its dock. */
    record Undock() implements CameraAction {
        public String kind() {
            return "undock";
        }
    }

    /** The camera's network goes away without a goodbye (the backend sees its Will) and comes back after {@code length}. */
    record PullNetwork(Duration length) implements CameraAction {
        public PullNetwork {
            Objects.requireNonNull(length, "length");
            if (length.compareTo(Duration.ofSeconds(1)) < 0 || length.compareTo(Duration.ofHours(12)) > 0) {
                throw new IllegalArgumentException("network outage length must be 1 s..12 h, was " + length.toMillis() + " ms");
            }
        }

        public String kind() {
            return "pullNetwork";
        }
    }

    /** The power dies at once: no goodbye, the open segment is lost, the next boot recovers. */
    record PowerCut() implements CameraAction {
        public String kind() {
            return "powerCut";
        }
    }

    /** Sets the battery charge at once. */
    record SetBattery(double percent) implements CameraAction {
        public SetBattery {
            if (!(percent >= 0 && percent <= 100)) {
                throw new IllegalArgumentException("battery percent must be 0..100, was " + percent);
            }
        }

        public String kind() {
            return "setBattery";
        }
    }

    /** Fills the card with data that is not evidence (full: recording stops), or gives that room back. */
    record SetStorage(boolean full) implements CameraAction {
        public String kind() {
            return "setStorage";
        }
    }

    /** Moves the camera's clock by {@code by} (negative: back). */
    record SkewClock(Duration by) implements CameraAction {
        public SkewClock {
            Objects.requireNonNull(by, "by");
            if (by.isZero() || by.abs().compareTo(Duration.ofDays(36_500)) > 0) {
                throw new IllegalArgumentException("clock skew must be non-zero and within ±36500 days, was " + by);
            }
        }

        public String kind() {
            return "skewClock";
        }
    }

    /**
     * A command as the backend sends it on the camera's {@code cmd} topic ({@code {id, type, params}};
     * docs/contract): the camera answers on {@code cmd/ack}, an error included.
     *
     * @param params flat JSON values: strings, numbers, booleans
     */
    record SendCommand(String type, Map<String, Object> params) implements CameraAction {

        private static final Pattern TYPE = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,63}");

        public SendCommand {
            Objects.requireNonNull(type, "type");
            if (!TYPE.matcher(type).matches()) {
                throw new IllegalArgumentException("command type must be 1..64 letters and digits, was \"" + type + "\"");
            }
            Objects.requireNonNull(params, "params");
            params.forEach((k, v) -> {
                if (!(v instanceof String || v instanceof Number || v instanceof Boolean)) {
                    throw new IllegalArgumentException("command param " + k + " must be a string, number or boolean, was "
                            + (v == null ? "null" : v.getClass().getSimpleName()));
                }
            });
            params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        }

        public String kind() {
            return "sendCommand";
        }
    }
}
