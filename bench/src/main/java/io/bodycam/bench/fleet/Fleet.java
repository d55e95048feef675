package io.bodycam.bench.fleet;

import io.bodycam.bench.pki.ClientTls;
import io.bodycam.bench.scenario.Backend;
import io.bodycam.bench.scenario.DeviceProfile;
import io.bodycam.bench.scenario.BackendTls;
import io.bodycam.bench.scenario.DeviceTemplates;
import io.bodycam.bench.scenario.FleetGroup;
import io.bodycam.bench.scenario.Scenario;
import io.bodycam.sim.camera.Camera;
import io.bodycam.sim.camera.CameraConfig;
import io.bodycam.sim.camera.CameraListener;
import io.bodycam.sim.camera.CameraSnapshot;
import io.bodycam.sim.state.DockPhase;
import io.bodycam.sim.state.Mode;
import io.bodycam.sim.link.MqttTelemetryLink;
import io.bodycam.sim.mqtt.MqttClientConfig;
import io.bodycam.sim.mqtt.MqttProtocol;
import io.bodycam.sim.mqtt.MqttStats;
import io.bodycam.sim.net.Transport;
import io.bodycam.sim.time.SimClock;
import io.bodycam.sim.upload.ConnectionSettings;
import io.bodycam.sim.upload.put.PutClientConfig;
import io.bodycam.sim.upload.s3.S3ClientConfig;
import io.bodycam.sim.upload.swift.SwiftClientConfig;
import io.bodycam.sim.video.Mp4Studio;
import io.bodycam.sim.wiring.CameraWiring;
import io.bodycam.sim.wiring.WiredCamera;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The cameras of a run, all on one shared Netty event loop group (docs/design.md#no-thread-per-device).
 * Camera {@code i} gets the loop {@code group.next()} hands out; its MQTT and HTTP channels live on
 * that same loop, so its state is touched by one thread only.
 */
public final class Fleet implements AutoCloseable {

    /** The cameras {@link #snapshots()} asks at once: about a hundred per event loop on two cores. */
    static final int SNAPSHOT_BATCH = 256;

    private final EventLoopGroup group;
    private final DockStation station;
    private final List<FleetMember> members = new ArrayList<>();
    /** Each member's camera with its links, in member order. */
    private final List<WiredCamera> wiring = new ArrayList<>();

    /** Where each group's cameras connect: the backend itself, or the group's fault proxies. */
    public interface Routes {
        URI mqtt(String group);

        URI upload(String group);

        /** The key whose firmware signatures the cameras trust (base64 X.509 Ed25519); null: they take none. */
        default String firmwareKey() {
            return null;
        }

        static Routes direct(URI mqtt, URI upload) {
            return new Routes() {
                @Override
                public URI mqtt(String group) {
                    return mqtt;
                }

                @Override
                public URI upload(String group) {
                    return upload;
                }
            };
        }
    }

    public Fleet(Scenario scenario, Routes routes, SimClock clock, Transport transport, int threads, CameraListener listener) {
        this(scenario, Shard.WHOLE, routes, clock, transport, threads, listener);
    }

    /** The cameras of {@code shard} only; their indices and seeds are those they have in the whole fleet. */
    public Fleet(Scenario scenario, Shard shard, Routes routes, SimClock clock, Transport transport, int threads,
          CameraListener listener) {
        this(scenario, shard, routes, clock, transport, threads, listener, null);
    }

    /**
     * As above; with a {@code studio} (payload mp4) each camera films real MP4 segments onto its card, at
     * the studio's bitrate (docs/video.md).
     */
    public Fleet(Scenario scenario, Shard shard, Routes routes, SimClock clock, Transport transport, int threads,
          CameraListener listener, Mp4Studio studio) {
        this(scenario, shard, routes, clock, transport, threads, listener, studio, null);
    }

    /**
     * As above; with {@code inputs} every camera that films no MP4 writes down each input it receives there, one
     * line a step (the run record's {@code inputs.jsonl}, for {@code bodycam replay}).
     */
    public Fleet(Scenario scenario, Shard shard, Routes routes, SimClock clock, Transport transport, int threads,
          CameraListener listener, Mp4Studio studio, Consumer<String> inputs) {
        int cameras = (int) IntStream.rangeClosed(1, scenario.fleet().stream().mapToInt(FleetGroup::count).sum())
                .filter(shard::contains).count();
        OpenFileBudget.requireRoom(OpenFileBudget.processLimit(), cameras, scenario.backend().embedded());
        this.group = transport.newGroup(threads);
        this.station = new DockStation(scenario.site(), scenario.payloadScale(), OpenFileBudget.uploadConnections(
                OpenFileBudget.processLimit(), cameras, scenario.backend().embedded()));
        int index = 0;
        Backend backend = scenario.backend();
        ClientTls tls = backend.mqttTls() || backend.uploadTls() ? new ClientTls(Objects.requireNonNullElse(backend.tls(),
                new BackendTls(null, null, true))) : null;
        for (FleetGroup g : scenario.fleet()) {
            MqttClientConfig mqttBase = mqttConfig(scenario, routes.mqtt(g.name()));
            URI upload = routes.upload(g.name());
            for (int k = 0; k < g.count(); k++) {
                index++;
                if (!shard.contains(index)) {
                    continue;
                }
                String firmwareKey = routes.firmwareKey() != null ? routes.firmwareKey() : scenario.backend().firmwareKey();
                CameraConfig config = cameraConfig(scenario, g, index, firmwareKey, studio);
                SslContext own = tls == null ? null : tls.forDevice(config.deviceId());
                SslContext uploadTls = backend.uploadTls() ? own : null;
                CameraWiring.Builder wired = profiled(CameraWiring.builder(config).on(group.next(), clock).transport(transport)
                        .mqtt(forDevice(mqttBase, backend, backend.mqttTls() ? own : null, config.deviceId()))
                        .upload(upload, uploadTls)
                        .uplink(station.uplink()).uploadSlots(station.uploadSlots()).listener(listener)
                        .card(studio == null ? null : studio.card(config.deviceId())), backend.profile(),
                        g.name(), upload, uploadTls, config);
                if (backend.services() != null) {
                    wired.services(backend.services());
                }
                if (inputs != null) {
                    wired.recordInputs(inputs);
                }
                if (backend.clock() == Backend.ServerClock.WALL) {
                    wired.tus(tus -> tus.serverClock(clock::fromWall));
                }
                WiredCamera camera = wired.build();
                wiring.add(camera);
                Camera device = camera.camera();
                members.add(member(index, g, device));
            }
        }
    }

    /**
     * The settings of fleet camera {@code index} (1-based, in the whole fleet) of group {@code g}: its id,
     * agency, seed ({@link #deviceSeed}), the run's payload scale, the group's profile and behaviour
     * settings; {@code firmwareKey} (null: it takes no updates) and {@code studio} (null: synthetic payloads)
     * as the run has them.
     */
    public static CameraConfig cameraConfig(Scenario scenario, FleetGroup g, int index, String firmwareKey, Mp4Studio studio) {
        CameraConfig.Builder builder = CameraConfig.builder(g.deviceId(index)).agency(g.agency())
                .seed(deviceSeed(scenario.seed(), index)).payloadScale(scenario.payloadScale());
        if (firmwareKey != null) {
            builder.firmwareKey(firmwareKey);
        }
        builder = g.camera().apply(builder);
        if (studio != null) {
            builder.videoBitsPerSecond(studio.format().bitsPerSecond());
        }
        return builder.build();
    }

    /** Fleet camera {@code index} of group {@code g} and the officer wearing it, whose seed follows the camera's. */
    public static FleetMember member(int index, FleetGroup g, Camera device) {
        return new FleetMember(index, g.name(), g.agency(), device, new Officer(device, g.behaviour(),
                device.config().seed() ^ 0x0FF1CEL));
    }

    /**
     * The device profile's topics, proof and upload protocol (docs/backends.md); {@code uploadTls}, the camera's
     * TLS context for an {@code https://} upload URL (null for {@code http://}), goes to whichever client uploads.
     */
    private static CameraWiring.Builder profiled(CameraWiring.Builder b, DeviceProfile profile, String group, URI upload,
                                                 SslContext uploadTls, CameraConfig config) {
        b.topics(profile.topics(), group).proof(profile.proof(), profile.services());
        if (profile.protocol() == DeviceProfile.Protocol.S3) {
            b.s3(profile.s3().apply(S3ClientConfig.builder().connection(ConnectionSettings.builder(upload).tls(uploadTls)
                    .rateLimit(Math.max(1, (long) config.uploadPayloadBytesPerSecond())).build())).build());
        } else if (profile.protocol() == DeviceProfile.Protocol.PUT) {
            b.put(profile.put().apply(PutClientConfig.builder().connection(ConnectionSettings.builder(upload).tls(uploadTls)
                    .rateLimit(Math.max(1, (long) config.uploadPayloadBytesPerSecond())).build())).build());
        } else if (profile.protocol() == DeviceProfile.Protocol.SWIFT) {
            b.swift(profile.swift().apply(SwiftClientConfig.builder().connection(ConnectionSettings.builder(upload).tls(uploadTls)
                    .rateLimit(Math.max(1, (long) config.uploadPayloadBytesPerSecond())).build())).build());
        }
        return b;
    }

    private static MqttClientConfig mqttConfig(Scenario scenario, URI mqtt) {
        MqttClientConfig.Builder b = MqttClientConfig.builder().host(mqtt.getHost()).port(mqtt.getPort() < 0 ? 1883 : mqtt.getPort())
                .protocol(scenario.backend().mqttVersion() == Backend.MqttVersion.V5 ? MqttProtocol.V5 : MqttProtocol.V3_1_1)
                .clientId("unset");
        if (scenario.backend().username() != null) {
            b.username(scenario.backend().username());
        }
        if (scenario.backend().password() != null) {
            b.password(scenario.backend().password().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return b.build();
    }

    /** The camera's own broker settings: {@code {deviceId}} in user name and password, its TLS context (null: plain). */
    private static MqttClientConfig forDevice(MqttClientConfig base, Backend backend, SslContext tls, String deviceId) {
        if (tls == null && !DeviceTemplates.has(backend.username()) && !DeviceTemplates.has(backend.password())) {
            return base;
        }
        MqttClientConfig.Builder b = base.toBuilder();
        if (backend.username() != null) {
            b.username(DeviceTemplates.fill(backend.username(), deviceId));
        }
        if (backend.password() != null) {
            b.password(DeviceTemplates.fill(backend.password(), deviceId).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return b.tls(tls).build();
    }

    /** Each camera's seed, from the scenario's seed and its fleet index (docs/design.md#determinism). */
    public static long deviceSeed(long scenarioSeed, int index) {
        long z = scenarioSeed * 0x9E3779B97F4A7C15L + index;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public List<FleetMember> members() {
        return members;
    }

    public DockStation station() {
        return station;
    }

    /**
     * What the cameras' MQTT clients counted, added up over the fleet. {@code waiting}: QoS 1 messages
     * queued or waiting for their PUBACK on every client; {@code heldOffline}: those held by clients that
     * are not connected (switched off or offline), whose store and forward is not finished.
     */
    public record MqttTotals(long published, long droppedOffline, long droppedQueueFull, long retransmitted, long connects,
                      long waiting, long heldOffline) {
    }

    private record LinkLook(MqttStats stats, boolean connected) {
        long held() {
            return stats.queuedNow() + stats.inFlightNow();
        }
    }

    /** Reads each client's counters on its own loop, where they are kept. */
    public MqttTotals mqttTotals() {
        List<CompletableFuture<LinkLook>> futures = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            MqttTelemetryLink link = mqttLink(i);
            CompletableFuture<LinkLook> f = new CompletableFuture<>();
            members.get(i).camera().scheduler().run(() -> f.complete(new LinkLook(link.stats(), link.connected())));
            futures.add(f);
        }
        List<LinkLook> all = futures.stream().map(CompletableFuture::join).toList();
        return new MqttTotals(all.stream().mapToLong(l -> l.stats().publishedQos0() + l.stats().publishedQos1()).sum(),
                all.stream().mapToLong(l -> l.stats().droppedQos0Offline()).sum(),
                all.stream().mapToLong(l -> l.stats().droppedQueueOverflow()).sum(),
                all.stream().mapToLong(l -> l.stats().retransmitted()).sum(),
                all.stream().mapToLong(l -> l.stats().connects()).sum(),
                all.stream().mapToLong(LinkLook::held).sum(),
                all.stream().filter(l -> !l.connected()).mapToLong(LinkLook::held).sum());
    }

    /**
     * True when every camera that is switched on is connected with nothing left to send: no QoS 1
     * message queued or waiting for its PUBACK (store and forward done). {@code snapshots} are in fleet
     * order, as {@link #snapshots()} returns them.
     */
    public boolean telemetrySettled(List<CameraSnapshot> snapshots) {
        List<CompletableFuture<Boolean>> futures = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            if (snapshots.get(i).mode() == Mode.OFF) {
                continue;
            }
            MqttTelemetryLink link = mqttLink(i);
            CompletableFuture<Boolean> f = new CompletableFuture<>();
            members.get(i).camera().scheduler().run(() -> {
                MqttStats st = link.stats();
                f.complete(link.connected() && st.queuedNow() + st.inFlightNow() == 0);
            });
            futures.add(f);
        }
        return futures.stream().allMatch(CompletableFuture::join);
    }

    private MqttTelemetryLink mqttLink(int member) {
        return wiring.get(member).mqtt().orElseThrow();
    }

    /**
     * A snapshot of every camera, each taken on its own thread, {@link #SNAPSHOT_BATCH} cameras at a time. The
     * run looks at the whole fleet once a wall second; asking every camera at once put thousands of snapshot
     * tasks on the event loops in one go, and each camera timer that fell due meanwhile waited behind all of
     * them. In batches, a due timer waits for one batch at most.
     */
    public List<CameraSnapshot> snapshots() {
        List<CameraSnapshot> all = new ArrayList<>(members.size());
        for (int from = 0; from < members.size(); from += SNAPSHOT_BATCH) {
            List<CompletableFuture<CameraSnapshot>> batch = members.subList(from, Math.min(members.size(), from + SNAPSHOT_BATCH))
                    .stream().map(m -> m.camera().snapshot()).toList();
            batch.forEach(f -> all.add(f.join()));
        }
        return all;
    }

    /** Every camera off, or docked and idle with nothing to upload and no firmware update on its way. */
    public static boolean drained(List<CameraSnapshot> snapshots) {
        return snapshots.stream().allMatch(s -> s.mode() == Mode.OFF
                || s.mode() == Mode.DOCKED && s.dockPhase() == DockPhase.IDLE && s.uploadable() == 0
                && s.firmwarePending() == null);
    }

    /** Switches every camera off cleanly (each says {@code offline}), then closes the connections. */
    @Override
    public void close() {
        members.forEach(m -> {
            m.officer().offDuty();
            m.camera().powerOff();
        });
        CompletableFuture.allOf(members.stream().map(m -> m.camera().snapshot()).toArray(CompletableFuture[]::new))
                .orTimeout(10, TimeUnit.SECONDS).exceptionally(t -> null).join();
        wiring.forEach(WiredCamera::closeLinks);
        group.shutdownGracefully(100, 2_000, TimeUnit.MILLISECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
    }
}
