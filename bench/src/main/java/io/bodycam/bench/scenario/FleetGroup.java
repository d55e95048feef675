package io.bodycam.bench.scenario;

import io.bodycam.sim.camera.CameraConfig;

import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A group of identical cameras: how many, how they are named, their agency, and the camera settings
 * that differ from the defaults (applied to each camera's {@link CameraConfig.Builder}).
 *
 * @param idPattern device ids, with {@code {index}} or a zero-padded {@code {index:0000}} for the
 *                  camera's 1-based number in the whole fleet
 */
public record FleetGroup(String name, int count, String idPattern, String agency,
                         UnaryOperator<CameraConfig.Builder> camera) {

    private static final Pattern INDEX = Pattern.compile("\\{index(?::(0+))?}");

    public FleetGroup {
        Objects.requireNonNull(name, "name");
        if (count < 1 || count > 100_000) {
            throw new IllegalArgumentException("group '" + name + "': count must be 1..100000, was " + count);
        }
        if (!INDEX.matcher(idPattern).find()) {
            throw new IllegalArgumentException("group '" + name + "': idPattern must contain {index} or {index:0000}, was '" + idPattern + "'");
        }
        Objects.requireNonNull(agency, "agency");
        camera = camera == null ? UnaryOperator.identity() : camera;
    }

    /** The device id of the camera numbered {@code index} (1-based, fleet-wide). */
    public String deviceId(int index) {
        Matcher m = INDEX.matcher(idPattern);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String width = m.group(1);
            String n = width == null ? Integer.toString(index) : String.format("%0" + width.length() + "d", index);
            m.appendReplacement(sb, Matcher.quoteReplacement(n));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
