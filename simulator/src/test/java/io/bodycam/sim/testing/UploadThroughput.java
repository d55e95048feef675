package io.bodycam.sim.testing;

import io.bodycam.sim.link.BackendServices;
import io.bodycam.sim.link.EvidenceLink;
import io.bodycam.sim.link.Proof;
import io.bodycam.sim.link.PutEvidenceLink;
import io.bodycam.sim.link.S3EvidenceLink;
import io.bodycam.sim.link.SwiftEvidenceLink;
import io.bodycam.sim.link.TusEvidenceLink;
import io.bodycam.sim.net.Transport;
import io.bodycam.sim.recording.SegmentManifest;
import io.bodycam.sim.recording.SegmentSource;
import io.bodycam.sim.time.Scheduler;
import io.bodycam.sim.time.TimerLagListener;
import io.bodycam.sim.time.WallClock;
import io.bodycam.sim.upload.ConnectionSettings;
import io.bodycam.sim.upload.CredentialSource;
import io.bodycam.sim.upload.Credentials;
import io.bodycam.sim.upload.TusClient;
import io.bodycam.sim.upload.TusClientConfig;
import io.bodycam.sim.upload.UploadPacer;
import io.bodycam.sim.upload.put.PutClient;
import io.bodycam.sim.upload.put.PutClientConfig;
import io.bodycam.sim.upload.s3.S3Client;
import io.bodycam.sim.upload.s3.S3ClientConfig;
import io.bodycam.sim.upload.swift.SwiftClient;
import io.bodycam.sim.upload.swift.SwiftClientConfig;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoopGroup;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * One throughput measurement for {@code benchmarks/upload-protocols.sh}: uploads {@code MIB} MiB as
 * 32 MiB segments, one after the other, through a camera's link on one event loop (no pacing, no proof),
 * or streams the same bytes over a bare loopback TCP socket, and prints {@code RESULT <mode> <MB/s>}.
 *
 * <pre>
 * UploadThroughput tcp MIB
 * UploadThroughput tus URL MIB
 * UploadThroughput s3 URL BUCKET ID SECRET MIB
 * UploadThroughput put URL BEARER MIB
 * UploadThroughput swift URL USER KEY MIB
 * </pre>
 */
public final class UploadThroughput {

    private static final int SEGMENT = 32 * 1024 * 1024;

    private UploadThroughput() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        long total = Long.parseLong(args[args.length - 1]) * 1024 * 1024;
        byte[] data = new byte[SEGMENT];
        new SplittableRandom(1).nextBytes(data);
        double seconds = mode.equals("tcp") ? tcp(data, total) : link(mode, args, data, total);
        System.out.printf("RESULT %s %.1f%n", mode, total / 1e6 / seconds);
    }

    /** A bare socket pair on loopback: the floor every protocol is compared with. */
    private static double tcp(byte[] data, long total) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread sink = new Thread(() -> {
                try (Socket s = server.accept(); InputStream in = s.getInputStream()) {
                    byte[] buffer = new byte[256 * 1024];
                    long left = total;
                    while (left > 0) {
                        int n = in.read(buffer);
                        if (n < 0) {
                            break;
                        }
                        left -= n;
                    }
                    s.getOutputStream().write(1);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            sink.start();
            long start = System.nanoTime();
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                OutputStream out = s.getOutputStream();
                for (long sent = 0; sent < total; sent += 256 * 1024) {
                    int off = (int) (sent % SEGMENT);
                    out.write(data, off, (int) Math.min(256 * 1024, total - sent));
                }
                out.flush();
                s.getInputStream().read();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            sink.join();
            return seconds;
        }
    }

    private static double link(String mode, String[] args, byte[] data, long total) throws Exception {
        EventLoopGroup group = Transport.best().newGroup(1);
        try {
            Scheduler scheduler = WallClock.startingAt(0, 1, TimerLagListener.NONE).scheduler(group.next());
            URI url = URI.create(args[1]);
            EvidenceLink link = switch (mode) {
                case "tus" -> new TusEvidenceLink(new TusClient(TusClientConfig.builder().endpoint(url).build(),
                        group.next(), Transport.best(), scheduler, new SplittableRandom(1)), "BENCH-1", "bench",
                        UploadPacer.UNLIMITED, Proof.NONE);
                case "s3" -> new S3EvidenceLink(new S3Client(S3ClientConfig.builder()
                        .connection(ConnectionSettings.builder(url).build()).bucket(args[2])
                        .credentials(CredentialSource.fixed(new Credentials(args[3], args[4]))).build(), "BENCH-1", "bench",
                        group.next(), Transport.best(), scheduler, new SplittableRandom(1), Clock.systemUTC(),
                        UploadPacer.UNLIMITED), "bench", "bench", BackendServices.NONE, UploadPacer.UNLIMITED, Proof.NONE);
                case "put" -> new PutEvidenceLink(new PutClient(PutClientConfig.builder()
                        .connection(ConnectionSettings.builder(url).build()).header("Authorization", "Bearer " + args[2])
                        .build(), "bench", "bench", group.next(), Transport.best(), scheduler, new SplittableRandom(1),
                        UploadPacer.UNLIMITED), BackendServices.NONE, UploadPacer.UNLIMITED, Proof.NONE);
                case "swift" -> new SwiftEvidenceLink(new SwiftClient(SwiftClientConfig.builder()
                        .connection(ConnectionSettings.builder(url).build())
                        .credentials(CredentialSource.fixed(new Credentials(args[2], args[3]))).build(), "BENCH-1", "bench",
                        group.next(), Transport.best(), scheduler, new SplittableRandom(1), UploadPacer.UNLIMITED),
                        "bench", BackendServices.NONE, UploadPacer.UNLIMITED, Proof.NONE);
                default -> throw new IllegalArgumentException("unknown mode " + mode + "; use tcp, tus, s3, put or swift");
            };
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
            String run = Long.toString(System.nanoTime(), 36);
            long start = System.nanoTime();
            for (int i = 0; (long) i * SEGMENT < total; i++) {
                Segment s = new Segment(new SegmentManifest("BENCH-1", "BENCH-1-" + run, "BENCH-1-" + run + "-S" + i, i,
                        i * 60_000L, (i + 1) * 60_000L, 0, 0, SEGMENT, SEGMENT, sha, "BUTTON", "bench", false, true), data);
                link.upload(s.manifest(), s).toCompletableFuture().get(10, TimeUnit.MINUTES);
            }
            return (System.nanoTime() - start) / 1e9;
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /** A segment whose bytes are the benchmark's buffer. */
    private record Segment(SegmentManifest manifest, byte[] bytes) implements SegmentSource {
        @Override
        public long length() {
            return bytes.length;
        }

        @Override
        public void read(long offset, int length, ByteBuf target) {
            target.writeBytes(bytes, (int) offset, length);
        }

        @Override
        public String sha256() {
            return manifest.sha256();
        }
    }
}
