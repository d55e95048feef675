package io.bodycam.sim.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bodycam.sim.recording.SegmentManifest;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NameTemplateTest {

    private static final NameTemplate KEY = NameTemplate.parse("key", "{agency}/{deviceId}/{recordingId}/{segmentId}.{ext}");

    @Test
    void a_name_it_made_matches_back_to_the_segments_fields() {
        SegmentManifest s = new SegmentManifest("CAM-01", "CAM-01-R0001", "CAM-01-R0001-S001", 0, 0, 1000, 0, 0, 10, 10,
                "ab", "manual", "none", false, false);
        String key = KEY.expand(s, "ipd", "officer-1");

        Optional<Map<String, String>> fields = KEY.match(key);

        assertEquals(Optional.of(Map.of("agency", "ipd", "deviceId", "CAM-01", "recordingId", "CAM-01-R0001",
                "segmentId", "CAM-01-R0001-S001", "ext", "bin")), fields, key);
    }

    @Test
    void a_name_of_another_shape_does_not_match() {
        assertTrue(KEY.match("notes.txt").isEmpty());
        assertTrue(KEY.match("ipd/CAM-01/R1/R1-S001.txt").isEmpty(), "ext is mp4 or bin only");
    }

    @Test
    void a_variable_used_twice_must_have_one_value() {
        NameTemplate t = NameTemplate.parse("key", "{deviceId}/{segmentId}-{deviceId}");

        assertEquals(Optional.of(Map.of("deviceId", "A", "segmentId", "S1")), t.match("A/S1-A"));
        assertTrue(t.match("A/S1-B").isEmpty());
    }
}
