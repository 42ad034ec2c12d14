package me.napolni.dinamics.host.mqtt;

/** The command table against the embedded Moquette of {@code dinamics simulate}, MQTT 3.1.1. */
class MoquetteGatewayTest extends GatewayCommandContract {

    @Override
    E2eBrokers.Broker startBroker() {
        return E2eBrokers.moquette();
    }

    @Override
    int mqttVersion() {
        return 3;
    }
}
