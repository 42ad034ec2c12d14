package me.napolni.dinamics.mqtt;

import org.junit.jupiter.api.Assumptions;

/** The command table against Debian's mosquitto, MQTT 3.1.1. */
class MosquittoV3CommandTest extends CommandTableContract {

    @Override
    Brokers.Broker startBroker() {
        Assumptions.assumeTrue(Brokers.mosquittoInstalled(), "mosquitto is not installed: skipping its tests");
        return new Brokers.Mosquitto(false);
    }

    @Override
    int mqttVersion() {
        return 3;
    }
}
