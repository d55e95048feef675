package io.bodycam.bench.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's Chromium, headless, driven over the Chrome DevTools Protocol with the JDK's own WebSocket
 * client: navigate, evaluate script, click with real mouse events, take screenshots, read the
 * Performance metrics. The network outside loopback is cut off (a dead proxy, no background
 * networking), so a page that fetched anything from the internet would break.
 */
final class DevToolsBrowser implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");

    private final Process process;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> waiting = new ConcurrentHashMap<>();

    private DevToolsBrowser(Process process, WebSocket socket) {
        this.process = process;
        this.socket = socket;
    }

    /** Chromium from {@code BODYCAM_CHROMIUM} or {@code /usr/bin/chromium}, if installed. */
    static Optional<Path> binary() {
        String env = System.getenv("BODYCAM_CHROMIUM");
        for (String candidate : new String[] {env, "/usr/bin/chromium"}) {
            if (candidate != null && !candidate.isBlank() && Files.isExecutable(Path.of(candidate))) {
                return Optional.of(Path.of(candidate));
            }
        }
        return Optional.empty();
    }

    /** Starts Chromium with a fresh profile under {@code work} and attaches to its page. */
    static DevToolsBrowser start(Path binary, Path work, int width, int height) throws Exception {
        Files.createDirectories(work);
        List<String> cmd = List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-extensions", "--proxy-server=http://127.0.0.1:9", "--user-data-dir=" + work.resolve("profile"),
                "--remote-debugging-port=0", "--hide-scrollbars", "--window-size=" + width + "," + height, "about:blank");
        Process p = new ProcessBuilder(cmd).redirectOutput(work.resolve("chromium.out").toFile()).start();
        String ws = devToolsAddress(p, work.resolve("chromium.log"));
        URI browser = URI.create(ws);
        HttpClient http = HttpClient.newHttpClient();
        String list = http.send(HttpRequest.newBuilder(URI.create("http://" + browser.getAuthority() + "/json/list")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        String pageWs = null;
        for (JsonNode t : JSON.readTree(list)) {
            if (t.path("type").asText().equals("page")) {
                pageWs = t.path("webSocketDebuggerUrl").asText();
            }
        }
        if (pageWs == null) {
            p.destroyForcibly();
            throw new IllegalStateException("chromium shows no page target: " + list);
        }
        DevToolsBrowser[] self = new DevToolsBrowser[1];
        WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(pageWs), new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    self[0].message(partial.toString());
                    partial.setLength(0);
                }
                w.request(1);
                return null;
            }
        }).get(20, TimeUnit.SECONDS);
        self[0] = new DevToolsBrowser(p, socket);
        self[0].call("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height, "deviceScaleFactor", 1,
                "mobile", false));
        return self[0];
    }

    private static String devToolsAddress(Process p, Path log) throws IOException {
        List<String> seen = new ArrayList<>();
        try (BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = err.readLine()) != null) {
                seen.add(line);
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    Thread drain = new Thread(() -> drain(err, log), "chromium-stderr");
                    drain.setDaemon(true);
                    drain.start();
                    return m.group(1);
                }
            }
        }
        throw new IllegalStateException("chromium did not open DevTools; it said: " + String.join("\n", seen));
    }

    private static void drain(BufferedReader err, Path log) {
        try {
            String line;
            StringBuilder all = new StringBuilder();
            while ((line = err.readLine()) != null) {
                all.append(line).append('\n');
                Files.writeString(log, all);
            }
        } catch (IOException e) {
            // chromium ended
        }
    }

    private void message(String text) {
        try {
            JsonNode n = JSON.readTree(text);
            if (n.has("id")) {
                CompletableFuture<JsonNode> f = waiting.remove(n.get("id").asInt());
                if (f != null) {
                    if (n.has("error")) {
                        f.completeExceptionally(new IllegalStateException("DevTools error: " + n.get("error")));
                    } else {
                        f.complete(n.path("result"));
                    }
                }
            }
        } catch (IOException e) {
            // not ours
        }
    }

    /** Sends one DevTools command and waits for its result. */
    JsonNode call(String method, Map<String, ?> params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        waiting.put(id, f);
        ObjectNode msg = JSON.createObjectNode().put("id", id).put("method", method);
        msg.set("params", JSON.valueToTree(params));
        socket.sendText(JSON.writeValueAsString(msg), true).get(10, TimeUnit.SECONDS);
        return f.get(60, TimeUnit.SECONDS);
    }

    void navigate(URI page) throws Exception {
        call("Page.enable", Map.of());
        call("Page.navigate", Map.of("url", page.toString()));
    }

    /** The value of a script expression (promises awaited); fails on a script exception. */
    JsonNode eval(String expression) throws Exception {
        JsonNode r = call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
        if (r.has("exceptionDetails")) {
            throw new IllegalStateException("script failed: " + expression + ": " + r.get("exceptionDetails"));
        }
        return r.path("result").path("value");
    }

    /** A left click at page coordinates, as a mouse would: press and release. */
    void click(double x, double y) throws Exception {
        for (String type : new String[] {"mouseMoved", "mousePressed", "mouseReleased"}) {
            call("Input.dispatchMouseEvent", Map.of("type", type, "x", x, "y", y, "button", "left",
                    "clickCount", type.equals("mouseMoved") ? 0 : 1));
        }
    }

    /** Clicks the middle of the element {@code selector} finds. */
    void clickElement(String selector) throws Exception {
        JsonNode box = eval("(function(){var e=document.querySelector(" + JSON.writeValueAsString(selector)
                + ");if(!e)return null;var r=e.getBoundingClientRect();return {x:r.left+r.width/2,y:r.top+r.height/2};})()");
        if (box.isNull() || box.isMissingNode()) {
            throw new IllegalStateException("no element " + selector + " on the page");
        }
        click(box.get("x").asDouble(), box.get("y").asDouble());
    }

    void screenshot(Path png) throws Exception {
        Files.createDirectories(png.getParent());
        String data = call("Page.captureScreenshot", Map.of("format", "png")).path("data").asText();
        Files.write(png, Base64.getDecoder().decode(data));
    }

    /** Chromium's Performance metrics by name ({@code TaskDuration}, {@code ScriptDuration}, ... in seconds). */
    Map<String, Double> metrics() throws Exception {
        call("Performance.enable", Map.of());
        Map<String, Double> m = new java.util.LinkedHashMap<>();
        for (JsonNode n : call("Performance.getMetrics", Map.of()).path("metrics")) {
            m.put(n.path("name").asText(), n.path("value").asDouble());
        }
        return m;
    }

    /**
     * Stops Chromium and every process it started (renderer, crash handler, zygote), and waits for them:
     * a child still writing to the profile makes the caller's temporary directory impossible to delete.
     */
    @Override
    public void close() {
        socket.abort();
        List<ProcessHandle> family = new ArrayList<>(process.descendants().toList());
        family.add(process.toHandle());
        family.forEach(ProcessHandle::destroy);
        for (ProcessHandle h : family) {
            try {
                h.onExit().get(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                h.destroyForcibly();
            } catch (ExecutionException | TimeoutException e) {
                h.destroyForcibly();
            }
        }
    }
}
