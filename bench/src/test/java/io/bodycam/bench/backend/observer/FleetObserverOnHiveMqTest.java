package io.bodycam.bench.backend.observer;

import io.bodycam.bench.backend.broker.EmbeddedBroker;

/** The observer contract on the embedded HiveMQ CE broker (the reference backend's own). */
class FleetObserverOnHiveMqTest extends FleetObserverContract {

    @Override
    BrokerUnderTest startBroker() {
        EmbeddedBroker broker = EmbeddedBroker.builder().build();
        broker.start();
        return new BrokerUnderTest() {
            @Override
            public String url() {
                return broker.url();
            }

            @Override
            public boolean canRestart() {
                return true;
            }

            @Override
            public void restart() {
                broker.restart();
            }

            @Override
            public void close() {
                broker.close();
            }
        };
    }
}
