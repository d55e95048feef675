package io.bodycam.bench.scenario;

import io.bodycam.sim.camera.CameraConfig;

import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A group of cameras alike: how many, how they are named, their agency, their profile, settings that
 * differ from the profile, and what their officers do.
 *
 * @param idPattern device ids, with {@code {index}} or a zero-padded {@code {index:0000}} for the
 *                  camera's 1-based number in the whole fleet
 * @param camera    everything that sets up a camera of this group: the profile's settings, then the
 *                  group's own
 */
public record FleetGroup(String name, int count, String idPattern, String agency, String profile,
                         UnaryOperator<CameraConfig.Builder> camera, Behaviour behaviour) {

    private static final Pattern INDEX = Pattern.compile("\\{index(?::(0+))?}");

    public FleetGroup {
        Objects.requireNonNull(name, "name");
        if (count < 1 || count > 100_000) {
            throw new IllegalArgumentException("group '" + name + "': count must be 1..100000, was " + count);
        }
        if (idPattern == null || !INDEX.matcher(idPattern).find()) {
            throw new IllegalArgumentException("group '" + name + "': idPattern must contain {index} or {index:0000}, was '" + idPattern + "'");
        }
        Objects.requireNonNull(agency, "agency");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(camera, "camera");
        Objects.requireNonNull(behaviour, "behaviour");
    }

    public static Builder builder(String name) {
        return new Builder(name);
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

    /** Builds a {@link FleetGroup}: a profile (built-in {@code patrol-vehicle} by default) plus the group's own settings. */
    public static final class Builder {
        private final String name;
        private int count = 1;
        private String idPattern = "CAM-{index:0000}";
        private String agency = "ipd";
        private Profile profile = Profile.BUILT_IN.get("patrol-vehicle");
        private UnaryOperator<CameraConfig.Builder> camera = UnaryOperator.identity();
        private Behaviour behaviour;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        public Builder count(int v) {
            count = v;
            return this;
        }

        public Builder idPattern(String v) {
            idPattern = v;
            return this;
        }

        public Builder agency(String v) {
            agency = v;
            return this;
        }

        public Builder profile(Profile v) {
            profile = Objects.requireNonNull(v, "profile");
            return this;
        }

        /** Camera settings applied after the profile's. */
        public Builder camera(UnaryOperator<CameraConfig.Builder> v) {
            camera = Objects.requireNonNull(v, "camera");
            return this;
        }

        /** The group's behaviour; without one, the profile's. */
        public Builder behaviour(Behaviour v) {
            behaviour = v;
            return this;
        }

        public FleetGroup build() {
            Profile p = profile;
            UnaryOperator<CameraConfig.Builder> own = camera;
            UnaryOperator<CameraConfig.Builder> all = b -> own.apply(p.camera().apply(
                    b.patrol(CameraConfig.DEFAULT_LAT, CameraConfig.DEFAULT_LON, p.style())));
            return new FleetGroup(name, count, idPattern, agency, p.name(), all, behaviour != null ? behaviour : p.behaviour());
        }
    }
}
