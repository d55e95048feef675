package io.bodycam.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bodycam.record.Fixtures;
import io.bodycam.record.RunRecord;
import java.io.StringReader;
import java.nio.file.Path;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xml.sax.SAXParseException;

/**
 * junit.xml against the JUnit XML schema (Ant's format, as CI servers read it; {@code junit-ant.xsd}
 * in the test resources), on a real run record with a failed assertion and one with awkward text.
 */
class JunitXmlSchemaTest {

    private static Schema schema;

    @BeforeAll
    static void load_the_schema() throws Exception {
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        schema = factory.newSchema(JunitXmlSchemaTest.class.getResource("/junit-ant.xsd"));
    }

    private static void validate(String xml) throws Exception {
        Validator v = schema.newValidator();
        v.validate(new StreamSource(new StringReader(xml)));
    }

    @Test
    void the_junit_xml_of_a_failed_run_is_valid(@TempDir Path dir) throws Exception {
        String xml = JunitXmlReport.render(RunRecord.open(Fixtures.copy("failed", dir)));
        validate(xml);
        assertTrue(xml.contains("failures=\"1\""), xml);
        assertTrue(xml.contains("<failure message="), xml);
    }

    @Test
    void assertions_with_markup_and_control_characters_still_give_a_valid_file(@TempDir Path dir) throws Exception {
        java.nio.file.Files.writeString(dir.resolve(RunRecord.SUMMARY), """
                {"scenario":"odd<&>\\"name","seed":1,"passed":false,"devices":{"configured":2},
                 "assertions":[{"expr":"mqtt.state.latency.p99 < 5ms && 'x'","passed":false,"actual":null,"unit":"ms",
                                "message":"bell\\u0007 and <tags>"},
                               {"expr":"evidence.lost == 0","passed":true,"actual":0,"unit":""}]}
                """);
        validate(JunitXmlReport.render(RunRecord.open(dir)));
    }

    @Test
    void the_schema_rejects_what_ci_servers_reject() {
        var e = assertThrows(SAXParseException.class, () -> validate("<testsuite name=\"x\" tests=\"-1\" failures=\"0\" errors=\"0\"/>"));
        assertTrue(e.getMessage().contains("-1"), e.getMessage());
        var missing = assertThrows(SAXParseException.class, () -> validate("<testsuite name=\"x\" tests=\"1\" failures=\"0\" errors=\"0\"><testcase/></testsuite>"));
        assertEquals(true, missing.getMessage().contains("name"), missing.getMessage());
    }
}
