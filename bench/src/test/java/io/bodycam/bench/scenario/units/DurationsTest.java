package io.bodycam.bench.scenario.units;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            250ms     | PT0.25S
            30s       | PT30S
            10m       | PT10M
            2h        | PT2H
            1h30m     | PT1H30M
            1h 30m    | PT1H30M
            1.5h      | PT1H30M
            1d        | PT24H
            30 s      | PT30S
            10 minutes| PT10M
            -90s      | PT-1M-30S
            0s        | PT0S
            1.5s      | PT1.5S
            """)
    void parses_durations_people_write(String text, String expected) {
        assertEquals(Duration.parse(expected), Durations.parse(text));
    }

    @ParameterizedTest(name = "{0} formats as {1}")
    @CsvSource(delimiter = '|', textBlock = """
            250ms   | 250ms
            30s     | 30s
            120s    | 2m
            90m     | 1h30m
            1.5h    | 1h30m
            1d      | 1d
            36h     | 1d12h
            1500ms  | 1s500ms
            0.5ms   | 500us
            -90s    | -1m30s
            0h      | 0s
            """)
    void format_writes_the_canonical_form_and_reads_back_the_same(String text, String canonical) {
        Duration parsed = Durations.parse(text);
        assertEquals(canonical, Durations.format(parsed));
        assertEquals(parsed, Durations.parse(Durations.format(parsed)), "round trip of " + text);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            45          | found a bare number 45; give a unit, e.g. 30s
            10 parsecs  | unknown unit 'parsecs' in '10 parsecs'
            30m1h       | '30m1h' repeats a unit or puts a smaller one first
            1m1m        | '1m1m' repeats a unit or puts a smaller one first
            1h30        | '1h30' has a number without a unit
            soon        | 'soon' is not a duration
            1.2.3s      | '1.2.3s' has a number without a unit
            ''          | empty text is not a duration
            """)
    void refuses_what_is_not_a_duration_with_a_reason(String text, String message) {
        UnitFormatException e = assertThrows(UnitFormatException.class, () -> Durations.parse(text));
        assertEquals(message, e.getMessage());
    }

    @Test
    void a_duration_too_long_for_java_is_refused_not_overflowed() {
        UnitFormatException e = assertThrows(UnitFormatException.class,
                () -> Durations.parse("99999999999999999999999d"));
        assertEquals("'99999999999999999999999d' is too long for a duration", e.getMessage());
    }

    @Test
    void parse_seconds_is_exact_for_huge_values() {
        assertEquals("8639999999999999999999913600", Durations.parseSeconds("99999999999999999999999d").toPlainString());
    }
}
