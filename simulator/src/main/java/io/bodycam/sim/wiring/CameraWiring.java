package io.bodycam.sim.wiring;

import io.bodycam.sim.camera.Camera;
import io.bodycam.sim.camera.CameraConfig;
import io.bodycam.sim.camera.CameraListener;
import io.bodycam.sim.link.EvidenceLink;
import io.bodycam.sim.link.BackendServices;
import io.bodycam.sim.link.MqttTelemetryLink;
import io.bodycam.sim.link.Proof;
import io.bodycam.sim.link.PutEvidenceLink;
import io.bodycam.sim.link.S3EvidenceLink;
import io.bodycam.sim.link.SideService;
import io.bodycam.sim.link.SwiftEvidenceLink;
import io.bodycam.sim.link.TelemetryHandler;
import io.bodycam.sim.link.TelemetryLink;
import io.bodycam.sim.link.TopicScheme;
import io.bodycam.sim.link.TusEvidenceLink;
import io.bodycam.sim.link.UploadSlots;
import io.bodycam.sim.mqtt.MqttClientConfig;
import io.bodycam.sim.net.Transport;
import io.bodycam.sim.camera.InputJournal;
import io.bodycam.sim.replay.InputRecorder;
import io.bodycam.sim.time.Scheduler;
import io.bodycam.sim.time.SimClock;
import io.bodycam.sim.time.WallClock;
import io.bodycam.sim.upload.TusClient;
import io.bodycam.sim.upload.TusClientConfig;
import io.bodycam.sim.upload.UploadPacer;
import io.bodycam.sim.upload.put.PutClient;
import io.bodycam.sim.upload.put.PutClientConfig;
import io.bodycam.sim.upload.s3.S3Client;
import io.bodycam.sim.upload.s3.S3ClientConfig;
import io.bodycam.sim.upload.swift.SwiftClient;
import io.bodycam.sim.upload.swift.SwiftClientConfig;
import io.bodycam.sim.video.SegmentCard;
import io.netty.channel.EventLoop;

import io.netty.handler.ssl.SslContext;
import java.net.URI;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Builds one camera wired to a backend: on its event loop and clock, an MQTT telemetry link to the
 * broker and a tus evidence link to the upload endpoint, each client seeded from the camera's own seed
 * (so a seed replays the same retries and reconnects, docs/design.md#determinism). This is the one place
 * where a camera's connection settings become clients: a fleet, the device console and tests all
 * build cameras here, so a new setting (transport security, a device profile's topics and payloads)
 * is added to this builder once and reaches every camera.
 *
 * <pre>{@code
 * WiredCamera wired = CameraWiring.builder(config)
 *         .on(loop, clock)                          // the camera's event loop and virtual clock
 *         .mqtt(MqttClientConfig.builder().host("127.0.0.1").port(1883).clientId("unset").build())
 *         .upload(URI.create("http://127.0.0.1:8080"))
 *         .listener(events::add)
 *         .build();
 * wired.camera().powerOn();
 * }</pre>
 *
 * A test may give a fake link for either side ({@link Builder#telemetry}, {@link Builder#evidence}).
 */
public final class CameraWiring {

    /** Mixed into the camera's seed for its MQTT client's reconnect jitter. */
    static final long MQTT_SEED = 0x3A77L;
    /** Mixed into the camera's seed for its tus client's retry jitter. */
    static final long TUS_SEED = 0x7A5L;
    /** Mixed into the camera's seed for its S3 client's retry jitter. */
    static final long S3_SEED = 0x53L;
    /** Mixed into the camera's seed for its PUT client's retry jitter. */
    static final long PUT_SEED = 0x50L;
    /** Mixed into the camera's seed for its side services' client's retry jitter (a protocol other than tus). */
    static final long SERVICES_SEED = 0x5E5L;
    /** Mixed into the camera's seed for its Swift client's retry jitter. */
    static final long SWIFT_SEED = 0x5357L;

    private CameraWiring() {
    }

    public static Builder builder(CameraConfig config) {
        return new Builder(config);
    }

    /** What to wire the camera to; each setter checks its value and names the field. */
    public static final class Builder {
        private final CameraConfig config;
        private EventLoop loop;
        private SimClock clock;
        private Transport transport = Transport.best();
        private MqttClientConfig mqtt;
        private Function<TelemetryHandler, TelemetryLink> telemetry;
        private URI upload;
        private SslContext uploadTls;
        private UnaryOperator<TusClientConfig.Builder> tus = UnaryOperator.identity();
        private UploadPacer uplink = UploadPacer.UNLIMITED;
        private EvidenceLink evidence;
        private CameraListener listener = e -> { };
        private SegmentCard card;
        private TopicScheme topics = TopicScheme.REFERENCE;
        private String group = "";
        private Proof proof = Proof.VERDICT;
        private Set<SideService> offered = EnumSet.allOf(SideService.class);
        private URI servicesBase;
        private UploadSlots slots = UploadSlots.UNLIMITED;
        private Consumer<String> inputs;
        private S3ClientConfig s3;
        private PutClientConfig put;
        private SwiftClientConfig swift;

        private Builder(CameraConfig config) {
            this.config = Objects.requireNonNull(config, "camera config");
        }

        /** The camera's event loop (its thread, shared with its sockets) and the clock its firmware reads. */
        public Builder on(EventLoop loop, SimClock clock) {
            this.loop = Objects.requireNonNull(loop, "event loop");
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Epoll where the machine has it, else NIO; it must be the transport of the loop's group. */
        public Builder transport(Transport transport) {
            this.transport = Objects.requireNonNull(transport, "transport");
            return this;
        }

        /**
         * The broker: address, protocol level, credentials and timings (the client id is replaced by
         * the device id). The link reconnects in wall time, whatever the clock's speed.
         */
        public Builder mqtt(MqttClientConfig base) {
            this.mqtt = Objects.requireNonNull(base, "MQTT client config");
            this.telemetry = null;
            return this;
        }

        /** A telemetry link of the test's own (a recording fake) instead of MQTT. */
        public Builder telemetry(Function<TelemetryHandler, TelemetryLink> link) {
            this.telemetry = Objects.requireNonNull(link, "telemetry link");
            this.mqtt = null;
            return this;
        }

        /**
         * The backend's HTTP base for tus uploads, time, config, verdicts and firmware; an {@code https://}
         * one needs {@link #upload(URI, SslContext)}.
         */
        public Builder upload(URI endpoint) {
            return upload(endpoint, null);
        }

        /**
         * As {@link #upload(URI)}, with the TLS client context of an {@code https://} endpoint (the camera's
         * own certificate for mutual TLS, its trust); the tus client's connection puts its {@code SslHandler}
         * first on the camera's event loop. S3 and PUT clients take theirs in their {@code ConnectionSettings}.
         */
        public Builder upload(URI endpoint, SslContext tls) {
            Objects.requireNonNull(endpoint, "upload endpoint");
            if (!"http".equals(endpoint.getScheme()) && !"https".equals(endpoint.getScheme())) {
                throw new IllegalArgumentException("upload endpoint must be an http(s) URL, was " + endpoint);
            }
            this.upload = endpoint;
            this.uploadTls = tls;
            this.evidence = null;
            return this;
        }

        /**
         * Changes the tus client's settings after the wiring's own (endpoint, and a rate limit of the
         * camera's dock bandwidth times its payload scale): chunk size, timeouts, attempts.
         */
        public Builder tus(UnaryOperator<TusClientConfig.Builder> tweak) {
            this.tus = Objects.requireNonNull(tweak, "tus settings");
            return this;
        }

        /**
         * The device profile's MQTT topics ({@link TopicScheme#REFERENCE} unless given); {@code group}
         * fills {@code {group}} in its templates.
         */
        public Builder topics(TopicScheme scheme, String group) {
            this.topics = Objects.requireNonNull(scheme, "topic scheme");
            this.group = Objects.requireNonNull(group, "group");
            return this;
        }

        /**
         * What lets the camera delete an uploaded segment, and which of the reference contract's time, config
         * and firmware services the backend offers ({@link Proof#VERDICT} and all three unless given: the
         * reference backend); a service not offered answers that it is not.
         */
        public Builder proof(Proof proof, Set<SideService> offered) {
            this.proof = Objects.requireNonNull(proof, "proof");
            this.offered = offered.isEmpty() ? Set.of() : EnumSet.copyOf(offered);
            return this;
        }

        /**
         * Where the side services are, for an upload protocol other than tus (by default the upload URL):
         * they then have an HTTP client of their own, opened when first used and idled with the uploads.
         */
        public Builder services(URI base) {
            this.servicesBase = Objects.requireNonNull(base, "services base URL");
            return this;
        }

        /**
         * Uploads to an S3-compatible bucket instead of tus: endpoint, bucket, key template, credentials
         * and part size come from {@code config}; the rate limit stays that of the camera's dock. Side
         * services, those {@link #proof} names, are asked at {@link #services} (or the same URL).
         */
        public Builder s3(S3ClientConfig config) {
            this.s3 = Objects.requireNonNull(config, "S3 client config");
            this.put = null;
            this.swift = null;
            return this;
        }

        /**
         * Uploads each segment whole to a plain web server (PUT or POST) instead of tus: endpoint, method,
         * path template and headers come from {@code config}. Side services as for {@link #s3}.
         */
        public Builder put(PutClientConfig config) {
            this.put = Objects.requireNonNull(config, "PUT client config");
            this.s3 = null;
            this.swift = null;
            return this;
        }

        /**
         * Uploads each segment as a clip to an OpenStack Swift store after the Axis Body Worn Integration API
         * instead of tus: endpoint, auth path and credentials come from {@code config}. Side services as for {@link #s3}.
         */
        public Builder swift(SwiftClientConfig config) {
            this.swift = Objects.requireNonNull(config, "Swift client config");
            this.s3 = null;
            this.put = null;
            return this;
        }

        /** The dock site's upload connections, shared with the site's other cameras ({@link UploadSlots#UNLIMITED} unless given). */
        public Builder uploadSlots(UploadSlots shared) {
            this.slots = Objects.requireNonNull(shared, "upload slots");
            return this;
        }

        /** A link every camera's dock uploads share (a site's uplink); unlimited unless given. */
        public Builder uplink(UploadPacer shared) {
            this.uplink = Objects.requireNonNull(shared, "uplink");
            return this;
        }

        /** An evidence link of the test's own (a fake backend) instead of tus over HTTP. */
        public Builder evidence(EvidenceLink link) {
            this.evidence = Objects.requireNonNull(link, "evidence link");
            this.upload = null;
            return this;
        }

        /** Hears every event of the camera, on its thread. */
        public Builder listener(CameraListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** Films real MP4 segments onto this card (docs/video.md); without one the camera records synthetic payloads. */
        public Builder card(SegmentCard card) {
            this.card = card;
            return this;
        }

        /**
         * Writes down every input the camera receives, one line each to {@code sink}, which must take a line from
         * the camera's event loop without blocking or dropping it ({@link InputRecorder}); a camera that films
         * real MP4 segments is not written down (what its encoder does is not an input the record can hold).
         */
        public Builder recordInputs(Consumer<String> sink) {
            this.inputs = Objects.requireNonNull(sink, "input sink");
            return this;
        }

        /** Builds the clients and the camera (switched off). */
        public WiredCamera build() {
            if (loop == null) {
                throw new IllegalStateException("a camera needs its event loop and clock: call on(loop, clock)");
            }
            if (mqtt == null && telemetry == null) {
                throw new IllegalStateException("a camera needs a telemetry link: call mqtt(...) or telemetry(...)");
            }
            if (upload == null && evidence == null) {
                throw new IllegalStateException("a camera needs an evidence link: call upload(...) or evidence(...)");
            }
            Scheduler scheduler = clock.scheduler(loop);
            EvidenceLink http = evidence != null ? evidence : s3 != null ? s3Link(scheduler)
                    : put != null ? putLink(scheduler) : swift != null ? swiftLink(scheduler) : tusLink(scheduler);
            TelemetryLink[] link = new TelemetryLink[1];
            Function<TelemetryHandler, TelemetryLink> factory = telemetry != null ? telemetry : this::mqttLink;
            InputJournal journal = inputs == null || card != null ? InputJournal.NONE
                    : new InputRecorder(config.deviceId(), config.firmwareKey(), inputs);
            Camera camera = new Camera(config, scheduler, handler -> link[0] = factory.apply(handler), http, listener, card,
                    slots, journal);
            return new WiredCamera(camera, link[0], http);
        }

        private TusEvidenceLink tusLink(Scheduler scheduler) {
            TusClientConfig settings = tus.apply(TusClientConfig.builder().endpoint(upload).tls(uploadTls)
                    .rateLimit(Math.max(1, (long) config.uploadPayloadBytesPerSecond()))).build();
            TusClient client = new TusClient(settings, loop, transport, scheduler,
                    new SplittableRandom(config.seed() ^ TUS_SEED), uplink);
            return new TusEvidenceLink(client, config.deviceId(), config.officer(),
                    UploadPacer.limit(config.ltePayloadBytesPerSecond()), proof, offered);
        }

        /** The side services of a link that is not tus: none, or those offered over a client of their own. */
        private BackendServices sideServices(Scheduler scheduler) {
            if (offered.isEmpty()) {
                return BackendServices.NONE;
            }
            TusClientConfig settings = tus.apply(TusClientConfig.builder().endpoint(servicesBase != null ? servicesBase : upload)
                    .tls(uploadTls)).build();
            TusClient client = new TusClient(settings, loop, transport, scheduler,
                    new SplittableRandom(config.seed() ^ SERVICES_SEED), UploadPacer.UNLIMITED);
            return BackendServices.only(BackendServices.own(client, config.deviceId()), offered);
        }

        private PutEvidenceLink putLink(Scheduler scheduler) {
            PutClient client = new PutClient(put, config.agency(), config.officer(), loop, transport, scheduler,
                    new SplittableRandom(config.seed() ^ PUT_SEED), uplink);
            return new PutEvidenceLink(client, sideServices(scheduler), UploadPacer.limit(config.ltePayloadBytesPerSecond()), proof);
        }

        private SwiftEvidenceLink swiftLink(Scheduler scheduler) {
            SwiftClient client = new SwiftClient(swift, config.deviceId(), config.agency(), loop, transport, scheduler,
                    new SplittableRandom(config.seed() ^ SWIFT_SEED), uplink);
            return new SwiftEvidenceLink(client, config.officer(), sideServices(scheduler),
                    UploadPacer.limit(config.ltePayloadBytesPerSecond()), proof);
        }

        private S3EvidenceLink s3Link(Scheduler scheduler) {
            S3Client client = new S3Client(s3, config.deviceId(), config.agency(), loop, transport, scheduler,
                    new SplittableRandom(config.seed() ^ S3_SEED), Clock.systemUTC(), uplink);
            return new S3EvidenceLink(client, config.agency(), config.officer(), sideServices(scheduler),
                    UploadPacer.limit(config.ltePayloadBytesPerSecond()), proof);
        }

        private MqttTelemetryLink mqttLink(TelemetryHandler handler) {
            return new MqttTelemetryLink(mqtt, topics, config.agency(), config.deviceId(), group, loop, transport,
                    WallClock.realTime().scheduler(loop), handler, new SplittableRandom(config.seed() ^ MQTT_SEED));
        }
    }
}
