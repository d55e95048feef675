package io.bodycam.reports.html;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's Chromium, headless, opening a local page with the network cut off (a dead proxy; no
 * background networking), taking a screenshot and handing back the page's DOM after its scripts ran.
 */
final class HeadlessChromium {

    private static final Pattern VERDICT = Pattern.compile("<pre id=\"render-verdict\"[^>]*>(.*?)</pre>", Pattern.DOTALL);

    private final Path binary;

    private HeadlessChromium(Path binary) {
        this.binary = binary;
    }

    /** Chromium from {@code BODYCAM_CHROMIUM}, {@code /usr/bin/chromium} or the PATH, if there is one. */
    static Optional<HeadlessChromium> find() {
        List<Path> candidates = new ArrayList<>();
        String env = System.getenv("BODYCAM_CHROMIUM");
        if (env != null && !env.isBlank()) {
            candidates.add(Path.of(env));
        }
        candidates.add(Path.of("/usr/bin/chromium"));
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty()) {
                candidates.add(Path.of(dir, "chromium"));
                candidates.add(Path.of(dir, "chromium-browser"));
            }
        }
        return candidates.stream().filter(Files::isExecutable).findFirst().map(HeadlessChromium::new);
    }

    /** What the page said about its charts, and the DOM it ended with. */
    record Rendered(String verdictJson, String dom) {
    }

    /** A page being rendered by its own Chromium process. */
    final class Pending {
        private final Process process;
        private final Path dom;
        private final Path log;

        private Pending(Process process, Path dom, Path log) {
            this.process = process;
            this.dom = dom;
            this.log = log;
        }

        /** Waits for Chromium to finish and returns the page's render verdict. */
        Rendered await() throws IOException, InterruptedException {
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("chromium did not finish in 120 s; its log: " + tail(Files.readString(log)));
            }
            String text = Files.readString(dom, StandardCharsets.UTF_8);
            Matcher m = VERDICT.matcher(text);
            if (!m.find()) {
                throw new IllegalStateException("chromium exited " + process.exitValue() + " without the page's render verdict; its log: "
                        + tail(Files.readString(log)));
            }
            return new Rendered(unescape(m.group(1)), text);
        }
    }

    /**
     * Starts opening {@code page} in a fresh profile under {@code work}: Chromium lets the page's scripts
     * run, saves a full-height screenshot and prints the DOM.
     */
    Pending start(Path page, Path screenshot, Path work) throws IOException {
        Files.createDirectories(screenshot.getParent());
        Files.createDirectories(work);
        Path dom = work.resolve("dom.html");
        Path log = work.resolve("chromium.log");
        List<String> cmd = List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-extensions", "--proxy-server=http://127.0.0.1:9", "--user-data-dir=" + work.resolve("profile"),
                "--hide-scrollbars", "--window-size=1400,5600", "--virtual-time-budget=2000",
                "--screenshot=" + screenshot.toAbsolutePath(), "--dump-dom", page.toUri().toString());
        return new Pending(new ProcessBuilder(cmd).redirectOutput(dom.toFile()).redirectError(log.toFile()).start(), dom, log);
    }

    private static String unescape(String html) {
        return html.replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    private static String tail(String s) {
        return s.length() > 2000 ? s.substring(s.length() - 2000) : s;
    }
}
