package io.bodycam.reports.html;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bodycam.record.RecordException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * Assembles the self-contained page: the template with its stylesheet, the charting library (ECharts,
 * read from its WebJar on the classpath), the report's script and the run data, all inline, so the
 * file opens offline and needs no server.
 */
final class Page {

    private static final String WEBJAR = "META-INF/resources/webjars/echarts/";
    private static final String WEBJAR_POM = "META-INF/maven/org.webjars.npm/echarts/pom.properties";
    private static final String[] SLOTS = {"@TITLE@", "@CSS@", "@ECHARTS@", "@DATA@", "@APP@"};

    private Page() {
    }

    static String render(String title, ObjectNode data) {
        String template = resource("report.html");
        String[] fill = {escape(title), resource("report.css"), echarts(), Json.forScript(data), resource("report.js")};
        StringBuilder sb = new StringBuilder(template.length() + 1_200_000);
        int from = 0;
        for (int i = 0; i < SLOTS.length; i++) {
            int at = template.indexOf(SLOTS[i], from);
            if (at < 0) {
                throw new IllegalStateException("report template lacks " + SLOTS[i]);
            }
            sb.append(template, from, at).append(fill[i]);
            from = at + SLOTS[i].length();
        }
        return sb.append(template, from, template.length()).toString();
    }

    /** The ECharts version inlined, from the WebJar's Maven metadata. */
    static String echartsVersion() {
        Properties p = new Properties();
        try (InputStream in = Page.class.getClassLoader().getResourceAsStream(WEBJAR_POM)) {
            if (in == null) {
                throw new RecordException("the ECharts WebJar (org.webjars.npm:echarts) is not on the classpath");
            }
            p.load(in);
        } catch (IOException e) {
            throw new RecordException("cannot read " + WEBJAR_POM + ": " + e.getMessage());
        }
        return p.getProperty("version");
    }

    private static String echarts() {
        String js = classpath(WEBJAR + echartsVersion() + "/dist/echarts.min.js");
        return js.replace("</script", "<\\/script");
    }

    private static String resource(String name) {
        return classpath("io/bodycam/reports/html/" + name);
    }

    private static String classpath(String path) {
        try (InputStream in = Page.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new RecordException(path + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RecordException("cannot read " + path + ": " + e.getMessage());
        }
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
