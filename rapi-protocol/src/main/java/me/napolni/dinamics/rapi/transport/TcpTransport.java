package me.napolni.dinamics.rapi.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

import me.napolni.dinamics.rapi.RapiErrorReason;
import me.napolni.dinamics.rapi.RapiException;

/**
 * RAPI over TCP: a ser2net-style serial bridge, or an {@link me.napolni.dinamics.rapi.emulator.EvseEmulator}
 * serving on a loopback port. The byte stream is the serial one; framing does not change.
 * <pre>{@code
 * RapiTransport transport = TcpTransport.connectingTo("127.0.0.1", 7000);
 * RapiClient client = RapiClient.connect(transport, RapiClientOptions.defaults());
 * }</pre>
 * A peer that hangs up counts as a broken link (PORT_UNAVAILABLE); {@link #open()} connects again.
 */
public final class TcpTransport extends StreamTransport {
    /** How long {@link #open()} waits for the connection. */
    public static final int CONNECT_TIMEOUT_MS = 5_000;

    private final String host;
    private final int port;
    private final boolean reconnectable;
    private volatile Socket socket;
    private volatile InputStream in;
    private volatile OutputStream out;
    private int lastTimeoutMs = -1;

    private TcpTransport(String host, int port, Socket accepted) {
        super(describe(host, port));
        this.host = host;
        this.port = port;
        this.reconnectable = accepted == null;
        this.socket = accepted;
    }

    /**
     * A transport that connects to {@code host:port} when opened.
     *
     * @param host host name or address
     * @param port TCP port, 1..65535
     * @return a closed transport
     * @throws IllegalArgumentException if the port is out of range
     */
    public static TcpTransport connectingTo(String host, int port) {
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("TCP port must be 1..65535: " + port);
        }
        return new TcpTransport(host, port, null);
    }

    /**
     * A transport over a connection a server socket accepted (the controller's side of a TCP bridge). It is
     * open at once and cannot be reopened once it fails or is closed.
     *
     * @param accepted the accepted, connected socket; the transport owns it from now on
     * @return an open transport
     * @throws RapiException PORT_UNAVAILABLE if the socket's streams cannot be obtained
     */
    public static TcpTransport accepted(Socket accepted) throws RapiException {
        TcpTransport transport = new TcpTransport(accepted.getInetAddress().getHostAddress(), accepted.getPort(),
                accepted);
        transport.attachStreams(accepted);
        return transport;
    }

    @Override
    public void open() throws RapiException {
        synchronized (stateLock) {
            if (!reconnectable) {
                if (isOpen()) {
                    return;
                }
                throw new RapiException(RapiErrorReason.PORT_UNAVAILABLE, describe() + ": accepted connection ended");
            }
            closeQuietly();
            Socket s = new Socket();
            try {
                s.setTcpNoDelay(true);
                s.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
            } catch (IOException e) {
                closeSocket(s);
                throw new RapiException(RapiErrorReason.PORT_UNAVAILABLE, describe() + ": " + e.getMessage(), e);
            }
            attachStreams(s);
        }
    }

    private void attachStreams(Socket s) throws RapiException {
        try {
            in = s.getInputStream();
            out = s.getOutputStream();
        } catch (IOException e) {
            closeSocket(s);
            throw new RapiException(RapiErrorReason.PORT_UNAVAILABLE, describe() + ": " + e.getMessage(), e);
        }
        socket = s;
        lastTimeoutMs = -1;
        markOpen();
    }

    @Override
    public int read(byte[] buffer, int offset, int length, long timeoutMs) throws RapiException {
        Socket s = socket;
        InputStream stream = in;
        if (!isOpen() || s == null || stream == null) {
            throw closed();
        }
        int n;
        try {
            int timeout = readTimeoutMs(timeoutMs);
            if (timeout != lastTimeoutMs) {
                s.setSoTimeout(timeout);
                lastTimeoutMs = timeout;
            }
            n = stream.read(buffer, offset, length);
        } catch (SocketTimeoutException e) {
            return NO_BYTES;
        } catch (IOException e) {
            throw broken(e);
        }
        if (n < 0) {
            throw lost("peer closed the connection", null);
        }
        return n;
    }

    @Override
    public void write(byte[] buffer, int offset, int length) throws RapiException {
        OutputStream stream = out;
        if (!isOpen() || stream == null) {
            throw closed();
        }
        try {
            stream.write(buffer, offset, length);
            stream.flush();
        } catch (IOException e) {
            throw broken(e);
        }
    }

    @Override
    void release() {
        Socket s = socket;
        if (s != null) {
            closeSocket(s);
        }
    }

    private static void closeSocket(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing: nothing left to do with the error
        }
    }

    @Override
    public String describe() {
        return describe(host, port);
    }

    private static String describe(String host, int port) {
        return "tcp://" + host + ":" + port;
    }
}
