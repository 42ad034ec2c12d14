package me.napolni.dinamics.host.internal;

import java.io.Closeable;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/** Ways to reach a controller: a TCP bridge or a serial device. */
public final class Connectors {

    private static final int CONNECT_TIMEOUT_MS = 2_000;

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
        return listener -> {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
                socket.setTcpNoDelay(true);
                return new StreamRapiLink(host + ":" + port, socket.getInputStream(), socket.getOutputStream(),
                        socket, listener);
            } catch (IOException e) {
                socket.close();
                throw e;
            }
        };
    }

    /**
     * A controller on a serial device read and written as a file: a pty (socat) or a USB adapter whose line is set
     * to 115200 8N1 raw beforehand ({@code stty -F DEV 115200 raw -echo}, which the systemd unit does).
     *
     * @param path the device
     * @return the connector
     */
    public static RapiChargerPort.Connector device(String path) {
        return listener -> {
            FileInputStream in = new FileInputStream(path);
            FileOutputStream out;
            try {
                out = new FileOutputStream(path);
            } catch (IOException e) {
                in.close();
                throw e;
            }
            Closeable both = () -> {
                try {
                    in.close();
                } finally {
                    out.close();
                }
            };
            return new StreamRapiLink(path, in, out, both, listener);
        };
    }
}
