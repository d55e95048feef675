package io.bodycam.bench.live.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The page's files, read from the classpath once when the server starts (never on an event loop):
 * the HTML, CSS and scripts under {@code io/bodycam/bench/live/web/}, and ECharts from its WebJar
 * ({@code org.webjars.npm:echarts}, the "common" build: line charts, legend, tooltip), so the page
 * works offline.
 */
public final class StaticFiles {

    /** One file as served. */
    public record Asset(byte[] bytes, String contentType) {
    }

    private static final String WEB = "io/bodycam/bench/live/web/";
    private static final String WEBJAR = "META-INF/resources/webjars/echarts/";
    private static final String WEBJAR_POM = "META-INF/maven/org.webjars.npm/echarts/pom.properties";

    private final Map<String, Asset> byPath = new LinkedHashMap<>();

    public StaticFiles() {
        byPath.put("/", new Asset(read(WEB + "index.html"), "text/html; charset=utf-8"));
        byPath.put("/live.css", new Asset(read(WEB + "live.css"), "text/css; charset=utf-8"));
        for (String name : new String[] {"live.js", "map.js", "panels.js", "camera.js"}) {
            byPath.put("/" + name, new Asset(read(WEB + name), "text/javascript; charset=utf-8"));
        }
        byPath.put("/echarts.min.js", new Asset(read(WEBJAR + echartsVersion() + "/dist/echarts.common.min.js"),
                "text/javascript; charset=utf-8"));
    }

    public Optional<Asset> get(String path) {
        return Optional.ofNullable(byPath.get(path.equals("/index.html") ? "/" : path));
    }

    /** Bytes of every file, by path: the page's weight. */
    public Map<String, Integer> sizes() {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        byPath.forEach((p, a) -> sizes.put(p, a.bytes().length));
        return sizes;
    }

    private static String echartsVersion() {
        Properties p = new Properties();
        try (InputStream in = StaticFiles.class.getClassLoader().getResourceAsStream(WEBJAR_POM)) {
            if (in == null) {
                throw new IllegalStateException("the ECharts WebJar (org.webjars.npm:echarts) is not on the classpath");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + WEBJAR_POM, e);
        }
        return p.getProperty("version");
    }

    private static byte[] read(String path) {
        try (InputStream in = StaticFiles.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is not on the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }
}
