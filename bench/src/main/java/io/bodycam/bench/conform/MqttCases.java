package io.bodycam.bench.conform;

import static io.bodycam.bench.conform.ConformanceCase.expect;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The MQTT cases, each with Paho clients of its own playing a camera and the backend's side. They run on
 * the kit's thread, never on an event loop, so waiting here blocks nobody.
 */
final class MqttCases {

    private static final String AGENCY = "conform";
    /** Keep-alive the Will case's camera asks for; the contract gives the broker 1.5 x that. */
    private static final int KEEP_ALIVE_SECONDS = 4;
    /** Keep-alive the silent camera asks for. */
    private static final int SILENT_KEEP_ALIVE_SECONDS = 2;
    /** What the keep-alive case allows beyond 1.5 x keep-alive (the broker's timer granularity, the Will's way). */
    private static final Duration KEEP_ALIVE_SLACK = Duration.ofMillis(1500);
    /** How much longer the keep-alive case waits, after failing, to say when the Will came at all. */
    private static final Duration LATE = Duration.ofSeconds(10);
    private static final Duration QUIET = Duration.ofSeconds(2);
    /** How soon after the restart was asked for the broker must drop the kit's connection. */
    private static final Duration RESTART_DROP = Duration.ofSeconds(30);
    /** How long the kit waits for a restarted broker to accept connections. */
    private static final Duration RESTART_BACK = Duration.ofSeconds(60);
    private static final Duration RESTART_POLL = Duration.ofMillis(200);
    /** How long a subscriber waits for a retained message, which a broker sends right after SUBACK. */
    private static final Duration RETAINED_WAIT = Duration.ofSeconds(3);
    private static final Pattern COMMAND_ID = Pattern.compile("\"id\":\"conform-(\\d+)\"");

    private MqttCases() {
    }

    private record Heard(String topic, String payload, boolean retained) {
    }

    private static String topic(String deviceId, String kind) {
        return "bwc/v1/" + AGENCY + "/" + deviceId + "/" + kind;
    }

    private static MqttClient client(Probe p, String clientId, MqttConnectOptions options, List<String> log) throws MqttException {
        MqttClient c = new MqttClient(p.target().mqtt().toString(), clientId, new MemoryPersistence());
        c.connect(options);
        log.add("CONNECT " + clientId + " clean session " + options.isCleanSession() + " keep-alive " + options.getKeepAliveInterval() + " s -> accepted");
        return c;
    }

    private static MqttConnectOptions options(boolean clean) {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(clean);
        o.setAutomaticReconnect(false);
        o.setConnectionTimeout(10);
        o.setKeepAliveInterval(30);
        return o;
    }

    private static BlockingQueue<Heard> listen(MqttClient c, String filter, List<String> log) throws MqttException {
        BlockingQueue<Heard> heard = new LinkedBlockingQueue<>();
        c.subscribe(filter, 1, (t, m) -> heard.add(new Heard(t, new String(m.getPayload(), StandardCharsets.UTF_8), m.isRetained())));
        log.add("SUBSCRIBE " + filter);
        return heard;
    }

    private static Heard next(BlockingQueue<Heard> q, Duration within, List<String> log) throws InterruptedException {
        Heard h = q.poll(within.toMillis(), TimeUnit.MILLISECONDS);
        log.add(h == null ? "  nothing within " + within.toMillis() + " ms"
                : "  heard " + h.topic() + (h.retained() ? " (retained) " : " ") + printable(h.payload()));
        return h;
    }

    private static void close(MqttClient c) {
        try {
            if (c.isConnected()) {
                c.disconnect(1000);
            }
            c.close(true);
        } catch (MqttException e) {
            // the case has decided; a client that will not close cleanly changes nothing
        }
    }

    private static String status(String deviceId, String status, long seq) {
        return "{\"schema\":1,\"deviceId\":\"" + deviceId + "\",\"seq\":" + seq + ",\"ts\":" + System.currentTimeMillis()
                + ",\"status\":\"" + status + "\",\"firmware\":\"conform\"" + ("offline".equals(status) ? ",\"reason\":\"connection lost\"" : "") + "}";
    }

    static void retained(Probe p, List<String> log) throws Exception {
        String device = p.deviceId();
        MqttClient camera = client(p, device, options(false), log);
        MqttClient later = null;
        try {
            camera.publish(topic(device, "status"), status(device, "online", 0).getBytes(StandardCharsets.UTF_8), 1, true);
            log.add("PUBLISH " + topic(device, "status") + " QoS 1 retained online");
            later = client(p, "conform-backend-" + device, options(true), log);
            Heard h = next(listen(later, topic(device, "status"), log), Duration.ofSeconds(5), log);
            expect(h != null, "a subscriber that came after the camera's retained status got nothing");
            expect(h.retained() && h.payload().contains("\"online\""), "the later subscriber got no retained online status");
            camera.publish(topic(device, "status"), new byte[0], 1, true); // clears the retained message the case left
        } finally {
            close(camera);
            if (later != null) {
                close(later);
            }
        }
    }

    /**
     * The contract's retained {@code status} and {@code state} are the last word on a camera for whoever
     * subscribes later, a broker restart included (docs/contract, "MQTT topics"): a camera publishes both
     * retained and leaves cleanly, the broker is restarted (the target's {@link BrokerRestart}), and a
     * subscriber that comes after it gets both, flagged retained, byte for byte.
     */
    static void retainedAfterRestart(Probe p, List<String> log) throws Exception {
        String device = p.deviceId();
        Map<String, String> published = new LinkedHashMap<>();
        published.put(topic(device, "status"), status(device, "online", 0));
        published.put(topic(device, "state"), "{\"schema\":1,\"deviceId\":\"" + device + "\",\"seq\":0,\"ts\":"
                + System.currentTimeMillis() + ",\"mode\":\"READY_BUFFERING\",\"dockPhase\":null,\"flags\":[]}");
        MqttClient camera = client(p, device, options(true), log);
        try {
            for (Map.Entry<String, String> m : published.entrySet()) {
                camera.publish(m.getKey(), m.getValue().getBytes(StandardCharsets.UTF_8), 1, true);
                log.add("PUBLISH " + m.getKey() + " QoS 1 retained " + m.getValue() + " -> PUBACK");
            }
        } finally {
            close(camera);
        }
        log.add("DISCONNECT " + device);
        MqttClient watcher = client(p, "conform-watch-" + device, options(true), log);
        MqttClient later = null;
        try {
            long t0 = System.nanoTime();
            p.target().brokerRestart().restart(log);
            if (!within(RESTART_DROP, Duration.ofMillis(50), () -> !watcher.isConnected() ? Boolean.TRUE : null)) {
                throw new ConformanceCase.Failed("the kit's connection was not dropped within " + RESTART_DROP.toSeconds()
                        + " s of the restart: the broker was not restarted");
            }
            log.add("  the kit's connection dropped");
            MqttClient[] back = new MqttClient[1];
            if (!within(RESTART_BACK, RESTART_POLL, () -> back[0] = connect(p, "conform-backend-" + device))) {
                throw new ConformanceCase.Failed("the broker did not accept a connection within " + RESTART_BACK.toSeconds()
                        + " s of the restart");
            }
            later = back[0];
            log.add("CONNECT conform-backend-" + device + " -> accepted " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)
                    + " ms after the restart began");
            BlockingQueue<Heard> heard = listen(later, topic(device, "+"), log);
            Map<String, Heard> got = new LinkedHashMap<>();
            Heard h;
            while (got.size() < published.size() && (h = next(heard, RETAINED_WAIT, log)) != null) {
                got.put(h.topic(), h);
            }
            for (Map.Entry<String, String> m : published.entrySet()) {
                Heard r = got.get(m.getKey());
                expect(r != null, "after the restart a new subscriber got no retained message on " + m.getKey()
                        + ": the broker forgot it");
                expect(r.retained(), "after the restart " + m.getKey() + " came, but not flagged retained");
                expect(r.payload().equals(m.getValue()), "after the restart " + m.getKey() + " held " + printable(r.payload())
                        + ", not the camera's last message");
            }
        } finally {
            if (later != null) {
                for (String t : published.keySet()) { // clears the retained messages the case left
                    later.publish(t, new byte[0], 1, true);
                }
                close(later);
            }
            watcher.close(true);
        }
    }

    /** A clean-session client connected to the target, closed again if the broker refuses it. */
    private static MqttClient connect(Probe p, String clientId) throws MqttException {
        MqttClient c = new MqttClient(p.target().mqtt().toString(), clientId, new MemoryPersistence());
        try {
            c.connect(options(true));
            return c;
        } catch (MqttException e) {
            c.close(true);
            throw e;
        }
    }

    static void will(Probe p, List<String> log) throws Exception {
        String device = p.deviceId();
        MqttClient backend = client(p, "conform-backend-" + device, options(true), log);
        MqttClient camera = null;
        try {
            BlockingQueue<Heard> heard = listen(backend, topic(device, "status"), log);
            MqttConnectOptions o = options(false);
            o.setKeepAliveInterval(KEEP_ALIVE_SECONDS);
            o.setWill(topic(device, "status"), status(device, "offline", 1).getBytes(StandardCharsets.UTF_8), 1, true);
            camera = client(p, device, o, log);
            camera.publish(topic(device, "status"), status(device, "online", 0).getBytes(StandardCharsets.UTF_8), 1, true);
            Heard online = next(heard, Duration.ofSeconds(5), log);
            expect(online != null && online.payload().contains("\"online\""), "the camera's online status never arrived");
            long t0 = System.nanoTime();
            camera.disconnectForcibly(0, 1000, false);
            log.add("socket closed without DISCONNECT");
            Duration bound = Duration.ofMillis(KEEP_ALIVE_SECONDS * 1500L + 2000);
            Heard will = next(heard, bound, log);
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            expect(will != null && will.payload().contains("\"offline\""), "no Will within " + bound.toMillis() + " ms");
            log.add("  the Will came " + ms + " ms after the socket closed");
            backend.publish(topic(device, "status"), new byte[0], 1, true);
        } finally {
            if (camera != null) {
                camera.close(true);
            }
            close(backend);
        }
    }

    static void queuedCommand(Probe p, List<String> log) throws Exception {
        queued(p, log, 1);
    }

    /**
     * MQTT 3.1.1, 4.6: the server must by default treat each topic as an ordered topic, so QoS 1 commands
     * queued for an offline camera arrive in the order they were sent (a redelivered copy aside).
     */
    static void queuedInOrder(Probe p, List<String> log) throws Exception {
        queued(p, log, 3);
    }

    /** Queues {@code commands} QoS 1 commands for an offline camera and expects them, in order, when it comes back. */
    private static void queued(Probe p, List<String> log, int commands) throws Exception {
        String device = p.deviceId();
        MqttClient camera = client(p, device, options(false), log);
        camera.subscribe(topic(device, "cmd"), 1);
        log.add("SUBSCRIBE " + topic(device, "cmd") + " QoS 1");
        camera.disconnect(1000);
        camera.close();
        log.add("DISCONNECT " + device + " (session kept)");
        MqttClient backend = client(p, "conform-backend-" + device, options(true), log);
        MqttClient again = null;
        try {
            for (int i = 1; i <= commands; i++) {
                String command = "{\"id\":\"conform-" + i + "\",\"type\":\"locate\",\"params\":{}}";
                backend.publish(topic(device, "cmd"), command.getBytes(StandardCharsets.UTF_8), 1, false);
                log.add("PUBLISH " + topic(device, "cmd") + " QoS 1 " + command + " while the camera is offline");
            }
            BlockingQueue<Heard> heard = new LinkedBlockingQueue<>();
            again = new MqttClient(p.target().mqtt().toString(), device, new MemoryPersistence());
            again.setCallback(new org.eclipse.paho.client.mqttv3.MqttCallback() {
                @Override
                public void connectionLost(Throwable cause) {
                    // the case ends on what was heard
                }

                @Override
                public void messageArrived(String topic, MqttMessage message) {
                    heard.add(new Heard(topic, new String(message.getPayload(), StandardCharsets.UTF_8), message.isRetained()));
                }

                @Override
                public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken token) {
                    // the camera sends nothing here
                }
            });
            again.connect(options(false));
            log.add("CONNECT " + device + " again, clean session false");
            int expected = 1;
            while (expected <= commands) {
                Heard h = next(heard, Duration.ofSeconds(5), log);
                expect(h != null, commands == 1 ? "the command sent while the camera was offline never reached it"
                        : "only " + (expected - 1) + " of the " + commands + " commands sent while the camera was offline reached it");
                int id = commandNumber(h.payload());
                if (id < expected && id > 0) {
                    log.add("  a QoS 1 copy of conform-" + id + " again, allowed");
                    continue;
                }
                expect(id == expected, "conform-" + expected + " was due next, the camera got " + h.payload());
                expected++;
            }
        } finally {
            close(backend);
            if (again != null) {
                close(again);
            }
            MqttClient clean = client(p, device, options(true), log); // ends the session the case made
            close(clean);
        }
    }

    /** The n of a kit command's id {@code conform-n}, or -1. */
    private static int commandNumber(String payload) {
        Matcher m = COMMAND_ID.matcher(payload);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    static void foreignTopic(Probe p, List<String> log) throws Exception {
        String victim = p.deviceId();
        String impostor = p.deviceId();
        MqttClient backend = client(p, "conform-backend-" + victim, options(true), log);
        MqttClient bad = null;
        try {
            BlockingQueue<Heard> heard = listen(backend, topic(victim, "#"), log);
            try {
                bad = client(p, impostor, options(true), log);
                bad.publish(topic(victim, "state"), "{\"forged\":true}".getBytes(StandardCharsets.UTF_8), 1, false);
                log.add("PUBLISH as " + impostor + " on " + topic(victim, "state"));
            } catch (MqttException e) {
                log.add("  refused: " + e.getMessage());
            }
            Heard h = next(heard, QUIET, log);
            expect(h == null, "a message " + impostor + " published on " + victim + "'s topic was delivered");
        } finally {
            if (bad != null) {
                close(bad);
            }
            close(backend);
        }
    }

    /**
     * MQTT 3.1.1, 3.1.2.10: if the server "does not receive a Control Packet from the Client within one
     * and a half times the Keep Alive time period, it MUST disconnect the Network Connection to the
     * Client as if the network had failed" (and so publish its Will). The camera here is a raw socket
     * that sends CONNECT and then nothing, its connection left open: a camera whose radio died.
     */
    static void silentCamera(Probe p, List<String> log) throws Exception {
        String device = p.deviceId();
        MqttClient backend = client(p, "conform-backend-" + device, options(true), log);
        try (RawSocket camera = RawSocket.open(p.target().mqtt(), 1883)) {
            BlockingQueue<Heard> heard = listen(backend, topic(device, "status"), log);
            byte[] will = status(device, "offline", 1).getBytes(StandardCharsets.UTF_8);
            camera.write(MqttConnect.of(device, SILENT_KEEP_ALIVE_SECONDS, topic(device, "status"), will));
            byte[] connack = camera.readFully(4, 10_000);
            log.add("CONNECT " + device + " keep-alive " + SILENT_KEEP_ALIVE_SECONDS + " s, Will QoS 1 retained offline"
                    + " (raw socket) -> " + MqttConnect.describeConnack(connack));
            expect(MqttConnect.accepted(connack), "the CONNECT was not accepted: " + MqttConnect.describeConnack(connack));
            long t0 = System.nanoTime();
            log.add("the camera sends nothing more (no PINGREQ) and keeps its socket open");
            Duration bound = Duration.ofMillis(SILENT_KEEP_ALIVE_SECONDS * 1500L).plus(KEEP_ALIVE_SLACK);
            Heard h = next(heard, bound, log);
            if (h == null) {
                Heard late = next(heard, LATE, log);
                long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                throw new ConformanceCase.Failed("the silent camera was not declared offline within " + bound.toMillis()
                        + " ms (1.5 x keep-alive " + SILENT_KEEP_ALIVE_SECONDS + " s, plus " + KEEP_ALIVE_SLACK.toMillis()
                        + " ms)" + (late == null ? ", nor " + LATE.toMillis() + " ms later" : "; its Will came after " + ms + " ms"));
            }
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            expect(h.payload().contains("\"offline\""), "the camera's status topic got something other than its Will");
            log.add("  the Will came " + ms + " ms after CONNACK");
            expect(ms >= SILENT_KEEP_ALIVE_SECONDS * 1000L - 100, "the camera was declared offline after " + ms
                    + " ms, before its keep-alive of " + SILENT_KEEP_ALIVE_SECONDS + " s was even up");
            Optional<byte[]> closed = camera.read(16, 2000);
            log.add("  the camera's socket: " + (closed.isPresent() && closed.get().length == 0 ? "closed by the broker"
                    : closed.isPresent() ? closed.get().length + " bytes came" : "still open"));
            expect(closed.isPresent() && closed.get().length == 0, "the broker published the Will but kept the silent camera's connection open");
            backend.publish(topic(device, "status"), new byte[0], 1, true);
        } finally {
            close(backend);
        }
    }

    /**
     * A camera acks with a payload that is not JSON (or not even UTF-8): the backend must not drop the
     * camera or stop carrying its messages; the next, well-formed ack still arrives and a command still
     * reaches the camera.
     */
    static void badAck(Probe p, List<String> log) throws Exception {
        String device = p.deviceId();
        MqttClient backend = client(p, "conform-backend-" + device, options(true), log);
        MqttClient camera = null;
        try {
            BlockingQueue<Heard> acks = listen(backend, topic(device, "cmd/ack"), log);
            camera = client(p, device, options(true), log);
            BlockingQueue<Heard> commands = listen(camera, topic(device, "cmd"), log);
            byte[][] bad = {"{\"id\":\"conform-1\",\"ok\":tru".getBytes(StandardCharsets.UTF_8),
                    {(byte) 0xFF, (byte) 0xFE, 0, (byte) 0xC3}, "null".getBytes(StandardCharsets.UTF_8)};
            for (byte[] b : bad) {
                camera.publish(topic(device, "cmd/ack"), b, 1, false);
                log.add("PUBLISH " + topic(device, "cmd/ack") + " QoS 1 malformed: " + printable(new String(b, StandardCharsets.ISO_8859_1)));
            }
            String good = "{\"schema\":1,\"deviceId\":\"" + device + "\",\"seq\":1,\"ts\":" + System.currentTimeMillis()
                    + ",\"id\":\"conform-2\",\"ok\":true,\"error\":null}";
            camera.publish(topic(device, "cmd/ack"), good.getBytes(StandardCharsets.UTF_8), 1, false);
            log.add("PUBLISH " + topic(device, "cmd/ack") + " QoS 1 " + good);
            Heard h;
            do {
                h = next(acks, Duration.ofSeconds(5), log);
            } while (h != null && !h.payload().contains("conform-2"));
            expect(h != null, "after three malformed acks the well-formed one never arrived");
            expect(camera.isConnected(), "the camera was disconnected for its malformed acks");
            String command = "{\"id\":\"conform-3\",\"type\":\"locate\",\"params\":{}}";
            backend.publish(topic(device, "cmd"), command.getBytes(StandardCharsets.UTF_8), 1, false);
            log.add("PUBLISH " + topic(device, "cmd") + " QoS 1 " + command);
            Heard c = next(commands, Duration.ofSeconds(5), log);
            expect(c != null && c.payload().contains("conform-3"), "a command sent after the malformed acks never reached the camera");
        } finally {
            if (camera != null) {
                close(camera);
            }
            close(backend);
        }
    }

    /** {@code s} with control characters and anything beyond printable ASCII written as hex escapes, for the evidence. */
    private static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        s.chars().forEach(c -> sb.append(c >= 0x20 && c < 0x7F ? String.valueOf((char) c)
                : c < 0x100 ? String.format("\\x%02X", c) : String.format("\\u%04X", c)));
        return sb.toString();
    }

    /** An attempt that gives a result, or null (or throws) when it should be tried again. */
    private interface Attempt {
        Object get() throws Exception;
    }

    /**
     * Tries {@code attempt} every {@code every} until it gives a result or {@code atMost} has passed; the
     * kit's own thread waits between tries (a broker coming back is nothing it could be told of).
     */
    private static boolean within(Duration atMost, Duration every, Attempt attempt) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (true) {
            try {
                if (attempt.get() != null) {
                    return true;
                }
            } catch (Exception e) {
                // not yet: the broker is still going down or coming back
            }
            if (System.nanoTime() >= deadline) {
                return false;
            }
            Thread.sleep(every.toMillis());
        }
    }
}
