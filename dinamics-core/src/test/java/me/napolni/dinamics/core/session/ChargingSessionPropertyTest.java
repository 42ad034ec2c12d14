package me.napolni.dinamics.core.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.List;
import me.napolni.dinamics.core.settings.EnableIntent;
import org.junit.jupiter.api.Test;

class ChargingSessionPropertyTest {

    private static final long SEED = 0x5EEDL;

    /** Each step is a random code: operator event, car, currents, P&amp;C, window and the time step. */
    @Test
    void shouldKeepInvariantsWhenInputsAreArbitrary() {
        qt().withFixedSeed(SEED)
            .forAll(integers().between(0, 3),
                    lists().of(integers().between(0, Integer.MAX_VALUE)).ofSizeBetween(1, 60))
            .checkAssert((stored, steps) -> check(EnableIntent.ofCode(stored), steps));
    }

    private static void check(EnableIntent stored, List<Integer> steps) {
        ChargingSession session = ChargingSession.start(stored);
        SessionInputs in = new SessionInputs().timerMs(1, 5_000).timerMs(2, 3_000).timerMs(3, 4_000)
                .timerMs(4, 6_000);
        SessionOutput out = new SessionOutput();
        StationState previous = StationState.ENABLED;
        EnableIntent lastOperator = stored;
        long nowNs = 0;
        for (int code : steps) {
            int event = code % 5;
            if (event >= 1 && event <= 3) {
                session.operator(EnableIntent.ofCode(event));
                lastOperator = EnableIntent.ofCode(event);
            }
            in.carConnected((code >> 3 & 1) == 1).carAmps((code >> 4) % 20).pilotAmps(6 + (code >> 9) % 11)
                    .allowedAmps((code >> 13) % 33).minimumAmps(6).plugAndCharge((code >> 19 & 1) == 1)
                    .insideDelayWindow((code >> 20) % 4 != 0);
            nowNs += ((code >> 22) % 4) * 1_000_000_000L;
            session.doWork(nowNs, in, out);
            assertEquals(out.state() != previous, out.changed(), "a change is reported exactly when it happens");
            if (out.state() == StationState.ENABLED) {
                assertNull(out.stopReason());
            } else {
                assertNotNull(out.stopReason());
            }
            if (lastOperator == EnableIntent.OFF) {
                assertEquals(StationState.DISABLED, out.state(), "off holds until the operator enables");
            } else {
                assertNotEquals(StationState.DISABLED, out.state(), "only the operator disables");
            }
            previous = out.state();
        }
    }
}
