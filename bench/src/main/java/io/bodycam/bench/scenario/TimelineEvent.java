package io.bodycam.bench.scenario;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Something that happens to a selection of the fleet at a virtual time after the start, spread evenly
 * over a window ({@code over}, in camera order). An event may also open a named phase that lasts until
 * the next one; assertions can look at a phase only ({@code during}).
 *
 * @param phase null, or the name of the phase this event opens
 */
public record TimelineEvent(Duration at, String phase, Selector select, Duration over, Action action) {

    public TimelineEvent {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(select, "select");
        Objects.requireNonNull(over, "over");
        Objects.requireNonNull(action, "action");
        if (at.isNegative()) {
            throw new IllegalArgumentException("at must be >= 0, was " + at);
        }
        if (over.isNegative()) {
            throw new IllegalArgumentException("over must be >= 0, was " + over);
        }
    }

    /** An event for every camera, at once. */
    public static TimelineEvent of(Duration at, Action action) {
        return new TimelineEvent(at, null, Selector.ALL, Duration.ZERO, action);
    }

    /** The same event spread over {@code window}. */
    public TimelineEvent over(Duration window) {
        return new TimelineEvent(at, phase, select, window, action);
    }

    /** The same event for other cameras. */
    public TimelineEvent select(Selector s) {
        return new TimelineEvent(at, phase, s, over, action);
    }

    /** The event's name in scenario files. */
    public String kind() {
        return action.kind();
    }

    /** What happens to each selected camera. */
    public sealed interface Action {
        String kind();
    }

    /**
     * Nothing happens to any camera: the entry only opens its {@code phase}, so assertions can be judged
     * from a moment no action marks (for example after the power-on storm).
     */
    public record PhaseMark() implements Action {
        public String kind() {
            return "phase";
        }
    }

    /** The camera switches on and its officer goes on duty. */
    public record PowerOn() implements Action {
        public String kind() {
            return "powerOn";
        }
    }

    /** The camera is switched off cleanly. */
    public record PowerOff() implements Action {
        public String kind() {
            return "powerOff";
        }
    }

    /** The start of a shift: the camera leaves its dock (switching on if needed) and its officer goes on duty. */
    public record ShiftStart() implements Action {
        public String kind() {
            return "shiftStart";
        }
    }

    /** The end of a shift: the officer goes off duty and docks the camera (recording stops, upload starts). */
    public record ShiftEnd() implements Action {
        public String kind() {
            return "shiftEnd";
        }
    }

    /** The camera goes into its dock. */
    public record Dock() implements Action {
        public String kind() {
            return "dock";
        }
    }

    /** The camera leaves its dock; its officer goes on duty. */
    public record Undock() implements Action {
        public String kind() {
            return "undock";
        }
    }

    /** The camera starts recording (a Signal-style mass activation [S16]) for {@code length}. */
    public record Surge(Duration length) implements Action {
        public Surge {
            if (length == null || length.isNegative() || length.isZero()) {
                throw new IllegalArgumentException("surge length must be > 0, was " + length);
            }
        }

        public String kind() {
            return "surge";
        }
    }

    /** The camera goes into sleep mode (no pre-event buffer [S13]). */
    public record Sleep() implements Action {
        public String kind() {
            return "sleep";
        }
    }

    /** The camera wakes from sleep mode. */
    public record Wake() implements Action {
        public String kind() {
            return "wake";
        }
    }

    /** The backend sends the camera a command through the broker. */
    public record Command(String type, Map<String, Object> params) implements Action {
        public Command {
            Objects.requireNonNull(type, "type");
            params = Map.copyOf(params);
        }

        public String kind() {
            return "command";
        }
    }

    /**
     * The backend offers firmware {@code version} to the camera (the {@code updateFirmware} command, and
     * at its next dock's config sync), to be downloaded within {@code window} from the event's moment:
     * each camera picks its own moment in it ("Firmware Download Timeframe" [S13]). The image is
     * {@code size} bytes nominal (times the run's payload scale on the wire); {@code image} says whether
     * the camera gets the genuine image or a bad one it must reject.
     */
    public record FirmwareRollout(String version, Duration window, long size, Image image) implements Action {
        /** What the camera is offered (docs/domain.md#failure-firmware, docs/domain.md#firmware-signing). */
        public enum Image {
            /** The signed image. */
            GENUINE,
            /** The image with its manifest signed by a key the cameras do not trust. */
            BAD_SIGNATURE,
            /** A copy with one byte changed, under the genuine signature. */
            TAMPERED
        }

        public FirmwareRollout {
            io.bodycam.sim.firmware.FirmwareVersion.require(version);
            Objects.requireNonNull(image, "image");
            if (window == null || window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("firmware download window must be > 0, was " + window);
            }
            if (size <= 0) {
                throw new IllegalArgumentException("firmware image size must be > 0 bytes, was " + size);
            }
        }

        public String kind() {
            return "firmwareRollout";
        }
    }

    /** The officer picks Priority Upload: the latest recording goes up over LTE [S11]. */
    public record PriorityUpload() implements Action {
        public String kind() {
            return "priorityUpload";
        }
    }

    /**
     * A fault (the reliability work): {@code kind} says what, {@code length} how long it lasts (zero
     * for instantaneous ones), {@code params} its settings.
     */
    public record Fault(FaultKind fault, Duration length, Map<String, String> params) implements Action {
        public Fault {
            Objects.requireNonNull(fault, "fault kind");
            Objects.requireNonNull(length, "length");
            params = Map.copyOf(params);
        }

        public String kind() {
            return "fault";
        }
    }
}
