package io.bodycam.bench.scenario.units;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads and writes durations as people write them in scenarios: "250ms", "30s", "10m", "1h30m",
 * "1.5h", "1d". A unit is always required; larger units come first, each at most once.
 */
public final class Durations {

    /** The units a duration may use, for hints. */
    public static final String UNITS = "ms, s, m, h, d";

    private static final String KIND = "a duration";
    private static final String EXAMPLE = "30s";
    private static final String HINT = "duration units: " + UNITS + " (e.g. 250ms, 30s, 1h30m)";
    private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);

    private enum Unit {
        DAY("d", 86_400), HOUR("h", 3_600), MINUTE("m", 60), SECOND("s", 1),
        MILLI("ms", new BigDecimal("0.001")), MICRO("us", new BigDecimal("0.000001")),
        NANO("ns", new BigDecimal("0.000000001"));

        final String symbol;
        final BigDecimal seconds;

        Unit(String symbol, long seconds) {
            this(symbol, BigDecimal.valueOf(seconds));
        }

        Unit(String symbol, BigDecimal seconds) {
            this.symbol = symbol;
            this.seconds = seconds;
        }
    }

    private static final Map<String, Unit> NAMES = Map.ofEntries(
            Map.entry("d", Unit.DAY), Map.entry("day", Unit.DAY), Map.entry("days", Unit.DAY),
            Map.entry("h", Unit.HOUR), Map.entry("hr", Unit.HOUR), Map.entry("hrs", Unit.HOUR),
            Map.entry("hour", Unit.HOUR), Map.entry("hours", Unit.HOUR),
            Map.entry("m", Unit.MINUTE), Map.entry("min", Unit.MINUTE), Map.entry("mins", Unit.MINUTE),
            Map.entry("minute", Unit.MINUTE), Map.entry("minutes", Unit.MINUTE),
            Map.entry("s", Unit.SECOND), Map.entry("sec", Unit.SECOND), Map.entry("secs", Unit.SECOND),
            Map.entry("second", Unit.SECOND), Map.entry("seconds", Unit.SECOND),
            Map.entry("ms", Unit.MILLI), Map.entry("us", Unit.MICRO), Map.entry("µs", Unit.MICRO),
            Map.entry("ns", Unit.NANO));

    private Durations() {
    }

    /**
     * Parses a duration.
     *
     * @throws UnitFormatException if the text is not a duration or does not fit a {@link Duration}
     */
    public static Duration parse(String text) {
        try {
            return ofSeconds(parseSeconds(text));
        } catch (ArithmeticException e) {
            throw new UnitFormatException("'" + text.strip() + "' is too long for a duration", HINT);
        }
    }

    /** Parses a duration into exact seconds, so that a caller can range-check a huge value. */
    public static BigDecimal parseSeconds(String text) {
        QuantityText.Parsed parsed = QuantityText.parse(text, KIND, EXAMPLE);
        List<QuantityText.Part> parts = parsed.parts();
        BigDecimal total = BigDecimal.ZERO;
        Unit previous = null;
        for (QuantityText.Part part : parts) {
            if (part.unit().isEmpty()) {
                if (parts.size() == 1) {
                    throw QuantityText.bareNumber((parsed.negative() ? "-" : "") + part.numberText(), EXAMPLE, HINT);
                }
                throw new UnitFormatException("'" + text.strip() + "' has a number without a unit", HINT);
            }
            Unit unit = NAMES.get(part.unit().toLowerCase(Locale.ROOT));
            if (unit == null) {
                throw new UnitFormatException("unknown unit '" + part.unit() + "' in '" + text.strip() + "'", HINT);
            }
            if (previous != null && unit.ordinal() <= previous.ordinal()) {
                throw new UnitFormatException("'" + text.strip() + "' repeats a unit or puts a smaller one first",
                        "write the larger unit first, each once, e.g. 1h30m");
            }
            previous = unit;
            total = total.add(part.number().multiply(unit.seconds));
        }
        return parsed.negative() ? total.negate() : total;
    }

    /**
     * Converts exact seconds to a {@link Duration}, rounding to the nanosecond.
     *
     * @throws ArithmeticException if the value does not fit a {@link Duration}
     */
    public static Duration ofSeconds(BigDecimal seconds) {
        BigDecimal nanosTotal = seconds.multiply(NANOS_PER_SECOND).setScale(0, RoundingMode.HALF_UP);
        BigDecimal[] split = nanosTotal.divideAndRemainder(NANOS_PER_SECOND);
        return Duration.ofSeconds(split[0].longValueExact(), split[1].longValueExact());
    }

    /** The exact number of seconds in {@code duration}. */
    public static BigDecimal seconds(Duration duration) {
        return BigDecimal.valueOf(duration.getSeconds()).add(BigDecimal.valueOf(duration.getNano(), 9));
    }

    /**
     * Formats a duration in the form {@link #parse} reads, largest unit first: "1h30m", "250ms",
     * "1s500ms", "0s", "-90s" becomes "-1m30s".
     */
    public static String format(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        BigDecimal rest = seconds(duration).abs();
        StringBuilder out = new StringBuilder(duration.isNegative() ? "-" : "");
        for (Unit unit : Unit.values()) {
            BigDecimal count = rest.divideToIntegralValue(unit.seconds);
            if (count.signum() > 0) {
                out.append(count.toBigInteger()).append(unit.symbol);
                rest = rest.subtract(count.multiply(unit.seconds));
            }
        }
        return out.toString();
    }
}
