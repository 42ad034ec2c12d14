package me.napolni.dinamics.host.mqtt;

import org.junit.jupiter.api.Assumptions;

/** The command table against Debian's mosquitto, MQTT 3.1.1 (skipped only where mosquitto is not installed). */
class MosquittoGatewayTest extends GatewayCommandContract {

    @Override
    E2eBrokers.Broker startBroker() {
        Assumptions.assumeTrue(E2eBrokers.program("mosquitto").isPresent(), "mosquitto is not installed");
        return E2eBrokers.mosquitto();
    }

    @Override
    int mqttVersion() {
        return 3;
    }
}
