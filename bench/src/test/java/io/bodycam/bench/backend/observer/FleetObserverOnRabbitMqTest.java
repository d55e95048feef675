package io.bodycam.bench.backend.observer;

import io.bodycam.bench.backend.broker.BrokerMatrix;

/** The observer contract on RabbitMQ's MQTT plugin (Debian's rabbitmq-server), a broker that maps MQTT onto AMQP. */
class FleetObserverOnRabbitMqTest extends FleetObserverContract {

    @Override
    BrokerMatrix brokerKind() {
        return BrokerMatrix.RABBITMQ;
    }
}
