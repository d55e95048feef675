package io.bodycam.sim.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small Swift object store for tests, speaking the subset the Axis Body Worn Integration API uses
 * (written here: no Swift server can be installed on this machine): {@code GET /auth/v1.0} with
 * {@code X-Auth-User}/{@code X-Auth-Key}, {@code GET System/Capabilities.json} with its MD5 ETag,
 * container PUT, object PUT answered with the MD5 ETag of what was stored, object GET. A test can script
 * the status of the next object PUTs (answered after the body is read, as a store that checks content
 * would) and sees every request and every body byte received.
 */
public final class ScriptedSwiftServer implements AutoCloseable {

    /** A stored object: its bytes and metadata headers (names lower-cased by the JDK server, values as sent). */
    public record StoredObject(byte[] bytes, Map<String, String> meta) {
    }

    private final HttpServer server;
    private final Map<String, String> users;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> containers = new ConcurrentHashMap<>();
    private final Map<String, StoredObject> objects = new ConcurrentHashMap<>();
    private final Queue<Integer> nextObjectStatus = new ArrayDeque<>();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final AtomicLong bodyBytes = new AtomicLong();
    private volatile int advertisedPort;
    private volatile String capabilities = "{\"Store\":{\"StoreGNSSTrackRecording\":false},\"Read\":{}}";

    private ScriptedSwiftServer(Map<String, String> users) throws IOException {
        this.users = Map.copyOf(users);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.createContext("/", this::handle);
        server.start();
    }

    /** A server on a free loopback port accepting {@code users} (user name to key). */
    public static ScriptedSwiftServer start(Map<String, String> users) throws IOException {
        return new ScriptedSwiftServer(users);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port());
    }

    /** The storage URL that auth hands out names {@code port} (a relay in front of this server) instead of its own. */
    public ScriptedSwiftServer advertisePort(int port) {
        this.advertisedPort = port;
        return this;
    }

    /** The next object PUT is answered {@code status} (after its body is read) and stores nothing. */
    public synchronized ScriptedSwiftServer answerNextObjectPut(int status) {
        nextObjectStatus.add(status);
        return this;
    }

    /** What {@code System/Capabilities.json} holds (null: it is missing, 404). */
    public ScriptedSwiftServer capabilities(String json) {
        this.capabilities = json;
        return this;
    }

    /** Every request, as {@code METHOD path status}, in order. */
    public List<String> log() {
        return List.copyOf(log);
    }

    /** Body bytes received in object PUTs, whatever was answered. */
    public long bodyBytes() {
        return bodyBytes.get();
    }

    /** The stored objects by {@code container/object}. */
    public Map<String, StoredObject> objects() {
        return Map.copyOf(objects);
    }

    /** The containers made, with their metadata. */
    public Map<String, Map<String, String>> containers() {
        return Map.copyOf(containers);
    }

    /** Forgets every token: the next request with one gets 401. */
    public void expireTokens() {
        tokens.clear();
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    private void handle(HttpExchange x) throws IOException {
        String method = x.getRequestMethod();
        String path = x.getRequestURI().getRawPath();
        int status;
        try {
            status = route(x, method, path);
        } catch (IOException e) {
            log.add(method + " " + path + " broken: " + e.getMessage());
            x.close();
            return;
        }
        log.add(method + " " + path + " " + status);
    }

    private int route(HttpExchange x, String method, String path) throws IOException {
        if (path.equals("/auth/v1.0") && method.equals("GET")) {
            String user = x.getRequestHeaders().getFirst("X-Auth-User");
            String key = x.getRequestHeaders().getFirst("X-Auth-Key");
            if (user == null || !users.getOrDefault(user, "\0").equals(key)) {
                return answer(x, 401, new byte[0]);
            }
            String token = "tk-" + user + "-" + System.nanoTime();
            tokens.put(token, user);
            x.getResponseHeaders().set("X-Auth-Token", token);
            int port = advertisedPort > 0 ? advertisedPort : port();
            x.getResponseHeaders().set("X-Storage-Url", "http://127.0.0.1:" + port + "/v1/AUTH_" + user);
            return answer(x, 200, new byte[0]);
        }
        if (!path.startsWith("/v1/AUTH_")) {
            return answer(x, 404, new byte[0]);
        }
        String token = x.getRequestHeaders().getFirst("X-Auth-Token");
        String[] parts = path.substring("/v1/".length()).split("/", 3);
        if (token == null || !("AUTH_" + tokens.get(token)).equals(parts[0])) {
            drain(x.getRequestBody(), null);
            return answer(x, 401, new byte[0]);
        }
        String container = parts.length > 1 ? decode(parts[1]) : "";
        String object = parts.length > 2 ? decode(parts[2]) : null;
        if (method.equals("GET") && "System".equals(container) && "Capabilities.json".equals(object)) {
            if (capabilities == null) {
                return answer(x, 404, new byte[0]);
            }
            byte[] json = capabilities.getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().set("ETag", md5(json));
            return answer(x, 200, json);
        }
        if (method.equals("PUT") && object == null) {
            containers.put(container, meta(x, "X-Container-Meta-"));
            return answer(x, 201, new byte[0]);
        }
        if (method.equals("PUT")) {
            MessageDigest md5 = digest();
            byte[] body = drain(x.getRequestBody(), md5);
            Integer scripted;
            synchronized (this) {
                scripted = nextObjectStatus.poll();
            }
            if (scripted != null) {
                return answer(x, scripted, ("scripted " + scripted).getBytes(StandardCharsets.UTF_8));
            }
            if (!containers.containsKey(container)) {
                return answer(x, 404, new byte[0]);
            }
            objects.put(container + "/" + object, new StoredObject(body, meta(x, "X-Object-Meta-")));
            x.getResponseHeaders().set("ETag", HexFormat.of().formatHex(md5.digest()));
            return answer(x, 201, new byte[0]);
        }
        if (method.equals("GET") && object != null) {
            StoredObject o = objects.get(container + "/" + object);
            return o == null ? answer(x, 404, new byte[0]) : answer(x, 200, o.bytes());
        }
        return answer(x, 405, new byte[0]);
    }

    private byte[] drain(InputStream in, MessageDigest md5) throws IOException {
        byte[] all = in.readAllBytes();
        bodyBytes.addAndGet(all.length);
        if (md5 != null) {
            md5.update(all);
        }
        return all;
    }

    private static Map<String, String> meta(HttpExchange x, String prefix) {
        Map<String, String> meta = new ConcurrentHashMap<>();
        x.getRequestHeaders().forEach((name, values) -> {
            if (name.regionMatches(true, 0, prefix, 0, prefix.length())) {
                meta.put(name.substring(prefix.length()), values.get(0));
            }
        });
        return meta;
    }

    private static int answer(HttpExchange x, int status, byte[] body) throws IOException {
        x.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(body);
        }
        return status;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String md5(byte[] data) {
        MessageDigest d = digest();
        return HexFormat.of().formatHex(d.digest(data));
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
