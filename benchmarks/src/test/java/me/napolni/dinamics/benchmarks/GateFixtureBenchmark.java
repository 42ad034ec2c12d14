package me.napolni.dinamics.benchmarks;

/**
 * The benchmarks named by the hand-made JMH results in {@code src/test/resources/gate/}: only their
 * {@link Against} rules matter to the gate, so they are plain methods (no JMH code is generated for them).
 */
class GateFixtureBenchmark {

    public int naive() {
        return 1;
    }

    @Against(baseline = "naive")
    public int fast() {
        return 2;
    }

    public int floor() {
        return 3;
    }

    @Against(baseline = "floor", mustBeFaster = false)
    public int hotFloored() {
        return 4;
    }

    @Against(baseline = "naive", mustBeFaster = false, allocationFree = false)
    public int allocating() {
        return 5;
    }
}
