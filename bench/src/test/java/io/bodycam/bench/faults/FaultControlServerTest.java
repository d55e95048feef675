package io.bodycam.bench.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bodycam.backend.http.HttpFaults;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The fault control API over HTTP, as an operator would use it with curl. */
class FaultControlServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final HttpFaults backend = new HttpFaults(1);
    private EchoUpstream upstream;
    private FaultProxies proxies;
    private FaultProxy proxy;
    private FaultControlServer control;

    @BeforeEach
    void start() throws IOException {
        upstream = new EchoUpstream();
        proxies = new FaultProxies(1, 7);
        proxy = proxies.create("mqtt", upstream.address());
        control = FaultControlServer.start(proxies, backend, 0);
    }

    @AfterEach
    void stop() throws IOException {
        control.close();
        proxies.close();
        upstream.close();
    }

    private HttpResponse<String> call(String method, String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(control.uri() + path)).timeout(Duration.ofSeconds(5))
                .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body)).build();
        try {
            return http.send(request, BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(HttpResponse<String> r) throws IOException {
        return JSON.readTree(r.body());
    }

    @Test
    void get_proxies_lists_each_with_its_addresses_state_and_toxics() throws IOException {
        HttpResponse<String> r = call("GET", "/proxies", null);

        assertEquals(200, r.statusCode(), r.body());
        JsonNode mqtt = json(r).path("mqtt");
        assertEquals("127.0.0.1:" + proxy.port(), mqtt.path("listen").asText());
        assertEquals("127.0.0.1:" + upstream.address().getPort(), mqtt.path("upstream").asText());
        assertTrue(mqtt.path("enabled").asBoolean());
        assertEquals(0, mqtt.path("toxics").size());
    }

    @Test
    void a_toxic_posted_as_toxiproxy_json_acts_on_the_proxy_and_can_be_deleted() throws IOException {
        HttpResponse<String> added = call("POST", "/proxies/mqtt/toxics",
                "{\"name\":\"slow\",\"type\":\"latency\",\"stream\":\"upstream\",\"toxicity\":1.0,"
                        + "\"attributes\":{\"latency\":300,\"jitter\":0}}");
        assertEquals(200, added.statusCode(), added.body());
        assertEquals("latency", json(added).path("type").asText());
        assertEquals(300, json(added).path("attributes").path("latency").asLong());
        try (ProxyClient c = new ProxyClient(proxy)) {
            assertTrue(c.roundTripMillis(new byte[10]) >= 300, "the toxic acts");
        }
        assertEquals("slow", json(call("GET", "/proxies/mqtt/toxics", null)).get(0).path("name").asText());

        assertEquals(204, call("DELETE", "/proxies/mqtt/toxics/slow", null).statusCode());
        assertTrue(proxy.toxics().isEmpty());
        assertEquals(404, call("DELETE", "/proxies/mqtt/toxics/slow", null).statusCode());
    }

    @Test
    void a_toxic_without_name_and_stream_gets_toxiproxy_defaults() throws IOException {
        HttpResponse<String> r = call("POST", "/proxies/mqtt/toxics", "{\"type\":\"bandwidth\",\"attributes\":{\"rate\":125}}");

        assertEquals(200, r.statusCode(), r.body());
        Toxic t = proxy.find("bandwidth_downstream").orElseThrow();
        assertEquals(new ToxicKind.Bandwidth(125_000), t.kind());
        assertEquals(Direction.DOWNSTREAM, t.stream());
        assertEquals(1.0, t.toxicity());
    }

    @Test
    void a_second_toxic_of_the_same_name_is_409() throws IOException {
        String body = "{\"name\":\"x\",\"type\":\"timeout\",\"attributes\":{\"timeout\":0}}";
        assertEquals(200, call("POST", "/proxies/mqtt/toxics", body).statusCode());
        HttpResponse<String> again = call("POST", "/proxies/mqtt/toxics", body);

        assertEquals(409, again.statusCode());
        assertEquals(409, json(again).path("status").asInt());
        assertEquals("toxic already exists: x", json(again).path("error").asText());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "not JSON | {oops | the body is not JSON",
        "unknown type | {\"type\":\"gremlins\"} | unknown toxic type 'gremlins'",
        "bad stream | {\"type\":\"latency\",\"stream\":\"sideways\"} | stream must be upstream or downstream",
        "negative latency | {\"type\":\"latency\",\"attributes\":{\"latency\":-5}} | attribute \"latency\" must be 0..3600000 ms",
        "unknown attribute | {\"type\":\"latency\",\"attributes\":{\"lag\":5}} | unknown field 'lag' for latency",
        "toxicity above 1 | {\"type\":\"down\",\"toxicity\":2} | toxicity must be 0..1, was 2.0",
        "zero bandwidth | {\"type\":\"bandwidth\",\"attributes\":{\"rate\":0}} | bandwidth must be 1 B/s",
    })
    void a_bad_toxic_is_400_saying_what_is_wrong(String what, String body, String error) throws IOException {
        HttpResponse<String> r = call("POST", "/proxies/mqtt/toxics", body);

        assertEquals(400, r.statusCode(), r.body());
        assertTrue(json(r).path("error").asText().startsWith(error), json(r).path("error").asText());
        assertTrue(proxy.toxics().isEmpty());
    }

    @Test
    void a_proxy_can_be_disabled_and_enabled_and_an_unknown_one_is_404() throws IOException {
        HttpResponse<String> off = call("POST", "/proxies/mqtt", "{\"enabled\":false}");
        assertEquals(200, off.statusCode(), off.body());
        assertFalse(json(off).path("enabled").asBoolean());
        assertFalse(proxy.enabled());

        assertEquals(200, call("POST", "/proxies/mqtt", "{\"enabled\":true}").statusCode());
        assertTrue(proxy.enabled());
        assertEquals(404, call("GET", "/proxies/nope", null).statusCode());
        assertEquals(404, call("GET", "/elsewhere", null).statusCode());
    }

    @Test
    void reset_removes_every_toxic_and_enables_every_proxy() {
        proxy.add(Toxic.of(new ToxicKind.Down(), Direction.UPSTREAM));
        proxy.disable();
        backend.set(HttpFaults.Settings.NONE.withErrors(0.5, 503));

        assertEquals(204, call("POST", "/reset", null).statusCode());
        assertTrue(proxy.enabled());
        assertTrue(proxy.toxics().isEmpty());
        assertEquals(HttpFaults.Settings.NONE, backend.settings());
    }

    @Test
    void backend_http_faults_are_read_changed_and_cleared() throws IOException {
        HttpResponse<String> set = call("POST", "/backend/http",
                "{\"errorShare\":0.1,\"errorStatus\":500,\"delayMs\":250,\"lostShare\":0.05,\"lostResponse\":\"hang\"}");
        assertEquals(200, set.statusCode(), set.body());
        assertEquals(new HttpFaults.Settings(0.1, 500, Duration.ofMillis(250), 0.05, HttpFaults.LostResponse.HANG),
                backend.settings());
        assertEquals(0, json(set).path("counts").path("errors").asLong());

        HttpResponse<String> bad = call("POST", "/backend/http", "{\"errorStatus\":404}");
        assertEquals(400, bad.statusCode());
        assertEquals("error status must be 500..599, was 404", json(bad).path("error").asText());

        assertEquals(200, call("DELETE", "/backend/http", null).statusCode());
        assertEquals(HttpFaults.Settings.NONE, backend.settings());
    }
}
