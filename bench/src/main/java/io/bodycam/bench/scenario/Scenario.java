package io.bodycam.bench.scenario;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A scenario: who is in the fleet, what happens to them and when, and what must hold at the end. The
 * YAML loader ({@link ScenarioLoader}) and Java code build the same immutable value; the runner takes
 * nothing else.
 *
 * @param duration   the most virtual time the run may take; it ends earlier once the timeline is over
 *                   and every camera is docked and idle (or off)
 * @param clockSpeed virtual seconds per wall second (1 = real time)
 */
public record Scenario(String name, String description, long seed, Duration duration, double clockSpeed,
                       Backend backend, double payloadScale, List<FleetGroup> fleet, Behaviour behaviour,
                       List<TimelineEvent> timeline, List<Assertion> assertions) {

    public Scenario {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("name must be 1..64 of [A-Za-z0-9._-] (it names the run folder), was '" + name + "'");
        }
        description = description == null ? "" : description;
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("duration must be > 0, was " + duration);
        }
        if (!(clockSpeed > 0 && clockSpeed <= 100_000)) {
            throw new IllegalArgumentException("clock speed must be > 0 and <= 100000, was " + clockSpeed);
        }
        Objects.requireNonNull(backend, "backend");
        if (!(payloadScale > 0 && payloadScale <= 1)) {
            throw new IllegalArgumentException("payload scale must be > 0 and <= 1, was " + payloadScale);
        }
        fleet = List.copyOf(fleet);
        if (fleet.isEmpty()) {
            throw new IllegalArgumentException("a scenario needs at least one fleet group");
        }
        Objects.requireNonNull(behaviour, "behaviour");
        timeline = List.copyOf(timeline);
        assertions = List.copyOf(assertions);
        for (TimelineEvent e : timeline) {
            if (e.at().compareTo(duration) > 0) {
                throw new IllegalArgumentException("timeline event '" + e.kind() + "' at " + e.at() + " is after the end of the run (" + duration + ")");
            }
        }
    }

    /** Cameras in all groups. */
    public int cameraCount() {
        return fleet.stream().mapToInt(FleetGroup::count).sum();
    }
}
