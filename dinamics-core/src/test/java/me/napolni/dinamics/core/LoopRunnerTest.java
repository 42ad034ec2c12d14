package me.napolni.dinamics.core;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import me.napolni.dinamics.core.time.ManualClock;
import org.junit.jupiter.api.Test;

class LoopRunnerTest {

    private static final long PERIOD_NS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    /** Records the times it was called with; throws on the passes it is told to. */
    private static final class Recorder implements DutyCycle {
        final List<Long> times = new CopyOnWriteArrayList<>();
        final List<String> events = new CopyOnWriteArrayList<>();
        final CountDownLatch closed = new CountDownLatch(1);
        volatile boolean failing;

        @Override
        public String roleName() {
            return "recorder";
        }

        @Override
        public void onStart() {
            events.add("start");
        }

        @Override
        public int doWork(long nowNs) {
            times.add(nowNs);
            if (failing) {
                throw new IllegalStateException("boom");
            }
            return 1;
        }

        @Override
        public void onError(RuntimeException error) {
            events.add("error " + error.getMessage());
        }

        @Override
        public void onClose() {
            events.add("close");
            closed.countDown();
        }
    }

    @Test
    void shouldRunOnePassPerPeriodOfInjectedClock() throws InterruptedException {
        ManualClock clock = new ManualClock(5_000L);
        Recorder recorder = new Recorder();
        try (LoopRunner runner = LoopRunner.start(recorder, clock, PERIOD_NS)) {
            await().atMost(PATIENCE).until(() -> recorder.times.size() == 1);
            for (int n = 1; n <= 3; n++) {
                clock.advanceNs(PERIOD_NS);
                int expected = n + 1;
                await().atMost(PATIENCE).until(() -> recorder.times.size() >= expected);
            }
            assertEquals(4, recorder.times.size(), "no pass without the clock moving");
            assertEquals(List.of(5_000L, 5_000L + PERIOD_NS, 5_000L + 2 * PERIOD_NS, 5_000L + 3 * PERIOD_NS),
                    recorder.times);
            assertEquals(4, runner.passCount());
        }
        assertTrue(recorder.closed.await(20, TimeUnit.SECONDS));
        assertEquals(List.of("start", "close"), recorder.events);
    }

    @Test
    void shouldCountErrorsAndGoOnWhenPassThrows() throws InterruptedException {
        ManualClock clock = new ManualClock();
        Recorder recorder = new Recorder();
        recorder.failing = true;
        LoopRunner runner = LoopRunner.start(recorder, clock, PERIOD_NS);
        await().atMost(PATIENCE).until(() -> runner.errorCount() == 1);
        clock.advanceNs(PERIOD_NS);
        await().atMost(PATIENCE).until(() -> runner.errorCount() == 2);
        recorder.failing = false;
        clock.advanceNs(PERIOD_NS);
        await().atMost(PATIENCE).until(() -> recorder.times.size() == 3);
        assertEquals(2, runner.errorCount());
        assertEquals("boom", runner.lastError().getMessage());
        assertTrue(runner.isRunning());
        runner.close();
        assertTrue(recorder.closed.await(20, TimeUnit.SECONDS));
        assertFalse(runner.isRunning());
        assertEquals(List.of("start", "error boom", "error boom", "close"), recorder.events);
    }

    @Test
    void shouldSkipMissedPassesWhenClockJumps() {
        ManualClock clock = new ManualClock();
        Recorder recorder = new Recorder();
        try (LoopRunner runner = LoopRunner.start(recorder, clock, PERIOD_NS)) {
            await().atMost(PATIENCE).until(() -> recorder.times.size() == 1);
            clock.advanceNs(10 * PERIOD_NS);
            await().atMost(PATIENCE).until(() -> recorder.times.size() == 2);
            clock.advanceNs(PERIOD_NS - 1);
            clock.advanceNs(1);
            await().atMost(PATIENCE).until(() -> recorder.times.size() == 3);
            assertEquals(3, runner.passCount(), "one pass after the jump, not ten");
        }
    }
}
