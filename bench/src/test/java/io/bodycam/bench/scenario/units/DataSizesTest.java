package io.bodycam.bench.scenario.units;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DataSizesTest {

    @ParameterizedTest(name = "{0} is {1} bytes")
    @CsvSource(delimiter = '|', textBlock = """
            64GB    | 64000000000
            4 GB    | 4000000000
            500MB   | 500000000
            1.8GB   | 1800000000
            512MiB  | 536870912
            1GiB    | 1073741824
            1KB     | 1000
            1kB     | 1000
            7B      | 7
            2 bytes | 2
            """)
    void parses_si_and_binary_sizes(String text, long bytes) {
        assertEquals(bytes, DataSizes.parse(text));
    }

    @ParameterizedTest(name = "{0} formats as {1}")
    @CsvSource(delimiter = '|', textBlock = """
            64GB       | 64GB
            1.8GB      | 1.8GB
            512MiB     | 512MiB
            1GiB       | 1GiB
            1024B      | 1KiB
            1000000B   | 1MB
            999B       | 999B
            0GB        | 0B
            1234567891B| 1234567891B
            4TB        | 4TB
            """)
    void format_is_exact_and_reads_back_the_same(String text, String canonical) {
        long bytes = DataSizes.parse(text);
        assertEquals(canonical, DataSizes.format(bytes));
        assertEquals(bytes, DataSizes.parse(DataSizes.format(bytes)), "round trip of " + text);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            64          | found a bare number 64; give a unit, e.g. 64GB          | data size units: B, kB, MB, GB, TB (1000-based) or KiB, MiB, GiB, TiB (1024-based)
            64Mb        | 'Mb' in '64Mb' reads as bits; a data size is in bytes    | write MB (capital B for bytes)
            64kb        | 'kb' in '64kb' reads as bits; a data size is in bytes    | write kB (capital B for bytes)
            10 parsecs  | unknown unit 'parsecs' in '10 parsecs'                    | data size units: B, kB, MB, GB, TB (1000-based) or KiB, MiB, GiB, TiB (1024-based)
            3MB/s       | '3MB/s' is a data rate, not a data size                   | write a size such as 64GB
            1GB 500MB   | '1GB 500MB' is not a data size: give one number with one unit | write it like 64GB
            """)
    void refuses_what_is_not_a_size_with_a_hint(String text, String message, String hint) {
        UnitFormatException e = assertThrows(UnitFormatException.class, () -> DataSizes.parse(text));
        assertEquals(message, e.getMessage());
        assertEquals(hint, e.hint());
    }
}
