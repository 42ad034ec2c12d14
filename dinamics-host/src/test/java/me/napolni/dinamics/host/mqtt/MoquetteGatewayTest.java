package me.napolni.dinamics.host.mqtt;

/**
 * The command table against the embedded Moquette of {@code dinamics simulate}, MQTT 3.1.1. Moquette 0.17 replays
 * retained messages to a new subscription without the RETAIN flag, so there only the replay itself is checked.
 */
class MoquetteGatewayTest extends GatewayCommandContract {

    @Override
    E2eBrokers.Broker startBroker() {
        return E2eBrokers.moquette();
    }

    @Override
    int mqttVersion() {
        return 3;
    }

    @Override
    boolean brokerFlagsReplayedRetained() {
        return false;
    }
}
