package com.example.vendor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bodycam.bench.api.BenchRun;
import io.bodycam.bench.api.BodycamScenario;
import org.junit.jupiter.api.Test;

/** A vendor's backend judged by a fleet of ten virtual cameras: one run for the class, a test per promise. */
@BodycamScenario("src/test/resources/vendor-smoke.yaml")
class VendorBackendTest {

    @Test
    void every_assertion_of_the_scenario_holds(BenchRun run) {
        assertTrue(run.passed(), String.join("\n", run.failures()));
    }

    @Test
    void every_recorded_segment_is_stored_once_and_intact(BenchRun run) {
        assertEquals(run.metric("evidence.segmentsRecorded"), run.metric("evidence.verified"));
        assertEquals(0, run.metric("evidence.duplicated"));
        assertEquals(0, run.metric("evidence.corrupt"));
    }

    @Test
    void every_camera_message_keeps_the_contract(BenchRun run) {
        assertEquals(0, run.metric("mqtt.malformed"));
        assertEquals(0, run.metric("mqtt.seqGaps"));
    }
}
