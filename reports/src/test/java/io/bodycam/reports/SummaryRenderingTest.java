package io.bodycam.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bodycam.record.RunRecord;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class SummaryRenderingTest {

    private static final String FAILED_RUN = """
            {"scenario":"smoke","seed":7,"passed":false,
             "run":{"wallTime":42000,"virtualTime":3600000,"clockSpeed":60},
             "devices":{"configured":20,"connectedPeak":20,"allConnectedAfter":812},
             "mqtt":{"published":1000,"received":998,"state":{"latency":{"p50":2.5,"p99":14,"max":30}}},
             "evidence":{"segmentsRecorded":40,"verified":39,"lost":1,"duplicated":0,"corrupt":0,"pending":0,"bytesRecorded":12000000},
             "assertions":[
               {"expr":"evidence.lost == 0","passed":false,"actual":1,"unit":""},
               {"expr":"mqtt.state.latency.p99 < 500ms","passed":true,"actual":14,"unit":"ms"}]}
            """;

    private static Path record(Path dir, String summary) throws IOException {
        Files.writeString(dir.resolve(RunRecord.SUMMARY), summary);
        return dir;
    }

    @Test
    void junit_xml_has_one_case_per_assertion_and_failures_carry_the_actual_value(@TempDir Path dir) throws Exception {
        RunRecord r = RunRecord.open(record(dir, FAILED_RUN));
        String xml = JunitXmlReport.render(r);

        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        Element suite = doc.getDocumentElement();
        assertEquals("testsuite", suite.getTagName());
        assertEquals("2", suite.getAttribute("tests"));
        assertEquals("1", suite.getAttribute("failures"));
        assertEquals("42.000", suite.getAttribute("time"));
        var cases = doc.getElementsByTagName("testcase");
        assertEquals("evidence.lost == 0", ((Element) cases.item(0)).getAttribute("name"));
        var failure = (Element) ((Element) cases.item(0)).getElementsByTagName("failure").item(0);
        assertTrue(failure.getTextContent().contains("actual 1"), failure.getTextContent());
        assertEquals(0, ((Element) cases.item(1)).getElementsByTagName("failure").getLength());
        assertEquals("mqtt.state.latency.p99 &lt; 500ms", JunitXmlReport.escape("mqtt.state.latency.p99 < 500ms"));
    }

    @Test
    void the_console_summary_shows_the_verdict_the_evidence_and_each_assertion(@TempDir Path dir) throws Exception {
        String text = ConsoleSummary.render(RunRecord.open(record(dir, FAILED_RUN)));
        assertTrue(text.startsWith("bodycam run smoke   seed 7   FAILED"), text);
        assertTrue(text.contains("40 segments recorded (12 MB): 39 verified, 1 lost"), text);
        assertTrue(text.contains("FAIL  evidence.lost == 0"), text);
        assertTrue(text.contains("actual 14 ms"), text);
        assertTrue(text.contains("p50 2.5 ms"), text);
        assertFalse(text.contains("security"), "a run without impostors has no security line: " + text);
    }

    @Test
    void the_console_summary_counts_the_impostors_per_kind(@TempDir Path dir) throws Exception {
        String run = FAILED_RUN.replace("\"assertions\":[", """
                "security":{"attempts":2,"refused":1,"accepted":1,
                  "revoked":{"attempts":1,"refused":1,"accepted":0},"otherTopic":{"attempts":1,"refused":0,"accepted":1}},
                "assertions":[""");
        String text = ConsoleSummary.render(RunRecord.open(record(dir, run)));
        assertTrue(text.contains("security    2 impostor attempts: 1 refused, 1 accepted "
                + "(refused/accepted: revoked 1/0, otherTopic 0/1)"), text);
    }

    @Test
    void the_console_summary_says_how_the_evidence_was_proved_and_what_the_cameras_said(@TempDir Path dir) throws Exception {
        String run = FAILED_RUN.replace("\"bytesRecorded\":12000000}", """
                "bytesRecorded":12000000,"method":"read-back of every stored object by the bench",
                "cameraProofs":{"verified":40,"lost":0,"duplicated":0,"corrupt":0,"pending":0}}""");
        String text = ConsoleSummary.render(RunRecord.open(record(dir, run)));
        assertTrue(text.contains("proved by read-back of every stored object by the bench"), text);
        assertTrue(text.contains("the cameras' own proofs: 40 verified, 0 lost"), text);
        assertFalse(text.contains("READ-BACK FAILED"), text);
    }
}
