package io.bodycam.bench.device;

import io.bodycam.bench.live.CameraAction;
import io.bodycam.bench.scenario.units.Durations;
import io.bodycam.sim.state.Trigger;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The arguments of device steps, read with the reason when they are wrong (a duration, a mode, key=value). */
final class StepArgs {

    private StepArgs() {
    }

    static CameraAction storage(String how) {
        return switch (how) {
            case "full" -> new CameraAction.SetStorage(true);
            case "free" -> new CameraAction.SetStorage(false);
            default -> throw new IllegalArgumentException("storage full|free, was " + how);
        };
    }

    static CameraAction command(List<String> args) {
        String type = arg(args, 0, "command <type> [key=value ...]");
        Map<String, Object> params = new LinkedHashMap<>();
        for (String kv : args.subList(1, args.size())) {
            int eq = kv.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("a command parameter is key=value, was " + kv);
            }
            String v = kv.substring(eq + 1);
            params.put(kv.substring(0, eq), v.equals("true") || v.equals("false") ? Boolean.valueOf(v)
                    : v.matches("-?\\d+(\\.\\d+)?") ? (Object) Double.valueOf(v) : v);
        }
        return new CameraAction.SendCommand(type, params);
    }

    static Trigger trigger(String name) {
        return named(Trigger.class, name, "trigger");
    }

    static <E extends Enum<E>> E named(Class<E> type, String name, String what) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(name.replace('-', '_').replace('.', '_'))) {
                return e;
            }
        }
        throw new IllegalArgumentException("no " + what + " '" + name + "'; " + what + "s: "
                + Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", ")));
    }

    static Duration duration(String text) {
        return Durations.parse(text);
    }

    static double number(String text, String what) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a number, was " + text);
        }
    }

    static int whole(String text, String what, int min, int max) {
        try {
            int v = Integer.parseInt(text);
            if (v < min || v > max) {
                throw new IllegalArgumentException(what + " must be " + min + ".." + max + ", was " + v);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a whole number, was " + text);
        }
    }

    static String arg(List<String> args, int i, String usage) {
        if (i >= args.size()) {
            throw new IllegalArgumentException("usage: " + usage);
        }
        return args.get(i);
    }
}
