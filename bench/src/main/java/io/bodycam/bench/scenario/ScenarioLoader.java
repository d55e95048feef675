package io.bodycam.bench.scenario;

import io.bodycam.bench.observer.SchemaCheck;
import io.bodycam.bench.scenario.assertions.Assertion;
import io.bodycam.bench.scenario.assertions.AssertionParser;
import io.bodycam.bench.scenario.yaml.Problems;
import io.bodycam.bench.scenario.yaml.ScenarioException;
import io.bodycam.bench.scenario.yaml.Substitutions;
import io.bodycam.bench.scenario.yaml.Suggestions;
import io.bodycam.bench.scenario.yaml.YamlDocument;
import io.bodycam.bench.scenario.yaml.YamlList;
import io.bodycam.bench.scenario.yaml.YamlMap;
import io.bodycam.bench.scenario.yaml.YamlNode;
import io.bodycam.bench.scenario.yaml.YamlScalar;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a scenario file into a {@link Scenario}. Every problem, in the file and in the files it
 * includes, is collected and reported together with file, line and column (a
 * {@link ScenarioException}); a scenario is returned only when everything is valid. The keys are
 * documented in {@code docs/scenarios.md}.
 */
public final class ScenarioLoader {

    private final Problems problems;
    private final Path dir;
    private final Map<String, Profile> profiles = new LinkedHashMap<>(Profile.BUILT_IN);
    private final Set<Path> included = new HashSet<>();

    private ScenarioLoader(Problems problems, Path dir) {
        this.problems = problems;
        this.dir = dir;
    }

    /** Loads and checks a scenario file, with the environment for {@code ${VAR}} and no overrides. */
    public static Scenario load(Path file) {
        return load(file, Substitutions.of(Map.of()));
    }

    /** Loads and checks a scenario file; {@code substitutions} carries the environment and {@code --set} values. */
    public static Scenario load(Path file, Substitutions substitutions) {
        Problems problems = new Problems().substitutions(substitutions);
        ScenarioLoader loader = new ScenarioLoader(problems, file.toAbsolutePath().getParent());
        loader.included.add(file.toAbsolutePath().normalize());
        return loader.read(YamlDocument.load(file, problems), substitutions);
    }

    /** Loads and checks scenario text; {@code sourceName} is used in messages, includes are relative to the working folder. */
    public static Scenario parse(String sourceName, String text) {
        return parse(sourceName, text, Substitutions.NONE);
    }

    public static Scenario parse(String sourceName, String text, Substitutions substitutions) {
        Problems problems = new Problems().substitutions(substitutions);
        return new ScenarioLoader(problems, Path.of("")).read(YamlDocument.parse(sourceName, text, problems), substitutions);
    }

    private Scenario read(YamlMap root, Substitutions substitutions) {
        root.optionalList("include").ifPresent(this::include);
        root.optionalMap("profiles").ifPresent(this::profiles);
        Scenario.Builder b = Scenario.builder(name(root));
        b.description(root.string("description", ""));
        b.seed(root.longInteger("seed", 1, Long.MIN_VALUE, Long.MAX_VALUE));
        OffsetDateTime start = start(root);
        b.start(start == null ? null : start.toInstant());
        Duration duration = root.duration("duration", Duration.ofSeconds(1), Duration.ofDays(30));
        b.duration(duration);
        double speed = root.optionalMap("clock").map(c -> c.decimal("speed", 1, 0.001, 100_000)).orElse(1.0);
        b.clockSpeed(speed);
        b.clockMode(root.optionalMap("clock").map(c -> c.enumValue("mode", Scenario.ClockMode.class, Scenario.ClockMode.REAL))
                .orElse(Scenario.ClockMode.REAL));
        Backend backend = backend(root);
        b.backend(backend);
        PayloadMode payload = payloadMode(root);
        b.payload(payload, root.decimal("payloadScale", 1.0, 1e-9, 1.0));
        Video video = VideoBinder.read(root, payload, problems);
        DeviceProfile profile = backend.profile();
        if (video != null && backend.embedded() && profile.protocol() == DeviceProfile.Protocol.TUS
                && profile.proof() == io.bodycam.sim.link.Proof.READ_BACK) {
            problems.report(root.node("payload").orElse(root), "the embedded backend checks mp4 tus uploads on arrival "
                    + "and keeps none to read back, which profile " + profile.name() + " needs",
                    "use payload: synthetic with this profile, or the reference profile bwc-v1 with mp4");
        }
        root.optionalMap("site").ifPresent(s -> b.site(Site.of(s.integer("docks", 1, 0, 100_000),
                s.integer("baysPerDock", 8, 1, 64), s.dataRate("uplink", 0, 0, 1e12),
                s.integer("uploadConnections", 0, 0, 1_000_000))));
        Behaviour behaviour = root.optionalMap("behaviour").map(m -> BehaviourBinder.read(m, Behaviour.DEFAULT)).orElse(null);
        List<FleetGroup> groups = fleet(root.list("fleet"), behaviour);
        groups.forEach(b::group);
        b.video(video);
        VideoBinder.checkOverlay(root, video, groups.stream().mapToInt(FleetGroup::count).sum(), speed, problems);
        root.optionalList("timeline").map(l -> TimelineBinder.read(l, start, problems)).orElse(List.of()).forEach(b::event);
        root.optionalList("assertions").ifPresent(l -> assertions(l).forEach(b::assertion));
        root.optionalMap("impostors").ifPresent(m -> b.impostors(impostors(m)));
        root.optionalMap("observer").ifPresent(m -> b.schemaCheck(m.enumValue("schemaCheck", SchemaCheck.class, null)));
        root.finish();
        substitutions.reportUnused(problems);
        problems.throwIfAny();
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            problems.report(root, e.getMessage());
            problems.throwIfAny();
            throw e;
        }
    }

    private String name(YamlMap root) {
        String name = root.string("name");
        if (root.has("name") && !name.matches("[A-Za-z0-9._-]{1,64}")) {
            problems.report(root.node("name").orElseThrow(), "name must be 1..64 of A-Z a-z 0-9 . _ - (it names the run folder), was '" + name + "'");
            return "invalid";
        }
        return name;
    }

    private OffsetDateTime start(YamlMap root) {
        return root.optionalString("start").map(text -> {
            try {
                return OffsetDateTime.parse(text.strip());
            } catch (DateTimeParseException e) {
                problems.report(root.node("start").orElseThrow(), "'start': expected a date and time with its offset, like 2027-01-04T06:00:00-06:00, found '" + text + "'");
                return null;
            }
        }).orElse(null);
    }

    /** {@code include: [file, ...]}: files that hold {@code profiles:}, relative to the including file. */
    private void include(YamlList list) {
        for (YamlNode n : list.nodes()) {
            if (!(n instanceof YamlScalar s) || s.isNull()) {
                problems.report(n, "an include is a file name");
                continue;
            }
            Path file = dir.resolve(s.text()).normalize();
            if (!included.add(file.toAbsolutePath().normalize())) {
                problems.report(n, "'" + s.text() + "' is included twice (or includes itself)");
                continue;
            }
            try {
                YamlMap included = YamlDocument.load(file, problems);
                included.optionalList("include").ifPresent(this::include);
                included.optionalMap("profiles").ifPresent(this::profiles);
                included.finish();
            } catch (ScenarioException e) {
                // the problems are in the shared collector already
                continue;
            }
        }
    }

    /** {@code profiles:}: name to {base, camera, behaviour}; a base is built in or defined earlier. */
    private void profiles(YamlMap m) {
        for (String name : m.keys()) {
            YamlMap p = m.map(name);
            String baseName = p.string("base", "patrol-vehicle");
            Profile base = profiles.get(baseName);
            if (base == null) {
                problems.report(p.node("base").orElse(p), "unknown base profile '" + baseName + "'"
                        + Suggestions.closest(baseName, profiles.keySet()).map(s -> ", did you mean '" + s + "'?").orElse(""),
                        "profiles so far: " + profiles.keySet());
                base = Profile.BUILT_IN.get("patrol-vehicle");
            }
            Profile parent = base;
            var camera = p.optionalMap("camera").map(CameraBinder::read).orElse(b -> b);
            Behaviour behaviour = p.optionalMap("behaviour").map(bm -> BehaviourBinder.read(bm, parent.behaviour()))
                    .orElse(parent.behaviour());
            if (Profile.BUILT_IN.containsKey(name)) {
                problems.report(m.keyPosition(name).orElseThrow(), "profile '" + name + "' is built in; give yours another name");
            }
            profiles.put(name, base.extend(name, camera, behaviour));
        }
    }

    private Backend backend(YamlMap root) {
        if (!root.has("backend")) {
            return Backend.embedded(Backend.MqttVersion.V3_1_1);
        }
        YamlNode node = root.node("backend").orElseThrow();
        if (node instanceof YamlScalar s && "embedded".equals(s.text())) {
            return Backend.embedded(Backend.MqttVersion.V3_1_1);
        }
        if (!(node instanceof YamlMap m)) {
            problems.report(node, "backend must be 'embedded' or a mapping with mqtt and upload URLs");
            return Backend.embedded(Backend.MqttVersion.V3_1_1);
        }
        Backend.MqttVersion version = switch (m.string("mqttVersion", "3.1.1")) {
            case "3.1.1" -> Backend.MqttVersion.V3_1_1;
            case "5", "5.0" -> Backend.MqttVersion.V5;
            default -> {
                problems.report(m.node("mqttVersion").orElseThrow(), "mqttVersion must be \"3.1.1\" or \"5\"");
                yield Backend.MqttVersion.V3_1_1;
            }
        };
        String user = m.optionalString("username").orElse(null);
        String pass = m.optionalString("password").orElse(null);
        DeviceProfile profile = m.optionalString("profile")
                .flatMap(ref -> DeviceProfiles.load(ref, m.node("profile").orElseThrow(), problems, dir))
                .orElse(DeviceProfile.REFERENCE);
        String firmwareKey = m.has("firmwareKey") ? firmwareKey(m) : null;
        Backend.ServerClock serverClock = switch (m.string("clock", "wall")) {
            case "wall" -> Backend.ServerClock.WALL;
            case "virtual" -> Backend.ServerClock.VIRTUAL;
            default -> {
                problems.report(m.node("clock").orElseThrow(), "backend clock must be 'wall' (a real backend's time) "
                        + "or 'virtual' (a reference backend started on the run's virtual clock)");
                yield Backend.ServerClock.WALL;
            }
        };
        if (!m.has("mqtt") && !m.has("upload")) {
            if (firmwareKey != null) {
                problems.report(m.node("firmwareKey").orElseThrow(), "firmwareKey is for an external backend; the "
                        + "embedded one gives the cameras its own key", "remove firmwareKey, or give mqtt and upload URLs");
            }
            if (m.has("clock")) {
                problems.report(m.node("clock").orElseThrow(), "clock is for an external backend; the embedded one "
                        + "answers the run's virtual time", "remove clock, or give mqtt and upload URLs");
            }
            if (m.has("profile")) {
                embeddedServes(profile, m.node("profile").orElseThrow());
            }
            return Backend.embedded(version).withCredentials(user, pass).withProfile(profile)
                    .withTls(m.optionalMap("tls").map(this::embeddedTls).orElse(null));
        }
        BackendTls tls = m.optionalMap("tls").map(this::tls).orElse(null);
        URI mqtt = uri(m, "mqtt", "tcp://127.0.0.1:1883");
        URI upload = uri(m, "upload", "http://127.0.0.1:8080");
        URI services = m.has("services") ? uri(m, "services", "http://127.0.0.1:8080") : null;
        if (services != null && profile.protocol() == DeviceProfile.Protocol.TUS) {
            problems.report(m.node("services").orElseThrow(), "a tus profile asks its side services beside the uploads",
                    "remove services, or give the profile another upload protocol");
        }
        try {
            Backend external = Backend.external(mqtt, upload, version).withCredentials(user, pass).withProfile(profile)
                    .withFirmwareKey(firmwareKey).withTls(tls).withClock(serverClock);
            return services == null ? external : external.withServices(services);
        } catch (IllegalArgumentException e) {
            problems.report(m, e.getMessage());
            return Backend.embedded(version);
        }
    }

    /** Reports at {@code node} a profile whose uploads the embedded evidence server cannot store and serve back. */
    private void embeddedServes(DeviceProfile profile, YamlNode node) {
        try {
            EmbeddedReadBack.store(profile, Path.of("store"), Map.of());
        } catch (IllegalArgumentException e) {
            problems.report(node, "the embedded backend cannot serve profile " + profile.name() + ": " + e.getMessage(),
                    "change that setting in the profile, or give backend mqtt and upload URLs of a server that serves it");
        }
    }

    /**
     * {@code backend.firmwareKey}: the external backend's firmware signing key (base64 X.509 Ed25519), or the
     * path of a file holding it (PEM armour allowed), relative to the scenario; null when it is not valid.
     */
    private String firmwareKey(YamlMap m) {
        YamlNode node = m.node("firmwareKey").orElseThrow();
        String text = m.string("firmwareKey").strip();
        Path file = dir.resolve(text).normalize();
        if (!validKey(text) && java.nio.file.Files.isRegularFile(file)) {
            try {
                text = java.nio.file.Files.readString(file);
            } catch (java.io.IOException e) {
                problems.report(node, "cannot read the firmware key file " + file + ": " + e.getMessage());
                return null;
            }
        }
        String key = text.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s+", "");
        if (!validKey(key)) {
            problems.report(node, "firmwareKey must be a base64 X.509 Ed25519 public key, or the path of a file holding one",
                    "the key your backend signs firmware with, e.g. from `openssl pkey -pubout`");
            return null;
        }
        return key;
    }

    private static boolean validKey(String key) {
        try {
            io.bodycam.sim.firmware.FirmwareTrust.of(key);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * {@code backend.tls} of the embedded backend: only {@code certs}, a {@code bodycam pki create} directory the
     * run creates for the scenario's fleet when it has no {@code ca.pem} yet; the broker then asks for mutual TLS
     * and lets each camera use only its own topics; {@code uploads} ({@code plain}, {@code tls} or {@code mutual})
     * says whether the evidence server takes the uploads over HTTPS, and whether it asks for the cameras'
     * certificates (docs/security.md).
     */
    private BackendTls embeddedTls(YamlMap t) {
        if (t.has("ca") || t.has("verifyHostname")) {
            problems.report(t, "tls of the embedded backend takes only certs, uploads and provider: its CA is certs/ca.pem, its name 127.0.0.1");
        }
        if (!t.has("certs")) {
            problems.report(t, "tls of the embedded backend needs certs: a directory for bodycam pki create");
            return null;
        }
        Path certs = t.optionalString("certs").map(dir::resolve).orElseThrow().normalize();
        BackendTls.Provider provider = t.enumValue("provider", BackendTls.Provider.class, BackendTls.Provider.AUTO);
        BackendTls.Uploads uploads = t.enumValue("uploads", BackendTls.Uploads.class, BackendTls.Uploads.PLAIN);
        return new BackendTls(certs.resolve("ca.pem"), certs, true, provider, uploads);
    }

    /** {@code impostors}: {@code kinds} (default: every kind), {@code at} (default 30 s) (docs/security.md#impostors). */
    private Impostors impostors(YamlMap m) {
        List<ImpostorKind> kinds = new ArrayList<>();
        Optional<YamlList> listed = m.optionalList("kinds");
        if (listed.isEmpty()) {
            kinds.addAll(List.of(ImpostorKind.values()));
        } else {
            for (YamlNode n : listed.get().nodes()) {
                String name = n instanceof YamlScalar sc ? sc.text() : n.describe();
                ImpostorKind.byYamlName(name).ifPresentOrElse(kinds::add, () -> problems.report(n,
                        "impostors.kinds: unknown kind '" + name + "'; kinds: " + String.join(", ", ImpostorKind.yamlNames())));
            }
        }
        Duration at = m.duration("at", Duration.ofSeconds(30), Duration.ZERO, Duration.ofDays(30));
        m.finish();
        return new Impostors(kinds, at);
    }

    /**
     * {@code backend.tls}: {@code ca} (PEM file), {@code certs} (a {@code bodycam pki create} directory),
     * {@code verifyHostname}, {@code provider} ({@code auto}, {@code openssl} or {@code jdk}).
     */
    private BackendTls tls(YamlMap t) {
        if (t.has("uploads")) {
            problems.report(t.node("uploads").orElseThrow(), "tls.uploads is for the embedded evidence server; an "
                    + "external one's upload URL says http:// or https://");
        }
        Path ca = t.optionalString("ca").map(dir::resolve).orElse(null);
        if (ca != null && !Files.isRegularFile(ca)) {
            problems.report(t.node("ca").orElseThrow(), "tls.ca: no such file " + ca, "make one with: bodycam pki create --out DIR --cameras N");
        }
        Path certs = t.optionalString("certs").map(dir::resolve).orElse(null);
        if (certs != null && !Files.isDirectory(certs.resolve("devices"))) {
            problems.report(t.node("certs").orElseThrow(), "tls.certs: " + certs + " has no devices/ folder",
                    "point it at the --out directory of bodycam pki create");
        }
        boolean verify = t.bool("verifyHostname", true);
        BackendTls.Provider provider = t.enumValue("provider", BackendTls.Provider.class, BackendTls.Provider.AUTO);
        if (ca == null && certs == null && !verify) {
            problems.report(t, "tls: turning verifyHostname off needs a ca to trust");
            return null;
        }
        return new BackendTls(ca, certs, verify, provider);
    }

    private URI uri(YamlMap m, String key, String example) {
        String text = m.string(key);
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            problems.report(m.node(key).orElseThrow(), key + " must be a URL like " + example + ", was '" + text + "'");
            return URI.create(example);
        }
    }

    private PayloadMode payloadMode(YamlMap root) {
        return root.enumValue("payload", PayloadMode.class, PayloadMode.SYNTHETIC);
    }

    private List<FleetGroup> fleet(YamlList list, Behaviour defaultBehaviour) {
        List<FleetGroup> groups = new ArrayList<>();
        int i = 0;
        for (YamlMap g : list.maps()) {
            i++;
            FleetGroup.Builder b = FleetGroup.builder(g.string("name", "group" + i))
                    .count(g.integer("count", 1, 100_000))
                    .idPattern(g.string("idPattern", i == 1 ? "CAM-{index:0000}" : "CAM" + i + "-{index:0000}"))
                    .agency(g.string("agency", "ipd"));
            String profileName = g.string("profile", "patrol-vehicle");
            Profile profile = profiles.get(profileName);
            if (profile == null) {
                problems.report(g.node("profile").orElseThrow(), "unknown profile '" + profileName + "'"
                        + Suggestions.closest(profileName, profiles.keySet()).map(s -> ", did you mean '" + s + "'?").orElse(""),
                        "profiles: " + String.join(", ", profiles.keySet()));
                profile = Profile.BUILT_IN.get("patrol-vehicle");
            }
            b.profile(profile);
            g.optionalMap("camera").ifPresent(c -> b.camera(CameraBinder.read(c)));
            // the scenario's behaviour, when given, replaces the profile's; the group's own is read on top
            Behaviour base = defaultBehaviour != null ? defaultBehaviour : profile.behaviour();
            b.behaviour(g.optionalMap("behaviour").map(m -> BehaviourBinder.read(m, base)).orElse(base));
            try {
                groups.add(b.build());
            } catch (IllegalArgumentException e) {
                problems.report(g, e.getMessage());
            }
        }
        return groups;
    }

    private List<Assertion> assertions(YamlList list) {
        List<Assertion> result = new ArrayList<>();
        for (YamlNode n : list.nodes()) {
            YamlNode exprNode = n;
            String during = null;
            boolean abort = false;
            Duration eventually = null;
            String after = null;
            if (n instanceof YamlMap m) {
                exprNode = m.node("expr").orElse(m);
                during = m.optionalString("during").orElse(null);
                abort = m.bool("abortOnFail", false);
                eventually = m.duration("eventually", null, Duration.ofSeconds(1), Duration.ofDays(30));
                after = m.optionalString("after").orElse(null);
            }
            if (!(exprNode instanceof YamlScalar s) || s.isNull()) {
                problems.report(n, "an assertion is one line of text, e.g. evidence.lost == 0, "
                        + "or a mapping {expr: ..., during: phase, abortOnFail: true} or {expr: ..., eventually: 15m, after: phase}");
                continue;
            }
            try {
                Assertion a = AssertionParser.parse(s.text()).with(during, abort);
                if (after != null && eventually == null) {
                    throw new IllegalArgumentException("after names the phase an eventually bound starts at; add eventually: DURATION");
                }
                result.add(eventually == null ? a : a.eventually(eventually, after));
            } catch (IllegalArgumentException e) {
                problems.report(exprNode, e.getMessage());
            }
        }
        return result;
    }
}
