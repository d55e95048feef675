package io.bodycam.bench.observer;

import io.bodycam.bench.testing.BrokerMatrix;

/** The observer contract on RabbitMQ's MQTT plugin (Debian's rabbitmq-server), a broker that maps MQTT onto AMQP. */
class FleetObserverOnRabbitMqTest extends FleetObserverContract {

    @Override
    BrokerMatrix brokerKind() {
        return BrokerMatrix.RABBITMQ;
    }
}
