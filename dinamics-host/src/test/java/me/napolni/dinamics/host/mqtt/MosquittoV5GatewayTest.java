package me.napolni.dinamics.host.mqtt;

import org.junit.jupiter.api.Assumptions;

/**
 * The rows marked for MQTT 5 against mosquitto: bridge and user both on MQTT 5, where a live message keeps its
 * RETAIN flag, so every S-class ack is checked retained and every reply not.
 */
class MosquittoV5GatewayTest extends GatewayCommandContract {

    @Override
    E2eBrokers.Broker startBroker() {
        Assumptions.assumeTrue(E2eBrokers.program("mosquitto").isPresent(), "mosquitto is not installed");
        return E2eBrokers.mosquitto();
    }

    @Override
    int mqttVersion() {
        return 5;
    }

    @Override
    boolean fullTable() {
        return false;
    }
}
