package me.napolni.dinamics.mqtt;

/** The command table against embedded Moquette, MQTT 3.1.1. */
class MoquetteCommandTest extends CommandTableContract {

    @Override
    Brokers.Broker startBroker() {
        return Brokers.moquette();
    }

    @Override
    int mqttVersion() {
        return 3;
    }

    @Override
    boolean brokerReplaysRetained() {
        return false;
    }
}
