package me.napolni.dinamics.host.internal;

import me.napolni.dinamics.rapi.transport.SerialTransport;
import me.napolni.dinamics.rapi.transport.TcpTransport;

/** Ways to reach a controller, each through the {@code rapi-protocol} client and one of its transports. */
public final class Connectors {

    private Connectors() {
    }

    /**
     * A controller behind a TCP bridge (ser2net, socat, the emulator).
     *
     * @param host the host
     * @param port the TCP port
     * @return the connector
     */
    public static RapiChargerPort.Connector tcp(String host, int port) {
        return listener -> RapiClientLink.open(TcpTransport.connectingTo(host, port), listener);
    }

    /**
     * A controller on a serial port (a USB adapter, a pty), 8N1.
     *
     * @param path the device
     * @param baud the line speed (115200 for RAPI)
     * @return the connector
     */
    public static RapiChargerPort.Connector serial(String path, int baud) {
        return listener -> RapiClientLink.open(SerialTransport.of(path, baud), listener);
    }
}
