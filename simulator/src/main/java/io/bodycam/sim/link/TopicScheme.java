package io.bodycam.sim.link;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a camera's MQTT messages go, as a device profile says: a topic template per {@link Topic} and
 * for commands, each over {@code {agency}}, {@code {deviceId}} and {@code {group}} (each a whole topic
 * level), with its QoS and retain flag, whether {@code status} is also the Last Will, and how its
 * payloads differ from the reference contract's ({@link PayloadMapping}).
 * {@link #REFERENCE} is the reference contract's {@code bwc/v1/{agency}/{deviceId}/...}
 * (docs/contract/README.md, "MQTT topics").
 *
 * @param rules      one rule per {@link Topic}
 * @param command    the topic the camera subscribes to for commands (QoS 1)
 * @param statusWill whether the camera registers {@code status} {@code offline} as its Last Will
 * @param payloads   how the payloads on these topics differ from the reference contract's
 */
public record TopicScheme(Map<Topic, Rule> rules, String command, boolean statusWill, PayloadMapping payloads) {

    /** The variables a template may use, each standing for one whole topic level. */
    public static final java.util.List<String> VARIABLES = java.util.List.of("agency", "deviceId", "group");

    private static final Pattern VARIABLE = Pattern.compile("\\{([A-Za-z]+)}");

    /** The reference contract's topics. */
    public static final TopicScheme REFERENCE;

    static {
        Map<Topic, Rule> m = new EnumMap<>(Topic.class);
        for (Topic t : Topic.values()) {
            m.put(t, new Rule("bwc/v1/{agency}/{deviceId}/" + t.suffix(), t.qos(), t.retain()));
        }
        REFERENCE = new TopicScheme(m, "bwc/v1/{agency}/{deviceId}/cmd", true);
    }

    /** A topic template with the QoS (0 or 1) and retain flag its messages are published with. */
    public record Rule(String template, int qos, boolean retain) {
        public Rule {
            requireTemplate(template, "topic template");
            if (qos < 0 || qos > 1) {
                throw new IllegalArgumentException("qos must be 0 or 1, was " + qos + " (for " + template + ")");
            }
        }
    }

    /** Topics with the reference contract's payloads. */
    public TopicScheme(Map<Topic, Rule> rules, String command, boolean statusWill) {
        this(rules, command, statusWill, PayloadMapping.IDENTITY);
    }

    public TopicScheme {
        Objects.requireNonNull(payloads, "payload mapping");
        rules = Map.copyOf(new EnumMap<>(Objects.requireNonNull(rules, "rules")));
        for (Topic t : Topic.values()) {
            if (!rules.containsKey(t)) {
                throw new IllegalArgumentException("a topic scheme needs a template for " + t.suffix());
            }
        }
        requireTemplate(command, "command topic template");
    }

    /**
     * Checks a template: non-empty, no wildcard, each variable known and a whole level, and
     * {@code {deviceId}} present (one camera's topics must differ from another's).
     *
     * @throws IllegalArgumentException naming {@code field} and what is wrong
     */
    public static String requireTemplate(String template, String field) {
        if (template == null || template.isEmpty()) {
            throw new IllegalArgumentException(field + " must not be empty");
        }
        if (template.indexOf('+') >= 0 || template.indexOf('#') >= 0) {
            throw new IllegalArgumentException(field + " must not contain '+' or '#', was '" + template + "'");
        }
        if (!template.contains("{deviceId}")) {
            throw new IllegalArgumentException(field + " must contain {deviceId}, was '" + template + "'");
        }
        for (String level : template.split("/", -1)) {
            Matcher m = VARIABLE.matcher(level);
            while (m.find()) {
                if (!VARIABLES.contains(m.group(1))) {
                    throw new IllegalArgumentException(field + ": unknown variable {" + m.group(1) + "} in '" + template
                            + "', known: " + VARIABLES);
                }
                if (m.start() != 0 || m.end() != level.length()) {
                    throw new IllegalArgumentException(field + ": {" + m.group(1) + "} must be a whole topic level, in '"
                            + template + "'");
                }
            }
        }
        return template;
    }

    /** The template with its variables replaced. */
    public static String expand(String template, String agency, String deviceId, String group) {
        return template.replace("{agency}", agency).replace("{deviceId}", deviceId).replace("{group}", group);
    }

    /** The topic of {@code topic} for one camera. */
    public String topic(Topic topic, String agency, String deviceId, String group) {
        return expand(rules.get(topic).template(), agency, deviceId, group);
    }

    /** The command topic of one camera. */
    public String commandTopic(String agency, String deviceId, String group) {
        return expand(command, agency, deviceId, group);
    }

    /** A subscription filter for a template: {@code {agency}} as given ({@code +} for all), the rest {@code +}. */
    public static String filter(String template, String agency) {
        return filter(template, agency, "+");
    }

    /** A subscription filter for one camera's topic: {@code {agency}} as given ({@code +} for all), {@code {group}} {@code +}. */
    public static String filter(String template, String agency, String deviceId) {
        return template.replace("{agency}", agency).replace("{deviceId}", deviceId).replace("{group}", "+");
    }

    /** What a topic says when it matches {@code template}: the values of its variables, by name. */
    public static Optional<Map<String, String>> match(String template, String topic) {
        String[] want = template.split("/", -1);
        String[] got = topic.split("/", -1);
        if (want.length != got.length) {
            return Optional.empty();
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < want.length; i++) {
            if (want[i].startsWith("{") && want[i].endsWith("}")) {
                if (got[i].isEmpty()) {
                    return Optional.empty();
                }
                values.put(want[i].substring(1, want[i].length() - 1), got[i]);
            } else if (!want[i].equals(got[i])) {
                return Optional.empty();
            }
        }
        return Optional.of(values);
    }
}
