package io.bodycam.sim.testing;

import java.nio.file.Path;

/** An MQTT broker run as a child process of the test JVM ({@link ServerProcess}) that a contract test drives. */
abstract class BrokerProcess extends ServerProcess implements TestBroker {

    BrokerProcess(int port, Path dir) {
        super(port, dir);
    }

    @Override
    public final String url() {
        return "tcp://" + HOST + ":" + port();
    }
}
