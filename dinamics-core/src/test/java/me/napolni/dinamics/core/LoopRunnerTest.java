package me.napolni.dinamics.core;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

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

    @Test
    void shouldReportPassIntervalPercentilesWhenClockMovesUnevenly() {
        ManualClock clock = new ManualClock();
        Recorder recorder = new Recorder();
        try (LoopRunner runner = LoopRunner.start(recorder, clock, PERIOD_NS)) {
            await().atMost(PATIENCE).until(() -> recorder.times.size() == 1);
            assertEquals(LoopRunner.PassIntervals.NONE, runner.passIntervals(), "one pass is no interval yet");
            // 90 on time, 9 twice as long, 1 seven times as long: p50 one period, p99 two, max seven
            for (int n = 1; n <= 100; n++) {
                long step = n <= 90 ? PERIOD_NS : n <= 99 ? 2 * PERIOD_NS : 7 * PERIOD_NS;
                clock.advanceNs(step);
                int expected = n + 1;
                await().atMost(PATIENCE).pollInterval(Duration.ofMillis(1))
                        .until(() -> recorder.times.size() >= expected);
            }
            LoopRunner.PassIntervals intervals = runner.passIntervals();
            assertEquals(100, intervals.count());
            assertWithinBucket(PERIOD_NS, intervals.p50Ns());
            assertWithinBucket(2 * PERIOD_NS, intervals.p99Ns());
            assertEquals(7 * PERIOD_NS, intervals.maxNs());
        }
    }

    @Test
    void shouldBucketEveryIntervalWithinItsResolutionWhenRecorded() {
        qt().withFixedSeed(20261130L)
                .forAll(longs().between(0, TimeUnit.DAYS.toNanos(10)))
                .checkAssert(ns -> {
                    int bucket = LoopRunner.bucketOf(ns);
                    long upperNs = LoopRunner.bucketUpperUs(bucket) * 1_000 + 999;
                    assertTrue(upperNs >= ns, ns + " ns above its bucket's edge " + upperNs);
                    assertTrue(upperNs - ns <= ns / LoopRunner.SUB_BUCKETS + 1_000, ns + " ns: edge " + upperNs);
                    if (bucket > 0) {
                        long previousUpperNs = LoopRunner.bucketUpperUs(bucket - 1) * 1_000 + 999;
                        assertTrue(previousUpperNs < ns, ns + " ns belongs in an earlier bucket");
                    }
                });
    }

    private static void assertWithinBucket(long expectedNs, long actualNs) {
        assertTrue(actualNs >= expectedNs && actualNs <= expectedNs + expectedNs / LoopRunner.SUB_BUCKETS,
                "expected about " + expectedNs + " ns, got " + actualNs);
    }
}
