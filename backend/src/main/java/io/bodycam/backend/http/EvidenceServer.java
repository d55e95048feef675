package io.bodycam.backend.http;

import io.bodycam.backend.http.internal.EvidenceChannelInitializer;
import io.bodycam.sim.net.Transport;
import io.bodycam.sim.time.SimClock;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The reference backend's HTTP server on 127.0.0.1: tus 1.0.0 evidence upload (core, creation,
 * checksum, termination) under {@code /files/}, evidence verdicts, time, device configuration and
 * signed firmware images, as
 * docs/contract ("HTTP") specifies. Bytes are hashed as they arrive and then dropped (kept on disk in mp4 mode,
 * and for a {@link EvidenceServerConfig#readBack() read-back store}, which also serves the profile's own upload
 * protocol: tus read-back, plain PUT, S3 or Swift); the verdicts go to the {@link EvidenceLedger}. It runs on its own small event loop group, apart from the cameras'. Plain HTTP
 * unless {@link EvidenceServerConfig#tls()} asks for HTTPS or mutual TLS.
 *
 * <pre>{@code
 * EvidenceServer server = new EvidenceServer(clock, ledger, configs, EvidenceServerConfig.defaults()).start();
 * URI endpoint = server.uri();   // http://127.0.0.1:<port>
 * ...
 * server.close();
 * }</pre>
 */
public final class EvidenceServer implements AutoCloseable {

    private final SimClock clock;
    private final EvidenceLedger ledger;
    private final DeviceConfigStore configs;
    private final EvidenceServerConfig config;
    private final HttpFaults faults = new HttpFaults(0x5EEDL);
    private final FirmwareReleases firmware = new FirmwareReleases();
    private EventLoopGroup group;
    private Channel serverChannel;
    private ChannelGroup open;
    private EvidenceChannelInitializer connections;

    public EvidenceServer(SimClock clock, EvidenceLedger ledger, DeviceConfigStore configs,
                          EvidenceServerConfig config) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.configs = Objects.requireNonNull(configs, "configs");
        this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * Binds the configured address (127.0.0.1 unless told otherwise) and port and returns once it accepts connections.
     *
     * @throws IllegalStateException if it is already started or the port cannot be bound
     */
    public synchronized EvidenceServer start() {
        if (group != null) {
            throw new IllegalStateException("the evidence server is already started on port " + port());
        }
        SslContext tls = config.tls() == null ? null : config.tls().serverContext();
        Transport transport = Transport.best();
        EventLoopGroup g = transport.newGroup(config.threads());
        open = new DefaultChannelGroup("evidence-connections", g.next());
        connections = new EvidenceChannelInitializer(clock, ledger, configs, config, faults, firmware, open, tls);
        try {
            serverChannel = new ServerBootstrap()
                    .group(g)
                    .channel(transport.serverChannel())
                    .childHandler(connections)
                    .bind(config.bindAddress(), config.port())
                    .sync()
                    .channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            g.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw new IllegalStateException("interrupted while binding the evidence server", e);
        } catch (Exception e) {
            // bind failures (a checked BindException) come through sync() unchecked
            g.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw new IllegalStateException("cannot bind the evidence server to " + config.bindAddress() + ":" + config.port(), e);
        }
        group = g;
        return this;
    }

    /** The bound port. */
    public synchronized int port() {
        if (serverChannel == null) {
            throw new IllegalStateException("the evidence server is not started");
        }
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** {@code http://127.0.0.1:<port>} ({@code https://} with TLS), the endpoint cameras are given. */
    public URI uri() {
        return URI.create((config.tls() == null ? "http" : "https") + "://127.0.0.1:" + port());
    }

    /**
     * Uploads refused (403) over mutual TLS because they named another device than the client certificate's;
     * 0 when the server is not started or not mutual.
     */
    public synchronized long identityRefusals() {
        return connections == null ? 0 : connections.identityRefusals();
    }

    public EvidenceLedger ledger() {
        return ledger;
    }

    /** The firmware this server releases, signs and offers ({@code /firmware/...}, and in config answers). */
    public FirmwareReleases firmware() {
        return firmware;
    }

    /** The faults this server injects into upload requests; none until the bench sets some. */
    public HttpFaults faults() {
        return faults;
    }

    /** Client connections open now (a leak shows as a count that does not come back down). */
    public synchronized int openConnections() {
        return open == null ? 0 : open.size();
    }

    /**
     * Objects a put, S3 or Swift read-back store holds ({@link EvidenceServerConfig#readBack()}); 0 without one
     * (tus uploads, kept or not, are in the {@link #ledger()}).
     */
    public synchronized int storedObjects() {
        return connections == null ? 0 : connections.storedObjects();
    }

    /** tus uploads created and neither completed nor terminated. */
    public synchronized int incompleteUploads() {
        return connections == null ? 0 : connections.incompleteUploads();
    }

    /** Stops accepting, closes every connection and waits (up to a few seconds) for the threads to end. */
    @Override
    public synchronized void close() {
        if (group == null) {
            return;
        }
        serverChannel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        connections.close();
        group = null;
        serverChannel = null;
    }
}
