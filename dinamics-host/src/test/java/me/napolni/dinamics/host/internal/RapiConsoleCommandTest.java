package me.napolni.dinamics.host.internal;

import me.napolni.dinamics.core.time.ManualClock;
import me.napolni.dinamics.host.DinamicsMain;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RapiConsoleCommandTest {

    private MiniEvse evse;
    private int port;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void start() throws Exception {
        evse = new MiniEvse(new ManualClock(), 32);
        evse.plug(true);
        port = evse.serveTcp(0);
    }

    @AfterEach
    void stop() {
        evse.close();
    }

    private int run(String... args) {
        return DinamicsMain.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void shouldPrintTheDecodedReplyWhenOneCommandIsGiven() {
        assertEquals(0, run("rapi", "--port", "127.0.0.1:" + port, "GS"));
        assertTrue(out.toString().startsWith("$OK 03 0 03 0100"), out.toString());
        assertTrue(out.toString().contains("state C: charging"), out.toString());
    }

    @Test
    void shouldSendParametersWhenTheCommandHasThem() {
        assertEquals(0, run("rapi", "--port", "127.0.0.1:" + port, "SC", "10", "V"));
        assertEquals(10, evse.capacityAmps());
    }

    @Test
    void shouldRefuseCommandsDinamicsNeverSendsWhenNotForced() {
        assertEquals(1, run("rapi", "--port", "127.0.0.1:" + port, "SC", "10", "M"));
        assertTrue(err.toString().contains("refused"), err.toString());
        assertEquals(0, evse.received("SC"));
    }

    @Test
    void shouldReportWhenThePortCannotBeOpened() {
        assertEquals(1, run("rapi", "--port", "/nonexistent/tty", "GV"));
        assertTrue(err.toString().contains("cannot open /nonexistent/tty"), err.toString());
    }
}
