package io.bodycam.bench.run.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.BindException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class MetricsEndpointTest {

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(MetricsEndpoint endpoint, String method) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(endpoint.url())).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void serves_the_run_registry_in_prometheus_text_format_on_loopback() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Counter.builder("bodycam.uploads.completed").register(registry).increment(3);
        try (MetricsEndpoint endpoint = MetricsEndpoint.start(0)) {
            endpoint.serve(registry);
            HttpResponse<String> r = get(endpoint, "GET");

            assertEquals(200, r.statusCode());
            assertTrue(endpoint.url().startsWith("http://127.0.0.1:"), endpoint.url());
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"), r.headers().toString());
            assertTrue(r.body().contains("bodycam_uploads_completed_total 3.0"), r.body());
        }
    }

    @Test
    void answers_503_until_the_run_registry_exists() throws Exception {
        try (MetricsEndpoint endpoint = MetricsEndpoint.start(0)) {
            assertEquals(503, get(endpoint, "GET").statusCode());
        }
    }

    @Test
    void refuses_methods_other_than_get_and_head() throws Exception {
        try (MetricsEndpoint endpoint = MetricsEndpoint.start(0)) {
            endpoint.serve(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
            assertEquals(405, get(endpoint, "POST").statusCode());
            assertEquals(200, get(endpoint, "HEAD").statusCode());
        }
    }

    @Test
    void a_port_in_use_fails_at_start_with_a_bind_error() throws IOException {
        try (MetricsEndpoint first = MetricsEndpoint.start(0)) {
            assertThrows(BindException.class, () -> MetricsEndpoint.start(first.port()).close());
        }
    }
}
