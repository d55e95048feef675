package io.bodycam.bench.faults;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bodycam.bench.faults.ProxyClient.End;
import io.bodycam.bench.faults.ProxyClient.Read;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each toxic of the fault proxy, over real loopback sockets to an echo server. */
class FaultProxyTest {

    private EchoUpstream upstream;
    private FaultProxies proxies;
    private FaultProxy proxy;

    @BeforeEach
    void start() throws IOException {
        upstream = new EchoUpstream();
        proxies = new FaultProxies(1, 42);
        proxy = proxies.create("echo", upstream.address());
    }

    @AfterEach
    void stop() throws IOException {
        proxies.close();
        upstream.close();
    }

    private static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }

    @Test
    void bytes_go_through_intact_both_ways_and_are_counted() throws IOException {
        byte[] data = bytes(1 << 20, 1);
        try (ProxyClient c = new ProxyClient(proxy)) {
            c.roundTripMillis(data);
        }
        ProxyStats stats = proxy.stats();
        assertEquals(1 << 20, stats.bytesUpstream());
        assertEquals(1 << 20, stats.bytesDownstream());
        assertEquals(1, stats.accepted());
        await().atMost(ms(5_000)).until(() -> proxy.connections() == 0);
    }

    @Test
    void latency_delays_each_chunk_in_its_direction_only() throws IOException {
        try (ProxyClient c = new ProxyClient(proxy)) {
            long plain = c.roundTripMillis(bytes(100, 2));
            proxy.add(Toxic.of(new ToxicKind.Latency(ms(200), Duration.ZERO), Direction.DOWNSTREAM));
            long slow = c.roundTripMillis(bytes(100, 3));

            assertTrue(plain < 150, "without the toxic: " + plain + " ms");
            assertTrue(slow >= 200 && slow < 1_000, "with 200 ms downstream: " + slow + " ms");
        }
    }

    @Test
    void jitter_varies_the_delay_but_never_reorders_bytes() throws IOException {
        proxy.add(Toxic.of(new ToxicKind.Latency(ms(50), ms(40)), Direction.UPSTREAM));
        byte[] data = bytes(200_000, 4);
        try (ProxyClient c = new ProxyClient(proxy)) {
            for (int off = 0; off < data.length; off += 1000) {
                c.send(java.util.Arrays.copyOfRange(data, off, off + 1000));
            }
            Read r = c.read(data.length, 5_000);
            assertEquals(End.DATA, r.end());
            assertArrayEquals(data, r.bytes(), "the bytes came back in order");
        }
    }

    @Test
    void bandwidth_limits_the_rate_and_keeps_the_bytes() throws IOException {
        proxy.add(Toxic.of(new ToxicKind.Bandwidth(1_000_000), Direction.UPSTREAM));
        byte[] data = bytes(500_000, 5);
        try (ProxyClient c = new ProxyClient(proxy)) {
            long millis = c.roundTripMillis(data);
            assertTrue(millis >= 450 && millis < 2_000, "500 kB at 1 MB/s took " + millis + " ms");
        }
    }

    @Test
    void slicer_cuts_data_into_small_delayed_writes() throws IOException {
        proxy.add(Toxic.of(new ToxicKind.Slicer(10, 5, ms(5)), Direction.DOWNSTREAM));
        byte[] data = bytes(400, 6);
        try (ProxyClient c = new ProxyClient(proxy)) {
            long t0 = System.nanoTime();
            c.send(data);
            Read r = c.read(data.length, 5_000);
            long millis = (System.nanoTime() - t0) / 1_000_000;

            assertArrayEquals(data, r.bytes());
            assertTrue(r.reads() >= 10, "arrived in " + r.reads() + " reads");
            assertTrue(millis >= 100, "about 40 slices 5 ms apart took " + millis + " ms");
        }
    }

    @Test
    void reset_peer_resets_the_connection_after_its_timeout_and_the_client_sees_it() throws IOException {
        try (ProxyClient c = new ProxyClient(proxy)) {
            c.roundTripMillis(bytes(10, 7));
            proxy.add(Toxic.of(new ToxicKind.ResetPeer(ms(100)), Direction.UPSTREAM));
            Read r = c.read(1, 5_000);

            assertEquals(End.RESET, r.end(), "connection reset by peer");
        }
        assertEquals(1, proxy.stats().reset());
    }

    @Test
    void a_blackhole_drops_data_and_keeps_the_connection_until_it_is_removed() throws IOException {
        try (ProxyClient c = new ProxyClient(proxy)) {
            proxy.add(Toxic.of(new ToxicKind.Timeout(Duration.ZERO), Direction.UPSTREAM).named("blackhole"));
            c.send(bytes(100, 8));
            assertEquals(End.TIMEOUT, c.read(1, 500).end(), "nothing comes back");

            proxy.remove("blackhole");
            c.roundTripMillis(bytes(100, 9));
        }
    }

    @Test
    void a_timeout_closes_the_connection_after_its_time() throws IOException {
        try (ProxyClient c = new ProxyClient(proxy)) {
            c.roundTripMillis(bytes(10, 10));
            long t0 = System.nanoTime();
            proxy.add(Toxic.of(new ToxicKind.Timeout(ms(300)), Direction.DOWNSTREAM));
            c.send(bytes(10, 11));
            Read r = c.read(10, 5_000);
            long millis = (System.nanoTime() - t0) / 1_000_000;

            assertEquals(End.EOF, r.end());
            assertEquals(0, r.bytes().length, "the echo was swallowed");
            assertTrue(millis >= 250 && millis < 3_000, "closed after " + millis + " ms");
        }
        assertEquals(1, proxy.stats().closedByToxic());
    }

    @Test
    void limit_data_passes_exactly_the_limit_then_closes() throws IOException {
        proxy.add(Toxic.of(new ToxicKind.LimitData(100), Direction.DOWNSTREAM));
        byte[] data = bytes(1000, 12);
        try (ProxyClient c = new ProxyClient(proxy)) {
            c.send(data);
            Read r = c.read(data.length, 5_000);

            assertEquals(End.EOF, r.end());
            assertArrayEquals(java.util.Arrays.copyOf(data, 100), r.bytes());
        }
    }

    @Test
    void down_resets_new_connections_and_leaves_open_ones_alone() throws IOException {
        try (ProxyClient old = new ProxyClient(proxy)) {
            old.roundTripMillis(bytes(10, 13));
            proxy.add(Toxic.of(new ToxicKind.Down(), Direction.UPSTREAM));
            try (ProxyClient fresh = new ProxyClient(proxy)) {
                Read r = fresh.read(1, 5_000);
                assertTrue(r.end() == End.RESET || r.end() == End.EOF, "new connection refused: " + r.end());
            }
            old.roundTripMillis(bytes(10, 14));
        }
        assertEquals(1, proxy.stats().refused());
        assertEquals(1, upstream.accepted(), "the refused connection never reached the upstream");
    }

    @Test
    void a_disabled_proxy_refuses_and_drops_connections_and_comes_back_on_the_same_port() throws IOException {
        int port = proxy.port();
        try (ProxyClient c = new ProxyClient(proxy)) {
            c.roundTripMillis(bytes(10, 15));
            proxy.disable();
            assertEquals(End.EOF, c.read(1, 5_000).end(), "open connection dropped");
        }
        UncheckedIOException refused = assertThrows(UncheckedIOException.class, () -> new ProxyClient(proxy));
        assertTrue(refused.getCause() instanceof ConnectException, refused.toString());

        proxy.enable();
        assertEquals(port, proxy.port());
        try (ProxyClient c = new ProxyClient(proxy)) {
            c.roundTripMillis(bytes(10, 16));
        }
    }

    @Test
    void toxicity_applies_a_toxic_to_a_share_of_connections() throws IOException {
        proxy.add(Toxic.of(new ToxicKind.LimitData(0), Direction.DOWNSTREAM).withToxicity(0.5));
        int cut = 0;
        for (int i = 0; i < 40; i++) {
            try (ProxyClient c = new ProxyClient(proxy)) {
                c.send(bytes(10, i));
                if (c.read(10, 5_000).end() == End.EOF) {
                    cut++;
                }
            }
        }
        assertTrue(cut > 5 && cut < 35, "about half of 40 connections cut: " + cut);
    }

    @Test
    void many_proxies_share_one_event_loop_group_and_all_serve() throws IOException {
        long loopsBefore = eventLoopThreads();
        for (int i = 0; i < 50; i++) {
            FaultProxy p = proxies.create("group-" + i, upstream.address());
            try (ProxyClient c = new ProxyClient(p)) {
                c.roundTripMillis(bytes(10, i));
            }
        }
        assertEquals(51, proxies.all().size());
        assertEquals(loopsBefore, eventLoopThreads(), "no thread per proxy");
    }

    private static long eventLoopThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("multiThreadIoEventLoopGroup")).count();
    }
}
