package me.napolni.dinamics.core.sharing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.concurrent.TimeUnit;
import me.napolni.dinamics.core.AllocationMeter;
import org.junit.jupiter.api.Test;

class ShareAllocatorTest {

    private static final long SEED = 0x5EEDL;
    private static final long ROTATE_NS = TimeUnit.MINUTES.toNanos(15);

    @Test
    void shouldGiveEveryoneTheMinimumThenTheRestByPriority() {
        ShareAllocator sharing = ShareAllocator.create(3);
        sharing.demand(0, true, ShareAllocator.ALL_PHASES, 6, 32, 5);
        sharing.demand(1, true, ShareAllocator.ALL_PHASES, 6, 32, 9);
        sharing.demand(2, true, ShareAllocator.ALL_PHASES, 6, 32, 5);
        sharing.allocate(0, new double[] {30, 30, 30}, ROTATE_NS);
        assertEquals(6, sharing.allocatedAmps(0));
        assertEquals(18, sharing.allocatedAmps(1), "the rest goes to the higher priority");
        assertEquals(6, sharing.allocatedAmps(2));
    }

    @Test
    void shouldShareEquallyWhenPrioritiesAreEqual() {
        ShareAllocator sharing = ShareAllocator.create(2);
        sharing.demand(0, true, ShareAllocator.ALL_PHASES, 6, 32, 5);
        sharing.demand(1, true, ShareAllocator.ALL_PHASES, 6, 32, 5);
        sharing.allocate(0, new double[] {25.5, 40, 40}, ROTATE_NS);
        int a = sharing.allocatedAmps(0);
        int b = sharing.allocatedAmps(1);
        assertEquals(25, a + b);
        assertTrue(Math.abs(a - b) <= 1, a + " vs " + b);
    }

    @Test
    void shouldUseOtherPhasesWhenChargersDrawOnDifferentPhases() {
        ShareAllocator sharing = ShareAllocator.create(2);
        sharing.demand(0, true, ShareAllocator.L1, 6, 32, 9);
        sharing.demand(1, true, ShareAllocator.L2 | ShareAllocator.L3, 6, 16, 1);
        sharing.allocate(0, new double[] {10, 20, 20}, ROTATE_NS);
        assertEquals(10, sharing.allocatedAmps(0));
        assertEquals(16, sharing.allocatedAmps(1), "low priority on free phases still gets its cap");
    }

    @Test
    void shouldPauseInTurnWhenNotAllMinimumsFit() {
        ShareAllocator sharing = ShareAllocator.create(2);
        sharing.demand(0, true, ShareAllocator.ALL_PHASES, 6, 16, 5);
        sharing.demand(1, true, ShareAllocator.ALL_PHASES, 6, 16, 5);
        double[] headroom = {8, 8, 8};
        long stepNs = TimeUnit.MINUTES.toNanos(1);
        int[] servedSteps = new int[2];
        int switches = 0;
        int lastServed = -1;
        for (long t = 0; t < TimeUnit.HOURS.toNanos(2); t += stepNs) {
            sharing.allocate(t, headroom, ROTATE_NS);
            assertTrue(sharing.paused(0) != sharing.paused(1), "exactly one charges");
            int served = sharing.paused(0) ? 1 : 0;
            assertEquals(8, sharing.allocatedAmps(served));
            servedSteps[served]++;
            if (lastServed >= 0 && served != lastServed) {
                switches++;
            }
            lastServed = served;
        }
        assertEquals(servedSteps[0], servedSteps[1], "both are served equally long");
        assertEquals(7, switches, "a turn lasts 15 minutes");
    }

    @Test
    void shouldKeepHigherPriorityRunningWhenLowerWaits() {
        ShareAllocator sharing = ShareAllocator.create(2);
        sharing.demand(0, true, ShareAllocator.ALL_PHASES, 6, 16, 3);
        sharing.demand(1, true, ShareAllocator.ALL_PHASES, 6, 16, 7);
        for (long t = 0; t < TimeUnit.HOURS.toNanos(2); t += TimeUnit.MINUTES.toNanos(5)) {
            sharing.allocate(t, new double[] {8, 8, 8}, ROTATE_NS);
            assertTrue(sharing.paused(0));
            assertEquals(8, sharing.allocatedAmps(1));
        }
    }

    @Test
    void shouldGiveNothingWhenInactiveOrHeadroomNegative() {
        ShareAllocator sharing = ShareAllocator.create(2);
        sharing.demand(0, false, ShareAllocator.ALL_PHASES, 6, 16, 5);
        sharing.demand(1, true, ShareAllocator.ALL_PHASES, 6, 16, 5);
        sharing.allocate(0, new double[] {-5, 30, 30}, ROTATE_NS);
        assertEquals(0, sharing.allocatedAmps(0));
        assertTrue(!sharing.paused(0));
        assertTrue(sharing.paused(1));
    }

    @Test
    void shouldRespectCapsHeadroomAndMinimumsWhenDemandsAreArbitrary() {
        qt().withFixedSeed(SEED)
            .forAll(lists().of(integers().between(0, 1 << 20)).ofSizeBetween(1, 6),
                    doubles().between(-10, 80), doubles().between(-10, 80), doubles().between(-10, 80))
            .checkAssert((codes, h1, h2, h3) -> {
                double[] headroom = {h1, h2, h3};
                ShareAllocator sharing = ShareAllocator.create(codes.size());
                for (int i = 0; i < codes.size(); i++) {
                    int code = codes.get(i);
                    int minimum = 6 + (code & 7);
                    int cap = minimum + ((code >> 3) & 31);
                    sharing.demand(i, (code >> 8 & 3) != 0, code >> 10 & 7, minimum, cap, 1 + (code >> 13) % 10);
                }
                sharing.allocate(0, headroom, ROTATE_NS);
                double[] used = new double[3];
                for (int i = 0; i < codes.size(); i++) {
                    int code = codes.get(i);
                    int amps = sharing.allocatedAmps(i);
                    int minimum = 6 + (code & 7);
                    int cap = minimum + ((code >> 3) & 31);
                    assertTrue(amps == 0 || (amps >= minimum && amps <= cap), "charger " + i + ": " + amps);
                    int mask = (code >> 10 & 7) == 0 ? 7 : code >> 10 & 7;
                    for (int p = 0; p < 3; p++) {
                        if ((mask & (1 << p)) != 0) {
                            used[p] += amps;
                        }
                    }
                }
                for (int p = 0; p < 3; p++) {
                    assertTrue(used[p] <= Math.max(0, headroom[p]) + 1e-9, "phase " + p + ": " + used[p]);
                }
            });
    }

    @Test
    void shouldServeHigherPriorityAtLeastAsMuchWhenDemandsAreAlike() {
        qt().withFixedSeed(SEED)
            .forAll(lists().of(integers().between(0, 1 << 16)).ofSizeBetween(2, 6), doubles().between(0, 100),
                    integers().between(1, 7))
            .checkAssert((codes, headroomAmps, mask) -> {
                ShareAllocator sharing = ShareAllocator.create(codes.size());
                for (int i = 0; i < codes.size(); i++) {
                    int code = codes.get(i);
                    sharing.demand(i, true, mask, 6, 6 + (code & 31), 1 + (code >> 5) % 10);
                }
                sharing.allocate(0, new double[] {headroomAmps, headroomAmps, headroomAmps}, ROTATE_NS);
                for (int hi = 0; hi < codes.size(); hi++) {
                    for (int lo = 0; lo < codes.size(); lo++) {
                        int capHi = 6 + (codes.get(hi) & 31);
                        boolean higher = 1 + (codes.get(hi) >> 5) % 10 > 1 + (codes.get(lo) >> 5) % 10;
                        int a = sharing.allocatedAmps(hi);
                        int b = sharing.allocatedAmps(lo);
                        if (higher && a < capHi) {
                            assertTrue(a >= b, "priority " + hi + " got " + a + " < " + b + " of " + lo);
                        }
                        if (!higher && codes.get(hi) >> 5 == codes.get(lo) >> 5 && hi != lo && a < capHi
                                && b < 6 + (codes.get(lo) & 31) && a > 0 && b > 0) {
                            assertTrue(Math.abs(a - b) <= 1, "equals " + a + " vs " + b);
                        }
                    }
                }
            });
    }

    @Test
    void shouldNotAllocateWhenSharingRepeatedly() {
        ShareAllocator sharing = ShareAllocator.create(4);
        for (int i = 0; i < 4; i++) {
            sharing.demand(i, true, ShareAllocator.ALL_PHASES, 6, 32, 1 + i % 2);
        }
        double[] headroom = {20, 25, 30};
        long[] now = {0};
        long bytes = AllocationMeter.bytesAllocated(() -> {
            now[0] += 1_000_000_000L;
            sharing.allocate(now[0], headroom, ROTATE_NS);
        }, 20_000, 10_000);
        assertTrue(bytes < 1024, "allocated " + bytes + " bytes in 10 000 passes");
    }

    @Test
    void shouldLetEveryoneTakeTurnsWhenOnlyTwoOfThreeFit() {
        ShareAllocator sharing = ShareAllocator.create(3);
        for (int i = 0; i < 3; i++) {
            sharing.demand(i, true, ShareAllocator.ALL_PHASES, 6, 16, 5);
        }
        long stepNs = TimeUnit.MINUTES.toNanos(1);
        int[] served = new int[3];
        long[] longestWaitNs = new long[3];
        long[] waitStartNs = {-1, -1, -1};
        for (long t = 0; t < TimeUnit.HOURS.toNanos(6); t += stepNs) {
            sharing.allocate(t, new double[] {12.5, 12.5, 12.5}, ROTATE_NS);
            int running = 0;
            for (int i = 0; i < 3; i++) {
                if (sharing.paused(i)) {
                    if (waitStartNs[i] < 0) {
                        waitStartNs[i] = t;
                    }
                    longestWaitNs[i] = Math.max(longestWaitNs[i], t - waitStartNs[i] + stepNs);
                } else {
                    waitStartNs[i] = -1;
                    served[i]++;
                    running++;
                }
            }
            assertEquals(2, running, "two minimums fit");
        }
        for (int i = 0; i < 3; i++) {
            assertEquals(240, served[i], 15, "charger " + i + " served " + served[i] + " of 360 minutes");
            assertTrue(longestWaitNs[i] <= ROTATE_NS, "charger " + i + " waited " + longestWaitNs[i] / 60e9 + " min");
        }
    }

    @Test
    void shouldNeverStarveAnyoneWhenSlotsAreFewerThanChargers() {
        qt().withFixedSeed(SEED)
            .forAll(integers().between(2, 5), integers().between(1, 4))
            .assuming((chargers, slots) -> slots < chargers)
            .checkAssert((chargers, slots) -> {
                ShareAllocator sharing = ShareAllocator.create(chargers);
                for (int i = 0; i < chargers; i++) {
                    sharing.demand(i, true, ShareAllocator.ALL_PHASES, 6, 16, 5);
                }
                double headroom = 6.0 * slots + 0.5;
                long stepNs = TimeUnit.MINUTES.toNanos(1);
                long[] waitStartNs = new long[chargers];
                java.util.Arrays.fill(waitStartNs, -1);
                long longestWaitNs = 0;
                long turnsToWait = (chargers - slots + slots - 1) / slots;
                for (long t = 0; t < TimeUnit.HOURS.toNanos(12); t += stepNs) {
                    sharing.allocate(t, new double[] {headroom, headroom, headroom}, ROTATE_NS);
                    for (int i = 0; i < chargers; i++) {
                        if (sharing.paused(i)) {
                            waitStartNs[i] = waitStartNs[i] < 0 ? t : waitStartNs[i];
                            longestWaitNs = Math.max(longestWaitNs, t - waitStartNs[i] + stepNs);
                        } else {
                            waitStartNs[i] = -1;
                        }
                    }
                }
                assertTrue(longestWaitNs <= turnsToWait * ROTATE_NS,
                        chargers + " chargers, " + slots + " slots: a wait of " + longestWaitNs / 60e9 + " min");
            });
    }
}
