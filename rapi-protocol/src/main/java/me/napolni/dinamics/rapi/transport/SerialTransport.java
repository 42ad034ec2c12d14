package me.napolni.dinamics.rapi.transport;

import java.nio.file.Files;
import java.nio.file.Path;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;

import me.napolni.dinamics.rapi.RapiErrorReason;
import me.napolni.dinamics.rapi.RapiException;

/**
 * RAPI over a serial port: 115200 baud, 8N1, no flow control by default (RAPI.md 1.1). The only class of the
 * project that touches jSerialComm. The port is named by its path, which may be a symbolic link such as a socat
 * pty link or a udev alias.
 * <pre>{@code
 * RapiTransport transport = SerialTransport.of("/dev/ttyUSB0");
 * RapiClient client = RapiClient.connect(transport, RapiClientOptions.defaults());
 * }</pre>
 * A port that vanishes (USB unplugged, pty peer gone) makes reads and writes fail with PORT_UNAVAILABLE;
 * {@link #open()} opens it again once it is back.
 */
public final class SerialTransport extends StreamTransport {
    /** The controller's baud rate. */
    public static final int DEFAULT_BAUD_RATE = 115_200;

    private static final int DATA_BITS = 8;

    private final String path;
    private final int baudRate;
    private volatile SerialPort port;
    private int lastTimeoutMs = -1;

    private SerialTransport(String path, int baudRate) {
        super(path);
        this.path = path;
        this.baudRate = baudRate;
    }

    /**
     * A transport for the port at {@code path} with the controller's settings (115200 8N1).
     *
     * @param path the device path, e.g. {@code /dev/ttyUSB0} or a pty link
     * @return a closed transport
     */
    public static SerialTransport of(String path) {
        return of(path, DEFAULT_BAUD_RATE);
    }

    /**
     * A transport for the port at {@code path}, 8N1 at the given speed.
     *
     * @param path     the device path
     * @param baudRate the speed in baud, at least 1
     * @return a closed transport
     * @throws IllegalArgumentException if the speed is not positive
     */
    public static SerialTransport of(String path, int baudRate) {
        if (baudRate < 1) {
            throw new IllegalArgumentException("baud rate must be positive: " + baudRate);
        }
        return new SerialTransport(path, baudRate);
    }

    @Override
    public void open() throws RapiException {
        synchronized (stateLock) {
            closeQuietly();
            SerialPort candidate;
            try {
                candidate = SerialPort.getCommPort(path);
            } catch (SerialPortInvalidPortException e) {
                throw new RapiException(RapiErrorReason.PORT_UNAVAILABLE, path + ": no such port", e);
            }
            candidate.setComPortParameters(baudRate, DATA_BITS, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
            candidate.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
            if (!candidate.openPort()) {
                throw new RapiException(RapiErrorReason.PORT_UNAVAILABLE,
                        path + " cannot be opened (error " + candidate.getLastErrorCode() + ")");
            }
            lastTimeoutMs = -1;
            port = candidate;
            markOpen();
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length, long timeoutMs) throws RapiException {
        SerialPort p = port;
        if (!isOpen() || p == null) {
            throw closed();
        }
        int timeout = readTimeoutMs(timeoutMs);
        if (timeout != lastTimeoutMs) {
            p.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, timeout, 0);
            lastTimeoutMs = timeout;
        }
        int n = p.readBytes(buffer, length, offset);
        if (n < 0 || !p.isOpen()) {
            throw broken("read failed (error " + p.getLastErrorCode() + ")");
        }
        if (n == 0 && !Files.exists(Path.of(path))) {
            throw broken("port vanished");     // a USB adapter unplugged or a pty link removed
        }
        return n;
    }

    @Override
    public void write(byte[] buffer, int offset, int length) throws RapiException {
        SerialPort p = port;
        if (!isOpen() || p == null) {
            throw closed();
        }
        int written = 0;
        while (written < length) {
            int n = p.writeBytes(buffer, length - written, offset + written);
            if (n <= 0) {
                throw broken("write failed (error " + p.getLastErrorCode() + ")");
            }
            written += n;
        }
    }

    @Override
    void release() {
        SerialPort p = port;
        port = null;
        if (p != null) {
            p.closePort();
        }
    }

    @Override
    public String describe() {
        return "serial:" + path + "@" + baudRate;
    }
}
