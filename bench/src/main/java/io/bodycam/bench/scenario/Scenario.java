package io.bodycam.bench.scenario;

import io.bodycam.bench.observer.SchemaCheck;
import io.bodycam.bench.scenario.assertions.Assertion;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A scenario: who is in the fleet, what happens to them and when, and what must hold at the end. The
 * YAML loader ({@link ScenarioLoader}) and Java code ({@link #builder(String)}) build the same
 * immutable value; the runner takes nothing else.
 *
 * @param start      the virtual clock's start; null for the wall clock's now
 * @param duration   the most virtual time the run may take; it ends earlier once the timeline is over
 *                   and every camera is docked and idle (or off)
 * @param clockSpeed virtual seconds per wall second (1 = real time)
 * @param video      how the cameras film with {@code payload: mp4}; null for synthetic payloads
 * @param impostors  attempts on the backend with bad certificates or another camera's identity ({@link Impostors#NONE}: none)
 * @param clockMode  real network and a clock that follows the wall clock, or simulated: one discrete-event
 *                   clock and an in-memory network (docs/reproduce.md)
 * @param schemaCheck which messages the observer validates against their schema (scenario key
 *                   {@code observer.schemaCheck}); unless told, all of them in a fleet of up to
 *                   {@value #CHECK_ALL_UP_TO} cameras, a sample above
 */
public record Scenario(String name, String description, long seed, Instant start, Duration duration, double clockSpeed,
                       Backend backend, PayloadMode payload, double payloadScale, Site site, List<FleetGroup> fleet,
                       List<TimelineEvent> timeline, List<Assertion> assertions, Video video, Impostors impostors,
                       ClockMode clockMode, SchemaCheck schemaCheck) {

    /** The most cameras whose every message the observer validates unless {@code observer.schemaCheck} says otherwise. */
    public static final int CHECK_ALL_UP_TO = 1_000;

    public Scenario {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("name must be 1..64 of A-Z a-z 0-9 . _ - (it names the run folder), was '" + name + "'");
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
        Objects.requireNonNull(payload, "payload");
        if (!(payloadScale > 0 && payloadScale <= 1)) {
            throw new IllegalArgumentException("payload scale must be > 0 and <= 1, was " + payloadScale);
        }
        if (payload == PayloadMode.MP4 && video == null) {
            throw new IllegalArgumentException("payload mp4 needs its video settings");
        }
        if (payload != PayloadMode.MP4 && video != null) {
            throw new IllegalArgumentException("video settings apply to payload mp4 only");
        }
        if (payload == PayloadMode.MP4 && payloadScale != 1) {
            throw new IllegalArgumentException("payloadScale applies to synthetic payloads only: an mp4 segment is a real "
                    + "video file at the video bitrate (make files smaller with video.resolution: 360p or video.bitrate)");
        }
        Objects.requireNonNull(site, "site");
        fleet = List.copyOf(fleet);
        if (fleet.isEmpty()) {
            throw new IllegalArgumentException("a scenario needs at least one fleet group");
        }
        timeline = List.copyOf(timeline);
        assertions = List.copyOf(assertions);
        check(duration, fleet, timeline, assertions);
        Objects.requireNonNull(impostors, "impostors");
        Objects.requireNonNull(clockMode, "clockMode");
        Objects.requireNonNull(schemaCheck, "schemaCheck");
        if (impostors.any() && (backend.tls() == null || backend.tls().certs() == null)) {
            throw new IllegalArgumentException("impostors need mutual TLS: backend.tls.certs, a bodycam pki folder");
        }
        if (impostors.kinds().stream().anyMatch(ImpostorKind::upload) && !backend.uploadTls()) {
            throw new IllegalArgumentException("the otherUpload impostor needs uploads over mutual TLS, or the server cannot "
                    + "tell who uploads: backend.tls.uploads: mutual (embedded), or an https:// upload URL");
        }
        if (impostors.at().compareTo(duration) > 0) {
            throw new IllegalArgumentException("impostors.at " + impostors.at() + " is after the end of the run (" + duration + ")");
        }
    }

    /** How a run keeps time and talks to its backend (scenario key {@code clock.mode}). */
    public enum ClockMode {
        /** Real sockets, a virtual clock that follows the wall clock at {@code clock.speed}: what load tests use. */
        REAL,
        /**
         * One discrete-event clock and an in-memory network with seeded latencies, no wall time anywhere:
         * the same scenario, seed and build replay the same run, as fast as the CPU allows.
         */
        SIMULATED
    }

    /** The same scenario against another backend. */
    public Scenario withBackend(Backend other) {
        return new Scenario(name, description, seed, start, duration, clockSpeed, other, payload, payloadScale, site, fleet,
                timeline, assertions, video, impostors, clockMode, schemaCheck);
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Cameras in all groups. */
    public int cameraCount() {
        return fleet.stream().mapToInt(FleetGroup::count).sum();
    }

    /** The phases the timeline opens, in order. */
    public List<String> phases() {
        return timeline.stream().map(TimelineEvent::phase).filter(Objects::nonNull).toList();
    }

    private static void check(Duration duration, List<FleetGroup> fleet, List<TimelineEvent> timeline, List<Assertion> assertions) {
        Set<String> groups = new HashSet<>();
        Set<String> ids = new HashSet<>();
        int index = 0;
        for (FleetGroup g : fleet) {
            if (!groups.add(g.name())) {
                throw new IllegalArgumentException("two fleet groups are named '" + g.name() + "'");
            }
            for (int k = 0; k < g.count(); k++) {
                String id = g.deviceId(++index);
                if (!ids.add(id)) {
                    throw new IllegalArgumentException("device id " + id + " is given twice; make the groups' idPatterns differ");
                }
            }
        }
        Set<String> phases = new HashSet<>();
        for (TimelineEvent e : timeline) {
            if (e.at().compareTo(duration) > 0) {
                throw new IllegalArgumentException("timeline event '" + e.kind() + "' at " + e.at() + " is after the end of the run (" + duration + ")");
            }
            if (e.phase() != null && !phases.add(e.phase())) {
                throw new IllegalArgumentException("two timeline entries open phase '" + e.phase() + "'");
            }
            for (String g : e.select().groups()) {
                if (!groups.contains(g)) {
                    throw new IllegalArgumentException("timeline event '" + e.kind() + "' names group '" + g + "', which the fleet does not have");
                }
            }
            for (String c : e.select().cameras()) {
                if (!ids.contains(c)) {
                    throw new IllegalArgumentException("timeline event '" + e.kind() + "' names camera '" + c + "', which the fleet does not have");
                }
            }
        }
        for (Assertion a : assertions) {
            if (a.after() != null && !phases.contains(a.after())) {
                throw new IllegalArgumentException("assertion '" + a.expr() + "' is bounded after phase '" + a.after()
                        + "', which no timeline entry opens" + (phases.isEmpty() ? "" : "; phases: " + phases));
            }
            if (a.during() != null && !phases.contains(a.during())) {
                throw new IllegalArgumentException("assertion '" + a.expr() + "' is during phase '" + a.during()
                        + "', which no timeline entry opens" + (phases.isEmpty() ? "" : "; phases: " + phases));
            }
        }
    }

    /** Builds a {@link Scenario}; {@link #build()} checks the whole, naming what is wrong. */
    public static final class Builder {
        private final String name;
        private String description = "";
        private long seed = 1;
        private Instant start;
        private Duration duration;
        private double clockSpeed = 1;
        private Backend backend = Backend.embedded(Backend.MqttVersion.V3_1_1);
        private PayloadMode payload = PayloadMode.SYNTHETIC;
        private double payloadScale = 1;
        private Video video;
        private Impostors impostors = Impostors.NONE;
        private ClockMode clockMode = ClockMode.REAL;
        private SchemaCheck schemaCheck;
        private Site site = Site.UNLIMITED;
        private final List<FleetGroup> fleet = new ArrayList<>();
        private final List<TimelineEvent> timeline = new ArrayList<>();
        private final List<Assertion> assertions = new ArrayList<>();

        private Builder(String name) {
            this.name = name;
        }

        public Builder description(String v) {
            description = v;
            return this;
        }

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        /** The virtual clock's start; without it, the wall clock's now. */
        public Builder start(Instant v) {
            start = v;
            return this;
        }

        public Builder duration(Duration v) {
            duration = v;
            return this;
        }

        public Builder clockSpeed(double v) {
            clockSpeed = v;
            return this;
        }

        public Builder backend(Backend v) {
            backend = v;
            return this;
        }

        public Builder payload(PayloadMode mode, double scale) {
            payload = mode;
            payloadScale = scale;
            return this;
        }

        /** How the cameras film with payload mp4 (docs/video.md). */
        public Builder video(Video v) {
            video = v;
            return this;
        }

        /** Real network on the wall clock, or simulated (docs/reproduce.md). */
        public Builder clockMode(ClockMode v) {
            clockMode = v;
            return this;
        }

        /** Which messages the observer validates against their schema; without it, by the fleet's size. */
        public Builder schemaCheck(SchemaCheck v) {
            schemaCheck = v;
            return this;
        }

        /** Impostor cameras beside the fleet (docs/security.md#impostors). */
        public Builder impostors(Impostors v) {
            impostors = v;
            return this;
        }

        public Builder site(Site v) {
            site = v;
            return this;
        }

        public Builder group(FleetGroup g) {
            fleet.add(g);
            return this;
        }

        public Builder event(TimelineEvent e) {
            timeline.add(e);
            return this;
        }

        public Builder assertion(Assertion a) {
            assertions.add(a);
            return this;
        }

        public Scenario build() {
            Video v = video != null || payload != PayloadMode.MP4 ? video : new Video(io.bodycam.sim.video.VideoFormat.defaults(), true);
            SchemaCheck check = schemaCheck != null ? schemaCheck
                    : fleet.stream().mapToInt(FleetGroup::count).sum() <= CHECK_ALL_UP_TO ? SchemaCheck.ALL : SchemaCheck.SAMPLE;
            return new Scenario(name, description, seed, start, duration, clockSpeed, backend, payload, payloadScale, site,
                    fleet, timeline, assertions, v, impostors, clockMode, check);
        }
    }
}
