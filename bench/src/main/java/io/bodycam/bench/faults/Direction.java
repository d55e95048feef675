package io.bodycam.bench.faults;

import java.util.Locale;

/**
 * Which way through a {@link FaultProxy} a toxic acts, in Toxiproxy's words: {@code upstream} is from
 * the client (the camera) to the server (broker or evidence backend), {@code downstream} back.
 */
public enum Direction {
    UPSTREAM,
    DOWNSTREAM;

    /** The spelling of the control API: lower case. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Direction parse(String text) {
        for (Direction d : values()) {
            if (d.wireName().equals(text)) {
                return d;
            }
        }
        throw new IllegalArgumentException("stream must be upstream or downstream, was '" + text + "'");
    }
}
