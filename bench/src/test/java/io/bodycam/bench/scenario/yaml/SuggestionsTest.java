package io.bodycam.bench.scenario.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SuggestionsTest {

    private static final List<String> KEYS =
            List.of("duration", "preEventBuffer", "storage", "seed", "name", "bitrate", "lowBattery");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(textBlock = """
            durration, duration
            duraiton, duration
            Duration, duration
            pre-event-buffer, preEventBuffer
            pre_event_buffer, preEventBuffer
            preEvent, preEventBuffer
            stroage, storage
            sed, seed
            nmae, name
            low-battery, lowBattery
            """)
    void suggests_a_close_key(String wrong, String expected) {
        assertEquals(Optional.of(expected), Suggestions.closest(wrong, KEYS));
    }

    @ParameterizedTest(name = "{0} -> nothing")
    @CsvSource(textBlock = """
            colour
            x
            se
            bandwidth
            """)
    void suggests_nothing_when_no_key_is_close(String wrong) {
        assertEquals(Optional.empty(), Suggestions.closest(wrong, KEYS));
    }

    @ParameterizedTest(name = "{0} vs {1} = {2}")
    @CsvSource(textBlock = """
            abc, abc, 0
            abc, acb, 1
            abc, ab, 1
            kitten, sitting, 3
            '', abc, 3
            """)
    void distance_counts_edits_with_a_swap_as_one(String a, String b, int expected) {
        assertEquals(expected, Suggestions.distance(a, b));
    }
}
