package me.napolni.dinamics.rapi.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import me.napolni.dinamics.rapi.RapiErrorReason;
import me.napolni.dinamics.rapi.RapiException;

class TcpTransportTest {
    private static final byte[] FRAME = "$OK 16^07\r".getBytes(StandardCharsets.ISO_8859_1);

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    /** Reads until one whole {@link #FRAME} came, or fails. */
    private static byte[] readFrame(TcpTransport transport) throws RapiException {
        byte[] buffer = new byte[FRAME.length];
        int total = 0;
        while (total < FRAME.length) {
            total += transport.read(buffer, total, FRAME.length - total, 5_000);
        }
        return buffer;
    }

    @Test
    void shouldFailWithPortUnavailableWhenNobodyListens() throws IOException {
        TcpTransport transport = TcpTransport.connectingTo("127.0.0.1", freePort());
        assertEquals(RapiErrorReason.PORT_UNAVAILABLE, assertThrows(RapiException.class, transport::open).reason());
    }

    @Test
    void shouldCarryBytesAndReportPeerHangUpAsPortUnavailable() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            TcpTransport transport = TcpTransport.connectingTo("127.0.0.1", server.getLocalPort());
            transport.open();
            try (Socket peer = server.accept()) {
                peer.getOutputStream().write(FRAME);
                assertArrayEquals(FRAME, readFrame(transport));
                assertEquals(RapiTransport.NO_BYTES, transport.read(new byte[1], 0, 1, 20));
            }
            assertEquals(RapiErrorReason.PORT_UNAVAILABLE, assertThrows(RapiException.class,
                    () -> transport.read(new byte[4], 0, 4, 5_000)).reason());
            assertTrue(!transport.isOpen());
            transport.open();       // reconnects
            try (Socket again = server.accept()) {
                transport.write(FRAME, 0, FRAME.length);
                assertArrayEquals(FRAME, again.getInputStream().readNBytes(FRAME.length));
            }
            transport.close();
            assertEquals(RapiErrorReason.CLOSED, assertThrows(RapiException.class,
                    () -> transport.write(FRAME, 0, FRAME.length)).reason());
        }
    }

    @Test
    void shouldReportTheBreakOnceThenClosedAndNameTheLinkWhenThePeerHangsUp() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            TcpTransport transport = TcpTransport.connectingTo("127.0.0.1", server.getLocalPort());
            String label = "tcp://127.0.0.1:" + server.getLocalPort();
            assertEquals(label, transport.describe());
            assertEquals(label, transport.toString());
            transport.open();
            server.accept().close();
            RapiException broken = assertThrows(RapiException.class, () -> transport.read(new byte[4], 0, 4, 5_000));
            assertEquals(RapiErrorReason.PORT_UNAVAILABLE, broken.reason());
            assertEquals("PORT_UNAVAILABLE: " + label + ": peer closed the connection", broken.getMessage());
            RapiException after = assertThrows(RapiException.class, () -> transport.read(new byte[4], 0, 4, 5_000));
            assertEquals(RapiErrorReason.CLOSED, after.reason(), "the break is reported once");
            assertEquals("CLOSED: " + label + " is closed", after.getMessage());
            transport.close();
            transport.close();      // idempotent
            assertFalse(transport.isOpen());
        }
    }

    @Test
    void shouldNotReopenAnAcceptedConnectionWhenItWasClosed() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
            TcpTransport accepted = TcpTransport.accepted(server.accept());
            assertTrue(accepted.isOpen());
            accepted.open();        // already open: nothing to do
            client.getOutputStream().write(FRAME);
            assertArrayEquals(FRAME, readFrame(accepted));
            accepted.close();
            assertFalse(accepted.isOpen());
            assertEquals(RapiErrorReason.CLOSED, assertThrows(RapiException.class,
                    () -> accepted.read(new byte[1], 0, 1, 20)).reason());
            assertEquals(RapiErrorReason.PORT_UNAVAILABLE,
                    assertThrows(RapiException.class, accepted::open).reason());
        }
    }
}
