package io.bodycam.bench.observer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** What the observer checks and reports without a broker; the rest is in {@link FleetObserverContract}. */
class FleetObserverTest {

    private final TestClock clock = new TestClock(FleetObserverContract.T0, 1.0);

    @Test
    void an_unreachable_broker_fails_the_start_with_its_url() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = s.getLocalPort();
        }
        String url = "tcp://127.0.0.1:" + closedPort;
        FleetObserver observer = new FleetObserver(url, "+", clock);

        IOException e = assertThrows(IOException.class, observer::start);

        assertTrue(e.getMessage().startsWith("observer cannot connect to " + url), e.getMessage());
        observer.stop();
    }

    @Test
    void bad_arguments_are_refused_with_the_fields_name() {
        assertEquals("broker url must look like tcp://HOST:PORT or mqtts://HOST:PORT, was localhost:1883",
                assertThrows(IllegalArgumentException.class, () -> new FleetObserver("localhost:1883", "+", clock)).getMessage());
        assertEquals("agency (or + for every agency) must be one non-empty topic level without '/', '+' or '#', was 'kc/pd'",
                assertThrows(IllegalArgumentException.class, () -> new FleetObserver("tcp://127.0.0.1:1", "kc/pd", clock)).getMessage());
        FleetObserver observer = new FleetObserver("tcp://127.0.0.1:1", "+", clock);
        assertEquals("device id must be one non-empty topic level without '/', '+' or '#', was '+'",
                assertThrows(IllegalArgumentException.class,
                        () -> observer.sendCommand("kcpd", "+", "locate", Map.of(), Duration.ofSeconds(1))).getMessage());
        assertEquals("command timeout must be > 0, was PT0S",
                assertThrows(IllegalArgumentException.class,
                        () -> observer.sendCommand("kcpd", "IPD-0001", "locate", Map.of(), Duration.ZERO)).getMessage());
        observer.stop();
    }

    @Test
    void a_command_after_stop_fails_as_a_value() {
        FleetObserver observer = new FleetObserver("tcp://127.0.0.1:1", "+", clock);
        observer.stop();

        CompletionException e = assertThrows(CompletionException.class,
                () -> observer.sendCommand("kcpd", "IPD-0001", "locate", Map.of(), Duration.ofSeconds(1)).join());

        CommandException failure = assertInstanceOf(CommandException.class, e.getCause());
        assertEquals("IPD-0001", failure.deviceId());
        assertTrue(failure.commandId().isPresent(), "command id");
    }
}
