package io.bodycam.bench.scenario.units;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads and writes data rates in bits per second: "25Mbit/s", "4 Mbit/s", "1Gbit/s", "500kbit/s",
 * "25Mbps", or bytes per second "3MB/s" (times 8). The ambiguous "Mb/s" is refused with a hint.
 */
public final class DataRates {

    /** The units a data rate may use, for hints. */
    public static final String UNITS = "bit/s, kbit/s, Mbit/s, Gbit/s (or kbps, Mbps, Gbps), B/s, kB/s, MB/s, GB/s";

    private static final String KIND = "a data rate";
    private static final String EXAMPLE = "25Mbit/s";
    private static final String HINT = "data rate units: " + UNITS;
    private static final List<String> PREFIXES = List.of("", "k", "M", "G", "T");
    private static final Map<String, BigDecimal> UNITS_BY_NAME = new HashMap<>();

    static {
        long factor = 1;
        for (String prefix : PREFIXES) {
            BigDecimal bits = BigDecimal.valueOf(factor);
            BigDecimal bytes = bits.multiply(BigDecimal.valueOf(8));
            UNITS_BY_NAME.put(prefix + "bit/s", bits);
            UNITS_BY_NAME.put(prefix + "bps", bits);
            UNITS_BY_NAME.put(prefix + "B/s", bytes);
            factor *= 1000;
        }
        UNITS_BY_NAME.put("Kbit/s", BigDecimal.valueOf(1000));
        UNITS_BY_NAME.put("Kbps", BigDecimal.valueOf(1000));
        UNITS_BY_NAME.put("KB/s", BigDecimal.valueOf(8000));
        long binary = 1;
        for (String prefix : List.of("Ki", "Mi", "Gi")) {
            binary *= 1024;
            UNITS_BY_NAME.put(prefix + "B/s", BigDecimal.valueOf(binary * 8));
        }
    }

    private DataRates() {
    }

    /**
     * Parses a data rate into bits per second.
     *
     * @throws UnitFormatException if the text is not a data rate
     */
    public static double parse(String text) {
        return parseBitsPerSecond(text).doubleValue();
    }

    /** Parses a data rate into exact bits per second, so that a caller can range-check it. */
    public static BigDecimal parseBitsPerSecond(String text) {
        QuantityText.Part part = QuantityText.single(text, KIND, EXAMPLE, HINT);
        BigDecimal factor = UNITS_BY_NAME.get(part.unit());
        if (factor == null) {
            throw unknownUnit(part, text.strip());
        }
        return part.number().multiply(factor);
    }

    private static UnitFormatException unknownUnit(QuantityText.Part part, String text) {
        String unit = part.unit();
        if (UNITS_BY_NAME.containsKey(unit + "/s")) {
            return new UnitFormatException("'" + text + "' is a size, not a rate: it lacks '/s'",
                    "write " + part.numberText() + unit + "/s");
        }
        String perSecond = unit.endsWith("/s") ? unit : unit + "/s";
        if (perSecond.endsWith("b/s") && perSecond.length() <= 4) {
            String prefix = perSecond.substring(0, perSecond.length() - 3);
            return new UnitFormatException("'" + unit + "' in '" + text + "' is ambiguous",
                    "write " + prefix + "bit/s for bits or " + prefix.toUpperCase(Locale.ROOT)
                            .replace("K", "k") + "B/s for bytes per second");
        }
        return new UnitFormatException("unknown unit '" + unit + "' in '" + text + "'", HINT);
    }

    /**
     * Formats a rate in bits per second with the largest unit that keeps the number at least 1,
     * to at most three decimals: 25000000 as "25Mbit/s", 500000 as "500kbit/s".
     */
    public static String format(double bitsPerSecond) {
        if (!Double.isFinite(bitsPerSecond)) {
            return bitsPerSecond + "bit/s";
        }
        BigDecimal value = BigDecimal.valueOf(bitsPerSecond);
        int prefix = PREFIXES.size() - 1;
        while (prefix > 0 && value.abs().compareTo(BigDecimal.TEN.pow(3 * prefix)) < 0) {
            prefix--;
        }
        BigDecimal scaled = value.divide(BigDecimal.TEN.pow(3 * prefix)).setScale(3, RoundingMode.HALF_UP);
        return QuantityText.plain(scaled) + PREFIXES.get(prefix) + "bit/s";
    }
}
