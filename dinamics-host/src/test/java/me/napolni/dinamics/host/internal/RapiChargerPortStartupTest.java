package me.napolni.dinamics.host.internal;

import me.napolni.dinamics.core.control.ChargerObservation;
import me.napolni.dinamics.core.settings.Settings;
import me.napolni.dinamics.core.time.NanoClock;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A charger whose state has never been read does not count as "no car" (the session's timer2). */
class RapiChargerPortStartupTest {

    @Test
    void shouldNotReportNoCarWhenTheStateWasNeverRead() {
        RapiChargerPort.Connector absent = listener -> {
            throw new IOException("no controller here");
        };
        try (RapiChargerPort port = new RapiChargerPort("1", absent, NanoClock.system(), Settings::defaults,
                new RapiChargerPort.Events() {
                    @Override
                    public void onReply(String command, String raw) {
                    }

                    @Override
                    public void onAsync(String raw) {
                    }

                    @Override
                    public void onEnableAck(int enable) {
                    }

                    @Override
                    public void onTimeout(long waitedMs) {
                    }

                    @Override
                    public void onConnection(boolean ok) {
                    }
                })) {
            ChargerObservation observation = new ChargerObservation();
            port.observe(observation);
            assertFalse(observation.linkOk());
            assertTrue(observation.carConnected(), "an unread state is unknown, not no car");
        }
    }
}
