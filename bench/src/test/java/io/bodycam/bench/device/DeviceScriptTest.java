package io.bodycam.bench.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bodycam.bench.live.EventLine;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A camera in hand against the embedded backend (real broker and evidence server over loopback),
 * driven by a script as a bug report would carry it: record, dock and watch the upload complete, with
 * the network pulled in the middle of the upload and the upload resuming where it stopped.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeviceScriptTest {

    static final List<String> SCRIPT = List.of(
            "# one camera: record, dock, the network pulled mid-upload, the upload resumes",
            "speed 20",
            "wait mode READY_BUFFERING within 1m",
            "record",
            "wait mode RECORDING within 1m",
            "step 6m",
            "stop",
            "dock",
            "wait phase UPLOADING within 2m",
            "wait event upload.progress within 2m",
            "pull-network 60s",
            "wait event upload.failed within 1m",
            "expect offline",
            "wait event upload.resumed within 20m",
            "wait uploaded within 30m",
            "expect uploaded",
            "status");

    private final StringWriter out = new StringWriter();
    private DeviceSession session;
    private DeviceSteps steps;

    @BeforeAll
    void start() {
        session = DeviceSession.start(DeviceSession.Settings.defaults().withClock(1, true), new PrintWriter(out, true));
        steps = new DeviceSteps(session);
    }

    @AfterAll
    void stop() {
        session.close();
    }

    @Test
    void the_script_records_docks_and_the_upload_resumes_after_the_network_comes_back() {
        int failed = DeviceScript.run(steps, SCRIPT, new PrintWriter(out, true));

        assertEquals(0, failed, out.toString());
        List<EventLine> events = session.cameras().lastEvents(steps.selected(), 50);
        List<String> types = events.stream().map(EventLine::type).toList();
        EventLine resumed = events.stream().filter(e -> e.type().equals("upload.resumed")).findFirst().orElseThrow();
        long sent = ((Number) resumed.fields().get("sentBytes")).longValue();
        long bytes = ((Number) resumed.fields().get("bytes")).longValue();
        assertTrue(sent > 0 && sent < bytes, "only the rest went over the network again: " + resumed);
        EventLine held = events.stream().filter(e -> e.type().equals("upload.progress")).findFirst().orElseThrow();
        assertEquals(bytes - ((Number) held.fields().get("committedBytes")).longValue(), sent,
                "the resumed upload sent what the backend did not hold when the network went: " + held);
        assertTrue(types.indexOf("upload.progress") < types.indexOf("fault.networkPulled"), types.toString());
        assertTrue(types.indexOf("fault.networkPulled") < types.indexOf("upload.resumed"), types.toString());
        long verified = types.stream().filter("upload.verified"::equals).count();
        assertEquals(2, verified, "both segments of the six minutes verified: " + types);
        assertTrue(out.toString().contains("no pending upload"), out.toString());
    }

    @Test
    void a_step_that_cannot_hold_fails_the_script_and_names_its_line() {
        StringWriter log = new StringWriter();
        int failed = DeviceScript.run(steps, List.of("# nothing recorded", "expect mode RECORDING", "status"),
                new PrintWriter(log, true));
        assertEquals(2, failed, log.toString());
        assertTrue(log.toString().contains("line 2 failed: expect mode RECORDING"), log.toString());
        assertTrue(log.toString().contains("expected mode RECORDING"), log.toString());
    }

    @Test
    void a_mistyped_step_says_what_steps_there_are() {
        DeviceSteps.Outcome o = steps.run("recrod");
        assertEquals(false, o.ok());
        assertTrue(o.text().startsWith("no step 'recrod'; steps: help, use, on"), o.text());
        assertTrue(steps.run("battery 140").text().contains("battery percent must be 0..100, was 140.0"));
        assertTrue(steps.run("wait mode FLYING").text().startsWith("no mode 'FLYING'; modes: OFF"));
    }
}
