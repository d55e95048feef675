package io.bodycam.bench.observer;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bodycam.bench.testing.BrokerMatrix;
import io.bodycam.bench.observer.DeviceView.Presence;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The observer contract on the embedded HiveMQ CE broker (the reference backend's own). */
class FleetObserverOnHiveMqTest extends FleetObserverContract {

    @Override
    BrokerMatrix brokerKind() {
        return BrokerMatrix.HIVEMQ;
    }

    /**
     * The embedded broker keeps nothing across a restart, not even the Wills of the cameras it dropped:
     * a camera that has not come back must not stay online in the backend's view for want of a Will.
     */
    @Test
    void after_a_broker_restart_a_camera_that_has_not_come_back_is_offline_and_one_that_has_is_online() throws Exception {
        FakeDevice gone = device("A");
        FakeDevice back = device("B");
        gone.online();
        back.online();
        await().until(() -> observer.onlineCount() == 2);

        shared.get().kill();
        shared.get().startAgain();
        await().atMost(Duration.ofSeconds(20)).until(() -> observer.reconnects() == 1 && observer.isConnected());
        clock.set(T0 + 60_000);
        FakeDevice again = device("B");
        again.online();

        await().until(() -> view(again).presence() == Presence.ONLINE && view(gone).presence() == Presence.OFFLINE);
        assertEquals(FleetObserver.PRESENCE_UNKNOWN, view(gone).offlineReason().orElse(null));
        assertEquals(1, observer.onlineCount());
    }
}
