package io.bodycam.bench.run.record;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The run's meters for Prometheus while the run goes on: {@code GET /metrics} on 127.0.0.1 only
 * (loopback: the bench exposes nothing to the network), in the Prometheus text format. Served by the
 * JDK's small HTTP server on one daemon thread. It binds its port first ({@link #start}), so a port in
 * use is reported before the run starts, and answers 503 until the run's registry exists
 * ({@link #serve}).
 */
public final class MetricsEndpoint implements AutoCloseable {

    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService thread;
    private volatile PrometheusMeterRegistry registry;

    private MetricsEndpoint(HttpServer server, ExecutorService thread) {
        this.server = server;
        this.thread = thread;
    }

    /**
     * Binds {@code http://127.0.0.1:port/metrics}; port 0 picks a free one.
     *
     * @throws IOException if the port cannot be bound (in use, say)
     */
    public static MetricsEndpoint start(int port) throws IOException {
        return start(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    }

    /**
     * Binds {@code address} (a container binds 0.0.0.0 so that Prometheus in another one reaches it).
     *
     * @throws IOException if the address cannot be bound (the port in use, say)
     */
    public static MetricsEndpoint start(InetSocketAddress address) throws IOException {
        if (address.getPort() < 0 || address.getPort() > 65535) {
            throw new IllegalArgumentException("metrics port must be 0..65535, was " + address.getPort());
        }
        HttpServer server = HttpServer.create(address, 16);
        MetricsEndpoint endpoint = new MetricsEndpoint(server, Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "bodycam-metrics-endpoint");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/metrics", endpoint::answer);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.setExecutor(endpoint.thread);
        server.start();
        return endpoint;
    }

    /** Serves {@code registry} from now on. */
    public void serve(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    private void answer(HttpExchange exchange) throws IOException {
        PrometheusMeterRegistry registry = this.registry;
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            if (registry == null) {
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
            boolean head = "HEAD".equals(exchange.getRequestMethod());
            exchange.sendResponseHeaders(200, head ? -1 : body.length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    /** The address it serves, e.g. {@code http://127.0.0.1:9464/metrics}. */
    public String url() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort() + "/metrics";
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        thread.shutdownNow();
    }
}
