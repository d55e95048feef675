package io.bodycam.bench.run;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bodycam.bench.backend.broker.EmbeddedBroker;
import io.bodycam.bench.backend.observer.TopicKind;
import io.bodycam.sim.camera.Mode;
import io.bodycam.sim.camera.Trigger;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The fleet contract on the embedded broker (HiveMQ CE), plus what only it can do here: restart. */
class FleetOnHiveMqTest extends FleetContract {

    static EmbeddedBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedBroker.builder().build();
        broker.start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Override
    URI broker() {
        return URI.create(broker.url());
    }

    @Test
    void messages_kept_while_the_broker_is_down_are_delivered_once_it_is_back() {
        startFleet(b -> b);
        broker.stop();
        fleet.members().forEach(m -> m.camera().trigger(Trigger.BUTTON));
        await("recordings started while offline").atMost(Duration.ofSeconds(10))
                .until(() -> collector.modeCounts().getOrDefault(Mode.RECORDING, 0) == CAMERAS);
        assertTrue(fleet.mqttTotals().waiting() >= CAMERAS, "the recording.started events wait in the cameras' queues");
        broker.start();

        await("cameras back online").atMost(Duration.ofSeconds(60)).until(() -> observer.onlineCount() == CAMERAS);
        await("every kept message accepted by the broker").atMost(Duration.ofSeconds(30))
                .until(() -> fleet.mqttTotals().waiting() == 0);
        assertEquals(0, fleet.mqttTotals().droppedQueueFull(), "nothing dropped from the queues");
        fleet.members().forEach(m -> m.camera().stopRecording());
        await("events after the restart reach the observer").atMost(Duration.ofSeconds(30))
                .until(() -> observer.stats().events("recording.stopped") == CAMERAS);
        assertEquals(0, observer.stats().seq(TopicKind.EVENTS).missing(),
                "no gap; what the observer could not see while resubscribing counts as unobserved, not missing");
    }
}
