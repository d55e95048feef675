package io.bodycam.bench.scenario;

import io.bodycam.sim.camera.CameraConfig;
import io.bodycam.sim.gps.PatrolStyle;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A kind of officer and camera: how they move, camera settings that differ from the defaults, and
 * what the officer does on duty. Groups name a profile; built-in ones can be extended by profiles
 * defined in the scenario or an included file ({@code base: patrol-vehicle}).
 */
public record Profile(String name, PatrolStyle style, UnaryOperator<CameraConfig.Builder> camera, Behaviour behaviour) {

    /** The built-in profiles by name. */
    public static final Map<String, Profile> BUILT_IN;

    static {
        Map<String, Profile> m = new LinkedHashMap<>();
        m.put("patrol-vehicle", new Profile("patrol-vehicle", PatrolStyle.VEHICLE, UnaryOperator.identity(), Behaviour.DEFAULT));
        m.put("patrol-foot", new Profile("patrol-foot", PatrolStyle.FOOT, UnaryOperator.identity(), Behaviour.DEFAULT));
        // desk officers record rarely [GUESS]
        m.put("desk", new Profile("desk", PatrolStyle.DESK, UnaryOperator.identity(),
                Behaviour.DEFAULT.toBuilder().incidentsPerHour(0.05).build()));
        BUILT_IN = java.util.Collections.unmodifiableMap(m);
    }

    public Profile {
        Objects.requireNonNull(name, "profile name");
        Objects.requireNonNull(style, "patrol style");
        Objects.requireNonNull(camera, "camera settings");
        Objects.requireNonNull(behaviour, "behaviour");
    }

    /** This profile's camera settings, then {@code more} on top. */
    public Profile extend(String newName, UnaryOperator<CameraConfig.Builder> more, Behaviour newBehaviour) {
        UnaryOperator<CameraConfig.Builder> base = camera;
        return new Profile(newName, style, b -> more.apply(base.apply(b)), newBehaviour);
    }
}
