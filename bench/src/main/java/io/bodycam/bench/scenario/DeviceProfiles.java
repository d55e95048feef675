package io.bodycam.bench.scenario;

import io.bodycam.bench.scenario.yaml.Problems;
import io.bodycam.bench.scenario.yaml.ScenarioException;
import io.bodycam.bench.scenario.yaml.Suggestions;
import io.bodycam.bench.scenario.yaml.YamlDocument;
import io.bodycam.bench.scenario.yaml.YamlMap;
import io.bodycam.bench.scenario.yaml.YamlNode;
import io.bodycam.bench.scenario.yaml.YamlScalar;
import io.bodycam.bench.scenario.yaml.SourcePosition;
import io.bodycam.sim.link.PayloadMapping;
import io.bodycam.sim.link.Proof;
import io.bodycam.sim.link.SideService;
import io.bodycam.sim.link.Topic;
import io.bodycam.sim.link.TopicScheme;
import io.bodycam.sim.upload.CredentialSource;
import io.bodycam.sim.upload.put.PutClientConfig;
import io.bodycam.sim.upload.s3.S3ClientConfig;
import io.bodycam.sim.upload.swift.SwiftClientConfig;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Reads device profiles: a shipped one by name ({@code profiles/NAME.yaml} in the jar, from the
 * repository's top-level {@code profiles/}), or a file by path. A profile is checked like a scenario:
 * every problem with file, line and column, unknown keys with a did-you-mean. Keys: docs/backends.md.
 */
public final class DeviceProfiles {

    /** The profiles shipped in the jar. */
    public static final List<String> SHIPPED = List.of("bwc-v1", "tus-generic", "s3", "put", "axis-bwi");

    private static final Map<Topic, String> KEYS = Map.of(Topic.STATUS, "status", Topic.STATE, "state",
            Topic.GPS, "gps", Topic.EVENTS, "events", Topic.CMD_ACK, "ack");

    private DeviceProfiles() {
    }

    /**
     * The profile {@code ref} names (a shipped name, or a path ending in {@code .yaml}); a problem is
     * reported at {@code at} (the scenario's {@code backend.profile}) or in the profile file itself.
     */
    public static Optional<DeviceProfile> load(String ref, YamlNode at, Problems problems, Path dir) {
        Problems own = problems.forOtherFile();
        try {
            YamlMap root;
            Path base = dir;
            if (ref.endsWith(".yaml") || ref.endsWith(".yml") || ref.contains("/")) {
                Path file = dir.resolve(ref).normalize();
                if (!Files.isRegularFile(file)) {
                    problems.report(at, "no device profile file '" + ref + "' (looked at " + file + ")",
                            "shipped profiles: " + String.join(", ", SHIPPED));
                    return Optional.empty();
                }
                root = YamlDocument.load(file, own);
                base = file.getParent();
            } else {
                Optional<String> text = shipped(ref);
                if (text.isEmpty()) {
                    problems.report(at, "unknown device profile '" + ref + "'"
                                    + Suggestions.closest(ref, SHIPPED).map(s -> ", did you mean '" + s + "'?").orElse(""),
                            "shipped profiles: " + String.join(", ", SHIPPED) + "; or give a path to a .yaml file");
                    return Optional.empty();
                }
                root = YamlDocument.parse("profiles/" + ref + ".yaml", text.get(), own);
            }
            DeviceProfile profile = read(root, ref, base);
            root.finish();
            own.throwIfAny();
            return Optional.ofNullable(profile);
        } catch (ScenarioException e) {
            problems.absorb(e);
            return Optional.empty();
        }
    }

    /**
     * The profile {@code ref} names, outside a scenario ({@code bodycam contract --profile}): a shipped name,
     * or a path to a {@code .yaml} file, relative to {@code dir}.
     *
     * @throws ScenarioException with every problem, each with its file, line and column
     */
    public static DeviceProfile load(String ref, Path dir) {
        Problems problems = new Problems();
        YamlMap at = YamlDocument.parse("--profile " + ref, "{}", problems);
        Optional<DeviceProfile> profile = load(ref, at, problems, dir);
        problems.throwIfAny();
        return profile.orElseThrow(() -> new IllegalStateException("profile " + ref + " did not load, and no problem was reported"));
    }

    private static Optional<String> shipped(String name) {
        if (!name.matches("[A-Za-z0-9._-]+")) {
            return Optional.empty();
        }
        try (InputStream in = DeviceProfiles.class.getResourceAsStream("/profiles/" + name + ".yaml")) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the shipped profile " + name, e);
        }
    }

    /** @param base the folder a path in the profile is relative to: the profile file's own, or the scenario's */
    private static DeviceProfile read(YamlMap root, String ref, Path base) {
        Problems problems = root.problems();
        String name = root.string("name", ref);
        root.string("description", "");
        YamlMap mqtt = root.map("mqtt");
        YamlMap topicMap = mqtt.map("topics");
        Map<Topic, TopicScheme.Rule> rules = new EnumMap<>(Topic.class);
        for (Topic t : Topic.values()) {
            YamlMap m = topicMap.map(KEYS.get(t));
            String template = m.string("topic");
            int qos = m.integer("qos", t.qos(), 0, 1);
            boolean retain = m.bool("retain", t.retain());
            try {
                rules.put(t, new TopicScheme.Rule(template, qos, retain));
            } catch (IllegalArgumentException e) {
                problems.report(m.node("topic").orElse(m), e.getMessage());
            }
        }
        // the command topic: a template, or {topic: template} like the others
        YamlNode cmdNode = topicMap.node("cmd").orElse(topicMap);
        String command = cmdNode instanceof YamlMap cmd ? cmd.string("topic") : topicMap.string("cmd");
        try {
            TopicScheme.requireTemplate(command, "cmd topic");
        } catch (IllegalArgumentException e) {
            problems.report(cmdNode, e.getMessage());
        }
        boolean will = mqtt.bool("statusWill", true);
        PayloadMapping payloads = mqtt.optionalMap("payloads").map(DeviceProfiles::payloads).orElse(PayloadMapping.IDENTITY);
        YamlMap upload = root.map("upload");
        DeviceProfile.Protocol protocol = upload.enumValue("protocol", DeviceProfile.Protocol.class, DeviceProfile.Protocol.TUS);
        Proof proof = upload.enumValue("proof", Proof.class, protocol == DeviceProfile.Protocol.TUS ? Proof.VERDICT : Proof.READ_BACK);
        UnaryOperator<S3ClientConfig.Builder> s3 = protocol == DeviceProfile.Protocol.S3
                ? upload.optionalMap("s3").map(m -> s3(m, base)).orElseGet(() -> {
                    problems.report(upload, "protocol s3 needs an s3: mapping (bucket, accessKey, secretKey ...)");
                    return null;
                })
                : null;
        UnaryOperator<PutClientConfig.Builder> put = protocol == DeviceProfile.Protocol.PUT
                ? upload.optionalMap("put").map(DeviceProfiles::put).orElseGet(() -> put(null))
                : null;
        UnaryOperator<SwiftClientConfig.Builder> swift = protocol == DeviceProfile.Protocol.SWIFT
                ? upload.optionalMap("swift").map(m -> swift(m, base)).orElseGet(() -> {
                    problems.report(upload, "protocol swift needs a swift: mapping (user, key ...)");
                    return null;
                })
                : null;
        Set<SideService> services = services(root);
        if (!problems.isEmpty() || rules.size() < Topic.values().length) {
            return null;
        }
        try {
            return new DeviceProfile(name, new TopicScheme(rules, command, will, payloads), protocol, proof, s3, put, swift, services);
        } catch (IllegalArgumentException e) {
            problems.report(root, e.getMessage());
            return null;
        }
    }

    /**
     * {@code payloads: {KIND: {fields, drop, add}}}: per message kind ({@code status}, {@code state},
     * {@code gps}, {@code events}, {@code ack}, {@code cmd}), reference fields moved or renamed
     * ({@code lat: position.latitude}), scaled or given another time format
     * ({@code speed: {to: speedKmh, scale: 3.6}}, {@code ts: {to: time, format: iso8601}}), left out, and
     * constant string fields added. Every reference field named must exist in the contract's schema.
     */
    private static PayloadMapping payloads(YamlMap m) {
        Map<PayloadMapping.Kind, PayloadMapping.Rules> kinds = new EnumMap<>(PayloadMapping.Kind.class);
        List<String> names = java.util.Arrays.stream(PayloadMapping.Kind.values()).map(PayloadMapping.Kind::yamlName).toList();
        for (String name : m.keys()) {
            int index = names.indexOf(name);
            if (index < 0) {
                // reported here alone: its own keys are not looked into
                m.has(name);
                m.problems().report(m.keyPosition(name).orElseThrow(), "unknown message kind '" + name + "'"
                        + Suggestions.closest(name, names).map(x -> ", did you mean '" + x + "'?").orElse(""), "kinds: " + names);
                continue;
            }
            YamlNode node = m.node(name).orElseThrow();
            if (!(node instanceof YamlMap k)) {
                m.problems().report(node, name + " must be a mapping with fields, drop and add");
                continue;
            }
            PayloadMapping.Kind kind = PayloadMapping.Kind.values()[index];
            java.util.Set<String> known = ReferenceFields.of(kind);
            List<PayloadMapping.Field> fields = new java.util.ArrayList<>();
            k.optionalMap("fields").ifPresent(f -> {
                for (String from : f.keys()) {
                    YamlNode v = f.node(from).orElseThrow();
                    if (!knownField(f.problems(), f.keyPosition(from).orElseThrow(), from, known, kind)) {
                        continue;
                    }
                    field(f.problems(), from, v).ifPresent(fields::add);
                }
            });
            List<String> drop = k.optionalList("drop").map(l -> l.strings()).orElse(List.of());
            drop.forEach(d -> knownField(k.problems(), k.node("drop").orElseThrow().position(), d, known, kind));
            Map<String, String> constants = new java.util.LinkedHashMap<>();
            k.optionalMap("add").ifPresent(a -> a.keys().forEach(c -> constants.put(c, a.string(c))));
            try {
                kinds.put(kind, new PayloadMapping.Rules(fields, drop, constants));
            } catch (IllegalArgumentException e) {
                k.problems().report(k, name + ": " + e.getMessage());
            }
        }
        try {
            return new PayloadMapping(kinds);
        } catch (IllegalArgumentException e) {
            m.problems().report(m, e.getMessage());
            return PayloadMapping.IDENTITY;
        }
    }

    private static boolean knownField(Problems problems, SourcePosition at, String field, java.util.Set<String> known,
                                      PayloadMapping.Kind kind) {
        if (known.contains(field)) {
            return true;
        }
        problems.report(at, "'" + field + "' is no field of the reference " + kind.yamlName() + " payload"
                        + Suggestions.closest(field, known).map(x -> ", did you mean '" + x + "'?").orElse(""),
                "docs/contract/asyncapi.yaml lists them; nested fields are dot paths, e.g. battery.pct");
        return false;
    }

    /** One field's rule: a dot path, or {@code {to, scale, format}}. */
    private static Optional<PayloadMapping.Field> field(Problems problems, String from, YamlNode v) {
        String to = from;
        double scale = 1;
        PayloadMapping.TimeFormat time = null;
        if (v instanceof YamlScalar s) {
            to = s.text();
        } else if (v instanceof YamlMap f) {
            to = f.string("to", from);
            scale = f.decimal("scale", 1, 1e-12, 1e12);
            Optional<String> format = f.optionalString("format");
            if (format.isPresent()) {
                List<String> formats = List.of("epochMillis", "epochSeconds", "iso8601");
                int i = formats.indexOf(format.get());
                if (i < 0) {
                    problems.report(f.node("format").orElseThrow(), "unknown time format '" + format.get() + "'"
                            + Suggestions.closest(format.get(), formats).map(x -> ", did you mean '" + x + "'?").orElse(""),
                            "formats: " + formats);
                    return Optional.empty();
                }
                time = PayloadMapping.TimeFormat.values()[i];
            }
        } else {
            problems.report(v, "'" + from + "' must map to a dot path or to {to, scale, format}");
            return Optional.empty();
        }
        try {
            return Optional.of(new PayloadMapping.Field(from, to, scale, time));
        } catch (IllegalArgumentException e) {
            problems.report(v, e.getMessage());
            return Optional.empty();
        }
    }

    /** {@code services: [time, config, firmware]} (the reference contract's), any of them, or {@code []}. */
    private static Set<SideService> services(YamlMap root) {
        List<String> listed = root.optionalList("services").map(l -> l.strings()).orElse(List.of());
        List<String> all = java.util.Arrays.stream(SideService.values()).map(v -> v.name().toLowerCase(java.util.Locale.ROOT)).toList();
        Set<SideService> offered = java.util.EnumSet.noneOf(SideService.class);
        for (String s : listed) {
            int i = all.indexOf(s);
            if (i < 0) {
                root.problems().report(root.node("services").orElseThrow(), "unknown service '" + s + "'"
                        + Suggestions.closest(s, all).map(x -> ", did you mean '" + x + "'?").orElse(""), "services: " + all);
            } else if (!offered.add(SideService.values()[i])) {
                root.problems().report(root.node("services").orElseThrow(), "service '" + s + "' is listed twice");
            }
        }
        return offered;
    }

    /**
     * {@code put: {method, path, headers, pieceSize}}: each segment whole to {@code path} below the run's
     * upload URL; without the mapping, PUT to the client's default path.
     */
    private static UnaryOperator<PutClientConfig.Builder> put(YamlMap m) {
        if (m == null) {
            return b -> b;
        }
        PutClientConfig.Method method = m.enumValue("method", PutClientConfig.Method.class, PutClientConfig.Method.PUT);
        Optional<String> path = m.optionalString("path");
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        m.optionalMap("headers").ifPresent(h -> h.keys().forEach(k -> headers.put(k, h.string(k))));
        long piece = m.dataSize("pieceSize", 256 * 1024, 1024, 16L * 1024 * 1024);
        UnaryOperator<PutClientConfig.Builder> op = b -> {
            b.method(method).pieceSize((int) piece);
            path.ifPresent(b::pathTemplate);
            headers.forEach(b::header);
            return b;
        };
        try {
            op.apply(PutClientConfig.builder());
        } catch (IllegalArgumentException e) {
            m.problems().report(m, e.getMessage());
        }
        return op;
    }

    /**
     * {@code swift: {authPath, user, key, pieceSize, storageFullPause}}: TempAuth-style login below the run's
     * upload URL ({@code GET authPath} with {@code X-Auth-User}/{@code X-Auth-Key}), each camera's from the
     * templates ({@code {deviceId}}, {@code {agency}}).
     */
    private static UnaryOperator<SwiftClientConfig.Builder> swift(YamlMap m, Path base) {
        String auth = m.string("authPath", "/auth/v1.0");
        CredentialSource credentials = credentials(m, "user", "key", base);
        long piece = m.dataSize("pieceSize", 256 * 1024, 1024, 16L * 1024 * 1024);
        Duration full = m.duration("storageFullPause", Duration.ofMinutes(10), Duration.ZERO, Duration.ofDays(1));
        UnaryOperator<SwiftClientConfig.Builder> op = b -> b.authPath(auth)
                .credentials(credentials).pieceSize((int) piece).storageFullPause(full);
        try {
            op.apply(SwiftClientConfig.builder());
        } catch (IllegalArgumentException e) {
            m.problems().report(m, e.getMessage());
        }
        return op;
    }

    /**
     * Each camera's credentials: {@code credentialsFile} (a line {@code deviceId id secret} per camera, relative
     * to {@code base}), or two templates under {@code idKey} and {@code secretKey} over {@code {deviceId}} and
     * {@code {agency}}; not both.
     */
    private static CredentialSource credentials(YamlMap m, String idKey, String secretKey, Path base) {
        Optional<String> file = m.optionalString("credentialsFile");
        if (file.isEmpty()) {
            return CredentialSource.templates(m.string(idKey), m.string(secretKey));
        }
        YamlNode at = m.node("credentialsFile").orElseThrow();
        if (m.has(idKey) || m.has(secretKey)) {
            m.problems().report(at, "give credentialsFile or " + idKey + " and " + secretKey + ", not both");
        }
        Path path = base.resolve(file.get()).normalize();
        try {
            return CredentialSource.file(path);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            m.problems().report(at, e.getMessage(), "one line per camera: deviceId id secret");
            return CredentialSource.templates("{deviceId}", "{deviceId}");
        }
    }

    private static UnaryOperator<S3ClientConfig.Builder> s3(YamlMap m, Path base) {
        String bucket = m.string("bucket");
        String region = m.string("region", "us-east-1");
        String key = m.string("key", "{agency}/{deviceId}/{recordingId}/{segmentId}.{ext}");
        CredentialSource credentials = credentials(m, "accessKey", "secretKey", base);
        long part = m.dataSize("partSize", S3ClientConfig.MIN_PART, S3ClientConfig.MIN_PART, 512L * 1024 * 1024);
        UnaryOperator<S3ClientConfig.Builder> op = b -> b.bucket(bucket).region(region).keyTemplate(key)
                .credentials(credentials).partSize((int) part);
        try {
            op.apply(S3ClientConfig.builder());
        } catch (IllegalArgumentException e) {
            m.problems().report(m, e.getMessage());
        }
        return op;
    }
}
