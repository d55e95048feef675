package io.bodycam.bench.fleet;

import io.bodycam.bench.testing.BrokerMatrix;

/** The fleet contract on RabbitMQ 3.10 with its MQTT plugin (Debian's rabbitmq-server), MQTT 3.1.1; skipped when not installed. */
class FleetOnRabbitMqTest extends FleetContract {

    @Override
    BrokerMatrix brokerKind() {
        return BrokerMatrix.RABBITMQ;
    }
}
