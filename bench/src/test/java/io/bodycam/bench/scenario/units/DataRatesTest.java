package io.bodycam.bench.scenario.units;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DataRatesTest {

    @ParameterizedTest(name = "{0} is {1} bit/s")
    @CsvSource(delimiter = '|', textBlock = """
            25Mbit/s  | 25000000
            4 Mbit/s  | 4000000
            1Gbit/s   | 1000000000
            500kbit/s | 500000
            3MB/s     | 24000000
            25Mbps    | 25000000
            1.5Mbit/s | 1500000
            1KiB/s    | 8192
            """)
    void parses_bit_and_byte_rates(String text, double bitsPerSecond) {
        assertEquals(bitsPerSecond, DataRates.parse(text));
    }

    @ParameterizedTest(name = "{0} formats as {1}")
    @CsvSource(delimiter = '|', textBlock = """
            25Mbit/s  | 25Mbit/s
            4 Mbit/s  | 4Mbit/s
            1Gbit/s   | 1Gbit/s
            500kbit/s | 500kbit/s
            3MB/s     | 24Mbit/s
            1.5Mbit/s | 1.5Mbit/s
            12bit/s   | 12bit/s
            0bit/s    | 0bit/s
            """)
    void format_uses_the_largest_unit_and_reads_back_the_same(String text, String canonical) {
        double rate = DataRates.parse(text);
        assertEquals(canonical, DataRates.format(rate));
        assertEquals(rate, DataRates.parse(DataRates.format(rate)), "round trip of " + text);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            25          | found a bare number 25; give a unit, e.g. 25Mbit/s  | data rate units: bit/s, kbit/s, Mbit/s, Gbit/s (or kbps, Mbps, Gbps), B/s, kB/s, MB/s, GB/s
            25Mbit      | '25Mbit' is a size, not a rate: it lacks '/s'        | write 25Mbit/s
            3MB         | '3MB' is a size, not a rate: it lacks '/s'           | write 3MB/s
            25Mb/s      | 'Mb/s' in '25Mb/s' is ambiguous                      | write Mbit/s for bits or MB/s for bytes per second
            10 parsecs  | unknown unit 'parsecs' in '10 parsecs'               | data rate units: bit/s, kbit/s, Mbit/s, Gbit/s (or kbps, Mbps, Gbps), B/s, kB/s, MB/s, GB/s
            """)
    void refuses_what_is_not_a_rate_with_a_hint(String text, String message, String hint) {
        UnitFormatException e = assertThrows(UnitFormatException.class, () -> DataRates.parse(text));
        assertEquals(message, e.getMessage());
        assertEquals(hint, e.hint());
    }
}
