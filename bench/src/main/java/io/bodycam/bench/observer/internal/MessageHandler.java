package io.bodycam.bench.observer.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bodycam.bench.observer.DeviceState;
import io.bodycam.bench.observer.GpsReport;
import io.bodycam.bench.observer.SchemaCheck;
import io.bodycam.bench.observer.TopicKind;
import io.bodycam.bench.observer.internal.SeqTracker.Verdict;
import io.bodycam.sim.link.PayloadMapping;
import io.bodycam.sim.link.TopicScheme;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one MQTT message from a camera into updates of the {@link FleetModel}, checking it against
 * the contract ({@code docs/contract/README.md}): a JSON object with {@code schema} 1, the topic's
 * {@code deviceId}, an integer {@code seq} and {@code ts}, and the fields its topic requires. Anything
 * else is counted as malformed and dropped; nothing here throws. A message that passes those checks is
 * then validated against its schema in {@code docs/contract/asyncapi.yaml} ({@link ContractSchemas}): every
 * one ({@link SchemaCheck#ALL}, unless told), or a sample ({@link SchemaCheck#SAMPLE}: the first 4 of each
 * camera's messages of each topic kind, and of each event type, then one in 16). One that breaks it (a field
 * missing, of the wrong type, out of its enum, or not in the contract) is used but counted as malformed
 * too, with the validator's reason; {@code mqtt.schemaChecked} counts the validated ones. A device profile's
 * payloads are first turned back into the reference shape by its {@link PayloadMapping}, so the checks are
 * the contract's whatever the profile.
 *
 * <p>Runs on the observer's one handling thread, fed by its link's network thread (so the broker's
 * acknowledgements never wait for this work): a parse, a schema check and a few map updates per message.
 * A reference payload the sample does not validate is read by the {@link FieldReader}, which keeps only
 * the fields read here instead of the whole tree; a sampled one, or one of a profile that maps its payloads,
 * is parsed into a tree (and the sampled reference one read twice, which costs less than a tree for each).
 * A message's latency ends when it arrived, not when it was handled, so a queue here never counts as the
 * backend's delay (the observer's own backlog is measured apart).
 *
 * <p>The Last Will ({@code offline} with reason {@code connection lost}) was composed at CONNECT time,
 * so it counts for presence but neither for {@code seq} bookkeeping nor for latency. A Will older than
 * the camera's latest status is stale and ignored: a broker restarted with its sessions kept may publish
 * the Will of a session the camera has already taken over again (HiveMQ CE loads its pending Wills
 * after it starts taking connections), and it must not mark a connected camera offline for good.
 */
public final class MessageHandler {

    static final String WILL_REASON = "connection lost";
    private static final String PREFIX = "bwc/v1/";
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final Logger LOG = LoggerFactory.getLogger(MessageHandler.class);
    private static final ContractSchemas CONTRACT = new ContractSchemas();
    /** {@link TopicKind#values()} once: a topic is matched against each kind for every message. */
    private static final TopicKind[] KINDS = TopicKind.values();

    private final AtomicBoolean staleWillLogged = new AtomicBoolean();
    private final FleetModel fleet;
    private final CommandBook commands;
    private final Predicate<String> watched;
    private final TopicScheme topics;
    /** The fields the profile does not send, by kind: the contract check does not miss them. */
    private final Map<TopicKind, Set<String>> leftOut = new java.util.EnumMap<>(TopicKind.class);
    /** Each camera's {@code {group}} as its topics showed it, for the command topic of a profile that uses it. */
    private final Map<String, String> groups = new ConcurrentHashMap<>();
    /** The fields the handler reads, without the whole tree: for the messages the schema check skips. */
    private final FieldReader light = new FieldReader(JSON.getFactory());
    /** Which messages are validated against their schema; set before the first message. */
    private volatile SchemaCheck schemaCheck = SchemaCheck.ALL;
    /** When the message being handled arrived (virtual ms); handling is on one thread at a time. */
    private long arrivedAt;

    public MessageHandler(FleetModel fleet, CommandBook commands) {
        this(fleet, commands, deviceId -> true);
    }

    /** Handles the messages of the cameras {@code watched} accepts (by device id) and ignores the others'. */
    public MessageHandler(FleetModel fleet, CommandBook commands, Predicate<String> watched) {
        this(fleet, commands, watched, TopicScheme.REFERENCE);
    }

    /** As above, for cameras whose device profile puts their messages on {@code topics}. */
    public MessageHandler(FleetModel fleet, CommandBook commands, Predicate<String> watched, TopicScheme topics) {
        this.fleet = fleet;
        this.commands = commands;
        this.watched = watched;
        this.topics = topics;
        for (TopicKind kind : TopicKind.values()) {
            topics.payloads().rules(PayloadMapping.Kind.of(simTopic(kind)))
                    .ifPresent(r -> leftOut.put(kind, Set.copyOf(r.drop())));
        }
    }

    /** Validates {@code check}'s messages against their schema from now on (every one until told). */
    public void schemaCheck(SchemaCheck check) {
        schemaCheck = Objects.requireNonNull(check, "check");
    }

    /** The topic template of {@code kind}'s messages in the scheme the cameras use. */
    public String template(TopicKind kind) {
        return topics.rules().get(simTopic(kind)).template();
    }

    /** Where a command for one camera goes; {@code {group}} is the one its own messages showed. */
    public String commandTopic(String agency, String deviceId) {
        return topics.commandTopic(agency, deviceId, groups.getOrDefault(deviceId, ""));
    }

    private static io.bodycam.sim.link.Topic simTopic(TopicKind kind) {
        return switch (kind) {
            case STATUS -> io.bodycam.sim.link.Topic.STATUS;
            case STATE -> io.bodycam.sim.link.Topic.STATE;
            case GPS -> io.bodycam.sim.link.Topic.GPS;
            case EVENTS -> io.bodycam.sim.link.Topic.EVENTS;
            case ACK -> io.bodycam.sim.link.Topic.CMD_ACK;
        };
    }

    private record Topic(String agency, String deviceId, TopicKind kind) {
    }

    /** A message that breaks the contract; its text is the reason shown in the report. */
    private static final class Malformed extends RuntimeException {
        Malformed(String reason) {
            super(reason, null, false, false);
        }
    }

    /** Handles a message that arrives now. */
    public void handle(String topic, byte[] payload, boolean retained) {
        handle(topic, payload, retained, fleet.now());
    }

    /** Handles a message that arrived at {@code arrivedAt} (virtual ms): its latency ends there. */
    public void handle(String topic, byte[] payload, boolean retained, long arrivedAt) {
        this.arrivedAt = arrivedAt;
        Topic t = parseTopic(topic);
        if (t == null) {
            fleet.malformed(topic, TopicScheme.REFERENCE.equals(topics)
                    ? "topic is not bwc/v1/{agency}/{deviceId}/{status|state|gps|events|cmd/ack}"
                    : "topic matches none of the device profile's templates", payload);
            return;
        }
        if (!watched.test(t.deviceId)) {
            return;
        }
        fleet.arrived(t.kind);
        DeviceRecord device = fleet.device(t.deviceId, t.agency);
        device.seen(t.agency, arrivedAt);
        try {
            SchemaCheck sampling = schemaCheck;
            ObjectNode fields = sampling == SchemaCheck.SAMPLE && topics.payloads().identity() ? light.read(payload, t.kind) : null;
            JsonNode m = fields != null ? fields : tree(t, payload);
            accept(t, device, m, retained);
            if (sampling == SchemaCheck.ALL || sampling.checks(device.passed(t.kind, m.path("type").asText("")))) {
                fleet.schemaChecked();
                JsonNode whole = fields != null ? tree(t, payload) : m;
                Optional<String> broken = CONTRACT.violation(t.kind, whole, leftOut.getOrDefault(t.kind, Set.of()));
                if (broken.isPresent()) {
                    device.malformed();
                    fleet.malformed(topic, "breaks docs/contract/asyncapi.yaml: " + broken.get(), payload);
                }
            }
        } catch (Malformed m) {
            device.malformed();
            fleet.malformed(topic, m.getMessage(), payload);
        }
    }

    private void accept(Topic t, DeviceRecord device, JsonNode m, boolean retained) {
        long schema = requireLong(m, "schema");
        if (schema != 1) {
            throw new Malformed("unsupported schema " + schema + " (expected 1)");
        }
        String deviceId = requireText(m, "deviceId");
        if (!deviceId.equals(t.deviceId)) {
            throw new Malformed("deviceId '" + deviceId + "' differs from the topic's '" + t.deviceId + "'");
        }
        long seq = requireLong(m, "seq");
        if (seq < 0) {
            throw new Malformed("negative seq " + seq);
        }
        long ts = requireLong(m, "ts");
        if (!retained && t.kind != TopicKind.STATUS) {
            fleet.heardFrom(device);
        }
        switch (t.kind) {
            case STATUS -> status(device, m, seq, ts, retained);
            case STATE -> state(device, m, seq, ts, retained);
            case GPS -> gps(device, m, seq, ts, retained);
            case EVENTS -> event(device, m, seq, ts, retained);
            case ACK -> ack(t, device, m, seq, ts, retained);
        }
    }

    private void status(DeviceRecord device, JsonNode m, long seq, long ts, boolean retained) {
        String status = requireText(m, "status");
        boolean online = switch (status) {
            case "online" -> true;
            case "offline" -> false;
            default -> throw new Malformed("status must be 'online' or 'offline', was '" + status + "'");
        };
        String reason = optText(m, "reason");
        if (!online && WILL_REASON.equals(reason)) {
            if (device.staleWill(seq)) {
                staleWill(device, seq);
                return;
            }
            fleet.presence(device, false, reason, optText(m, "firmware"));
            return;
        }
        Verdict v = device.track(TopicKind.STATUS, seq, ts, retained, fleet.epoch());
        if (v != Verdict.DUPLICATE) {
            fleet.presence(device, online, reason, optText(m, "firmware"));
        }
        latency(TopicKind.STATUS, v, ts, retained);
    }

    private void staleWill(DeviceRecord device, long seq) {
        if (staleWillLogged.compareAndSet(false, true)) {
            LOG.info("observer: ignored a stale Will of {} (seq {}, older than its latest status): the broker"
                    + " published the Will of a connection the camera had already replaced (further ones at debug)",
                    device.deviceId(), seq);
        } else {
            LOG.debug("observer: ignored a stale Will of {} (seq {})", device.deviceId(), seq);
        }
    }

    private void state(DeviceRecord device, JsonNode m, long seq, long ts, boolean retained) {
        String mode = requireText(m, "mode");
        List<String> flags = new ArrayList<>();
        JsonNode flagNodes = m.path("flags");
        if (!flagNodes.isMissingNode() && !flagNodes.isNull() && !flagNodes.isArray()) {
            throw new Malformed("flags must be an array");
        }
        flagNodes.forEach(f -> flags.add(f.asText()));
        JsonNode battery = m.path("battery");
        JsonNode storage = m.path("storage");
        JsonNode queue = m.path("uploadQueue");
        DeviceState state = new DeviceState(seq, ts, mode, Optional.ofNullable(optText(m, "dockPhase")), flags,
                battery.path("pct").isNumber() ? OptionalDouble.of(battery.path("pct").doubleValue()) : OptionalDouble.empty(),
                battery.path("charging").asBoolean(false),
                storage.path("capacityBytes").asLong(-1), storage.path("usedBytes").asLong(-1),
                storage.path("freeBytes").asLong(-1), queue.path("segments").asLong(-1), queue.path("bytes").asLong(-1),
                Optional.ofNullable(optText(m.path("recording"), "id")), Optional.ofNullable(optText(m, "firmware")));
        Verdict v = device.track(TopicKind.STATE, seq, ts, retained, fleet.epoch());
        if (v.newest()) {
            device.state(state);
        }
        latency(TopicKind.STATE, v, ts, retained);
    }

    private void gps(DeviceRecord device, JsonNode m, long seq, long ts, boolean retained) {
        GpsReport gps = new GpsReport(seq, ts, requireText(m, "fix"), requireNumber(m, "lat"), requireNumber(m, "lon"),
                m.path("alt").asDouble(0), m.path("speed").asDouble(0), m.path("heading").asDouble(0),
                m.path("hdop").asDouble(99), m.path("satellites").asInt(0));
        Verdict v = device.track(TopicKind.GPS, seq, ts, retained, fleet.epoch());
        if (v.newest()) {
            device.gps(gps);
        }
        latency(TopicKind.GPS, v, ts, retained);
    }

    private void event(DeviceRecord device, JsonNode m, long seq, long ts, boolean retained) {
        String type = requireText(m, "type");
        Verdict v = device.track(TopicKind.EVENTS, seq, ts, retained, fleet.epoch());
        if (v.firstCopy()) {
            fleet.event(type);
        }
        latency(TopicKind.EVENTS, v, ts, retained);
    }

    private void ack(Topic t, DeviceRecord device, JsonNode m, long seq, long ts, boolean retained) {
        JsonNode id = m.get("id");
        if (id == null || !(id.isTextual() || id.isNull())) {
            throw new Malformed("missing field 'id' (a string, or null when the command had none)");
        }
        JsonNode ok = m.get("ok");
        if (ok == null || !ok.isBoolean()) {
            throw new Malformed("missing or non-boolean field 'ok'");
        }
        Verdict v = device.track(TopicKind.ACK, seq, ts, retained, fleet.epoch());
        if (v.firstCopy()) {
            commands.ack(t.deviceId, id.isNull() ? null : id.textValue(), ok.booleanValue(), optText(m, "error"));
        }
        latency(TopicKind.ACK, v, ts, retained);
    }

    private void latency(TopicKind kind, Verdict v, long ts, boolean retained) {
        if (!retained && v.firstCopy()) {
            fleet.latency(kind, ts, arrivedAt);
        }
    }

    private Topic parseTopic(String topic) {
        if (!TopicScheme.REFERENCE.equals(topics)) {
            return parseProfileTopic(topic);
        }
        if (!topic.startsWith(PREFIX)) {
            return null;
        }
        int agencyEnd = topic.indexOf('/', PREFIX.length());
        int deviceEnd = agencyEnd < 0 ? -1 : topic.indexOf('/', agencyEnd + 1);
        if (agencyEnd <= PREFIX.length() || deviceEnd <= agencyEnd + 1) {
            return null;
        }
        return TopicKind.ofSuffix(topic.substring(deviceEnd + 1))
                .map(kind -> new Topic(topic.substring(PREFIX.length(), agencyEnd), topic.substring(agencyEnd + 1, deviceEnd), kind))
                .orElse(null);
    }

    private Topic parseProfileTopic(String topic) {
        for (TopicKind kind : KINDS) {
            Optional<Map<String, String>> values = TopicScheme.match(topics.rules().get(simTopic(kind)).template(), topic);
            if (values.isPresent()) {
                Map<String, String> v = values.get();
                String deviceId = v.get("deviceId");
                String group = v.get("group");
                if (group != null) {
                    groups.put(deviceId, group);
                }
                return new Topic(v.getOrDefault("agency", ""), deviceId, kind);
            }
        }
        return null;
    }

    /** The whole payload as a tree, in the reference shape (a profile's mapping undone). */
    private JsonNode tree(Topic t, byte[] payload) {
        return topics.payloads().decode(PayloadMapping.Kind.of(simTopic(t.kind)), parse(payload), t.deviceId);
    }

    private static ObjectNode parse(byte[] payload) {
        JsonNode root;
        try {
            root = JSON.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new Malformed("not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new Malformed("not JSON: " + e);
        }
        if (!(root instanceof ObjectNode object)) {
            throw new Malformed("not a JSON object");
        }
        return object;
    }

    private static long requireLong(JsonNode m, String field) {
        JsonNode n = m.get(field);
        if (n == null || !n.isIntegralNumber() || !n.canConvertToLong()) {
            throw new Malformed("missing or non-integer field '" + field + "'");
        }
        return n.longValue();
    }

    private static double requireNumber(JsonNode m, String field) {
        JsonNode n = m.get(field);
        if (n == null || !n.isNumber()) {
            throw new Malformed("missing or non-numeric field '" + field + "'");
        }
        return n.doubleValue();
    }

    private static String requireText(JsonNode m, String field) {
        JsonNode n = m.get(field);
        if (n == null || !n.isTextual()) {
            throw new Malformed("missing or non-string field '" + field + "'");
        }
        return n.textValue();
    }

    private static String optText(JsonNode m, String field) {
        JsonNode n = m.get(field);
        return n != null && n.isTextual() ? n.textValue() : null;
    }
}
