package io.bodycam.bench.scenario.yaml;

import io.bodycam.bench.scenario.units.DataRates;
import io.bodycam.bench.scenario.units.DataSizes;
import io.bodycam.bench.scenario.units.Durations;
import io.bodycam.bench.scenario.units.UnitFormatException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Turns a node into a typed value, or reports why it cannot: wrong kind of node, bad text, out of
 * range. Every message starts with the key ({@code label}) and says what was expected and found.
 */
final class ScalarReader {

    private static final Pattern WHOLE = Pattern.compile("[+-]?[0-9](_?[0-9])*");
    private static final Pattern HEX_OR_OCTAL = Pattern.compile("[+-]?0[xXoObB][0-9a-fA-F_]*");
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final List<String> TRUE = List.of("true", "yes", "on");
    private static final List<String> FALSE = List.of("false", "no", "off");

    private final Problems problems;

    ScalarReader(Problems problems) {
        this.problems = problems;
    }

    Optional<String> text(YamlNode node, String label, String expected) {
        if (node instanceof YamlScalar scalar && !scalar.isNull()) {
            return Optional.of(scalar.text());
        }
        problems.report(node, "'" + label + "': expected " + expected + ", found " + node.describe(),
                node instanceof YamlScalar ? "give a value or remove the key" : "");
        return Optional.empty();
    }

    /**
     * Reads a whole number in {@code min..max}; {@code lowest} and {@code highest} are the limits of
     * the caller's type, so that a bound equal to one of them reads "at least" or "at most".
     */
    Optional<Long> whole(YamlNode node, String label, long min, long max, long lowest, long highest) {
        Optional<String> text = text(node, label, "a whole number").map(String::strip);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String written = text.get();
        if (WHOLE.matcher(written).matches()) {
            String digits = written.replace("_", "").replace("+", "");
            String unsigned = digits.startsWith("-") ? digits.substring(1) : digits;
            if (unsigned.length() > 1 && unsigned.startsWith("0")) {
                problems.report(node, "'" + label + "': " + written + " has a leading zero, which YAML 1.1 reads as octal",
                        "write " + digits.replaceFirst("^(-?)0+(?=.)", "$1") + " without the leading zero");
                return Optional.empty();
            }
            BigInteger value = new BigInteger(digits);
            return inRange(node, label, value.compareTo(BigInteger.valueOf(min)) >= 0
                            && value.compareTo(BigInteger.valueOf(max)) <= 0,
                    range(String.valueOf(min), String.valueOf(max), min == lowest, max == highest), written)
                    ? Optional.of(value.longValue()) : Optional.empty();
        }
        String hint = HEX_OR_OCTAL.matcher(written).matches() ? "write the number in decimal" : "";
        problems.report(node, "'" + label + "': expected a whole number, found " + node.describe(), hint);
        return Optional.empty();
    }

    Optional<Double> decimal(YamlNode node, String label, double min, double max) {
        Optional<String> text = text(node, label, "a number").map(String::strip);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Optional<BigDecimal> value = number(node, label, text.get(), "a number");
        String range = range(plain(min), plain(max), min <= -Double.MAX_VALUE, max >= Double.MAX_VALUE);
        return value.flatMap(v -> checkDecimal(node, label, v, bound(min), bound(max), range, text.get(), ""));
    }

    Optional<Double> fraction(YamlNode node, String label) {
        Optional<String> text = text(node, label, "a fraction like 0.3 or 30%").map(String::strip);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String written = text.get();
        boolean percent = written.endsWith("%");
        String number = percent ? written.substring(0, written.length() - 1).strip() : written;
        Optional<BigDecimal> value = number(node, label, number, "a fraction like 0.3 or 30%")
                .map(v -> percent ? v.movePointLeft(2) : v);
        String hint = value.filter(v -> !percent && v.compareTo(BigDecimal.ONE) > 0
                && v.compareTo(BigDecimal.valueOf(100)) <= 0).map(v -> "did you mean " + written + "%?").orElse("");
        return value.flatMap(v -> checkDecimal(node, label, v, BigDecimal.ZERO, BigDecimal.ONE,
                "0..1 (0%..100%)", written, hint));
    }

    Optional<Boolean> bool(YamlNode node, String label) {
        Optional<String> text = text(node, label, "true or false");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String lower = text.get().strip().toLowerCase(Locale.ROOT);
        if (TRUE.contains(lower) || FALSE.contains(lower)) {
            return Optional.of(TRUE.contains(lower));
        }
        problems.report(node, "'" + label + "': expected true or false, found " + node.describe());
        return Optional.empty();
    }

    Optional<Duration> duration(YamlNode node, String label, Duration min, Duration max) {
        return quantity(node, label, "a duration like 30s", Durations::parseSeconds,
                Durations.seconds(min), Durations.seconds(max),
                range(Durations.format(min), Durations.format(max), false, false))
                .map(Durations::ofSeconds);
    }

    Optional<Long> dataSize(YamlNode node, String label, long min, long max) {
        return quantity(node, label, "a data size like 64GB", DataSizes::parseBytes,
                BigDecimal.valueOf(min), BigDecimal.valueOf(max),
                range(DataSizes.format(min), DataSizes.format(max), false, max == Long.MAX_VALUE))
                .map(bytes -> bytes.setScale(0, RoundingMode.HALF_UP).longValueExact());
    }

    Optional<Double> dataRate(YamlNode node, String label, double min, double max) {
        return quantity(node, label, "a data rate like 25Mbit/s", DataRates::parseBitsPerSecond,
                bound(min), bound(max),
                range(DataRates.format(min), DataRates.format(max), false, max >= Double.MAX_VALUE))
                .map(BigDecimal::doubleValue);
    }

    <E extends Enum<E>> Optional<E> enumValue(YamlNode node, String label, Class<E> type) {
        List<String> names = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            names.add(spelling(constant));
        }
        Optional<String> text = text(node, label, "one of " + String.join(", ", names));
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String written = text.get().strip();
        String normalized = written.toLowerCase(Locale.ROOT).replace('_', '-').replace(' ', '-');
        int index = names.indexOf(normalized);
        if (index >= 0) {
            return Optional.of(type.getEnumConstants()[index]);
        }
        String allowed = "allowed values: " + String.join(", ", names);
        problems.report(node, "'" + label + "': unknown value '" + written + "'"
                + Suggestions.closest(normalized, names).map(s -> ", did you mean '" + s + "'?").orElse(""), allowed);
        return Optional.empty();
    }

    /** How an enum constant is written in a scenario: READY_BUFFERING as "ready-buffering". */
    static String spelling(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private Optional<BigDecimal> quantity(YamlNode node, String label, String expected,
                                          Function<String, BigDecimal> parser, BigDecimal min, BigDecimal max,
                                          String range) {
        Optional<String> text = text(node, label, expected).map(String::strip);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        BigDecimal value;
        try {
            value = parser.apply(text.get());
        } catch (UnitFormatException e) {
            problems.report(node, "'" + label + "': " + e.getMessage(), e.hint());
            return Optional.empty();
        }
        boolean inside = (min == null || value.compareTo(min) >= 0) && (max == null || value.compareTo(max) <= 0);
        return inRange(node, label, inside, range, text.get()) ? Optional.of(value) : Optional.empty();
    }

    private Optional<BigDecimal> number(YamlNode node, String label, String written, String expected) {
        if (NUMBER.matcher(written).matches()) {
            try {
                return Optional.of(new BigDecimal(written));
            } catch (NumberFormatException | ArithmeticException e) {
                problems.report(node, "'" + label + "': " + written + " is too large a number");
                return Optional.empty();
            }
        }
        String hint = HEX_OR_OCTAL.matcher(written).matches() ? "write the number in decimal" : "";
        problems.report(node, "'" + label + "': expected " + expected + ", found " + node.describe(), hint);
        return Optional.empty();
    }

    private Optional<Double> checkDecimal(YamlNode node, String label, BigDecimal value, BigDecimal min,
                                          BigDecimal max, String range, String written, String hint) {
        if ((min == null || value.compareTo(min) >= 0) && (max == null || value.compareTo(max) <= 0)) {
            return Optional.of(value.doubleValue());
        }
        problems.report(node, "'" + label + "' must be " + range + ", was " + written, hint);
        return Optional.empty();
    }

    /** A double bound as an exact number, or null for an infinite (absent) bound. */
    private static BigDecimal bound(double value) {
        return Double.isFinite(value) ? BigDecimal.valueOf(value) : null;
    }

    private boolean inRange(YamlNode node, String label, boolean inside, String range, String written) {
        if (!inside) {
            problems.report(node, "'" + label + "' must be " + range + ", was " + written);
        }
        return inside;
    }

    private static String range(String min, String max, boolean noMin, boolean noMax) {
        if (noMax) {
            return "at least " + min;
        }
        return noMin ? "at most " + max : min + ".." + max;
    }

    private static String plain(double value) {
        return !Double.isFinite(value) ? String.valueOf(value) : BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
