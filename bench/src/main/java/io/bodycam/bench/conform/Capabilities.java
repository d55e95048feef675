package io.bodycam.bench.conform;

import io.bodycam.bench.scenario.units.Durations;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * A backend's capability statement, as a vendor writes it in YAML for {@code bodycam conform --capabilities}
 * (docs/conformance.md, "Capability file"): the optional features it claims and the bounds it promises.
 *
 * <pre>
 * claims: [checksum, termination, verdict, max-size, head-deadline, time, firmware]
 * headDeadline: 30s           # only with head-deadline
 * firmwareDevice: IPD-0001    # only with firmware
 * brokerRestart: "systemctl restart mosquitto"   # only with broker-restart
 * </pre>
 *
 * @param claims         any of {@link Target#CAPABILITIES}
 * @param headDeadline   what {@code head-deadline} promises (the contract's 30 s when not given)
 * @param firmwareDevice the camera whose config answer carries a firmware offer; null unless {@code firmware} is claimed
 * @param brokerRestart  the shell command that restarts the broker; null unless {@code broker-restart} is claimed
 */
public record Capabilities(Set<String> claims, Duration headDeadline, String firmwareDevice, String brokerRestart) {

    private static final Set<String> KEYS = Set.of("claims", "headDeadline", "firmwareDevice", "brokerRestart");

    public Capabilities {
        claims = Set.copyOf(claims);
    }

    /** The target at {@code mqtt} and {@code upload} with these claims. */
    public Target target(java.net.URI mqtt, java.net.URI upload) {
        return new Target(mqtt, upload, claims, headDeadline, firmwareDevice,
                brokerRestart == null ? null : BrokerRestart.command(brokerRestart));
    }

    /**
     * Reads a capability file.
     *
     * @throws IOException              if it cannot be read
     * @throws IllegalArgumentException naming the file and the field, for anything it cannot take
     */
    public static Capabilities read(Path file) throws IOException {
        return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    }

    /** Parses the text of a capability file; {@code source} names it in errors. */
    public static Capabilities parse(String source, String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(10);
        Object root;
        try {
            root = new Yaml(new SafeConstructor(options)).load(text);
        } catch (YAMLException e) {
            throw new IllegalArgumentException(source + ": not YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(source + ": the top level must be a mapping with 'claims' (and"
                    + " 'headDeadline'), e.g. 'claims: [checksum, verdict]'");
        }
        for (Object key : map.keySet()) {
            if (!KEYS.contains(String.valueOf(key))) {
                throw new IllegalArgumentException(source + ": unknown key '" + key + "' (known: claims, headDeadline, firmwareDevice, brokerRestart)");
            }
        }
        Object list = map.get("claims");
        if (!(list instanceof List<?> items)) {
            throw new IllegalArgumentException(source + ": 'claims' must be a list of capabilities, e.g. [checksum, verdict]"
                    + " (an empty list [] claims nothing optional), was " + (list == null ? "missing" : "'" + list + "'"));
        }
        Set<String> claims = new LinkedHashSet<>();
        for (Object item : items) {
            String c = String.valueOf(item);
            if (!Target.CAPABILITIES.contains(c)) {
                throw new IllegalArgumentException(source + ": claims: unknown capability '" + c + "' (known: "
                        + String.join(", ", Target.CAPABILITIES.stream().sorted().toList()) + ")");
            }
            claims.add(c);
        }
        Duration deadline = Target.CONTRACT_HEAD_DEADLINE;
        Object d = map.get("headDeadline");
        if (d != null) {
            if (!claims.contains(Target.HEAD_DEADLINE)) {
                throw new IllegalArgumentException(source + ": headDeadline is given but '" + Target.HEAD_DEADLINE
                        + "' is not claimed");
            }
            try {
                deadline = Durations.parse(String.valueOf(d));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + ": headDeadline: " + e.getMessage());
            }
            if (deadline.compareTo(Duration.ofMillis(100)) < 0 || deadline.compareTo(Duration.ofMinutes(10)) > 0) {
                throw new IllegalArgumentException(source + ": headDeadline must be 100ms..10m, was " + d);
            }
        }
        Object device = map.get("firmwareDevice");
        if (claims.contains(Target.FIRMWARE) != (device != null)) {
            throw new IllegalArgumentException(source + (device == null
                    ? ": 'firmware' is claimed: give firmwareDevice, a device whose config answer carries a firmware offer"
                    : ": firmwareDevice is given but 'firmware' is not claimed"));
        }
        if (device != null && !Target.DEVICE_ID.matcher(String.valueOf(device)).matches()) {
            throw new IllegalArgumentException(source + ": firmwareDevice must be a device id (letters, digits, '.', '_', '-'),"
                    + " was '" + device + "'");
        }
        Object restart = map.get("brokerRestart");
        if (claims.contains(Target.BROKER_RESTART) != (restart != null)) {
            throw new IllegalArgumentException(source + (restart == null
                    ? ": 'broker-restart' is claimed: give brokerRestart, the command that restarts the broker"
                    : ": brokerRestart is given but 'broker-restart' is not claimed"));
        }
        if (restart != null && (!(restart instanceof String command) || command.isBlank())) {
            throw new IllegalArgumentException(source + ": brokerRestart must be a shell command, e.g. \"systemctl restart mosquitto\","
                    + " was '" + restart + "'");
        }
        return new Capabilities(claims, deadline, device == null ? null : String.valueOf(device),
                restart == null ? null : (String) restart);
    }
}
