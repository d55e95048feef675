package io.bodycam.bench.live;

import io.bodycam.sim.state.Mode;

/**
 * The colour of a camera on the map, as supervisors read a fleet: red recording, green buffering and
 * ready, grey off, docked or asleep, blue uploading, purple in error. The page receives each camera's
 * colour with its state, so this rule exists once.
 */
public enum MarkerColour {
    RECORDING("#d7191c", "recording"),
    UPLOADING("#2b83ba", "uploading"),
    READY("#1a9641", "buffering, ready"),
    ERROR("#9b30c8", "error"),
    IDLE("#8c8c8c", "off, docked, asleep, booting");

    private final String css;
    private final String label;

    MarkerColour(String css, String label) {
        this.css = css;
        this.label = label;
    }

    /** Recording wins, then uploading (docked or priority), then error, ready; anything else is grey. */
    public static MarkerColour of(CameraState s) {
        if (s.mode() == Mode.RECORDING) {
            return RECORDING;
        }
        if (s.uploading() || s.mode() == Mode.PRIORITY_UPLOAD) {
            return UPLOADING;
        }
        return switch (s.mode()) {
            case ERROR -> ERROR;
            case READY_BUFFERING -> READY;
            default -> IDLE;
        };
    }

    /** The CSS colour the page draws. */
    public String css() {
        return css;
    }

    /** What the legend says. */
    public String label() {
        return label;
    }
}
