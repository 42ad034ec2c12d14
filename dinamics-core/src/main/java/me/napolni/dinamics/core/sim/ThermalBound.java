package me.napolni.dinamics.core.sim;

/**
 * What any law could charge on one day × car × rating while the breaker model stays at or below a thermal peak:
 * a proven upper bound, and a feasible plan that shows how tight it is.
 *
 * <p><b>The problem.</b> Step k (100 ms) has the house current h<sub>p,k</sub> ≥ 0 of its second and a car
 * current c<sub>k</sub> ∈ [0, car max] on the car's phases (setpoints are 0 or ≥ 6 A, but a car's pause ramp
 * passes through (0, 6) A, so the bound allows any current up to the car's maximum); the breaker model of
 * SCENARIO.md §3 gives θ<sub>p,k</sub> = a·θ<sub>p,k−1</sub> + b·(h<sub>p,k</sub> + c<sub>k</sub>)², b = 1 − a, from
 * θ<sub>p,−1</sub> = h<sub>p,0</sub>². OPT is the largest Σ c<sub>k</sub> with θ<sub>p,k</sub> ≤ L = (p/100)·(1.13·In)²
 * on every car phase and step. Every law of the scenario produces such a sequence (its car is slower, its current
 * is the same on its phases, it sees less), so a law whose thermal peak is ≤ p % charges at most OPT; this
 * relaxation has perfect foresight, an instant car and continuous amps. The phases the car does not use carry the
 * house alone, which no law changes, so their constraints are left out (a relaxation again).
 *
 * <p><b>Why {@link #upperKwh()} bounds every law (weak Lagrangian duality).</b> θ<sub>p,k</sub> = a<sup>k+1</sup>
 * θ<sub>p,−1</sub> + b·Σ<sub>j≤k</sub> a<sup>k−j</sup> x<sub>p,j</sub>², x = h + c. For any multipliers
 * λ<sub>p,k</sub> ≥ 0 and any feasible c, Σ c ≤ Σ c − Σ λ<sub>p,k</sub>(θ<sub>p,k</sub> − L) = Σ<sub>j</sub>
 * [c<sub>j</sub> − Σ<sub>p</sub> μ<sub>p,j</sub> x<sub>p,j</sub>²] + Σ λ<sub>p,k</sub>(L − a<sup>k+1</sup>
 * θ<sub>p,−1</sub>), with μ<sub>p,j</sub> = b·Σ<sub>k≥j</sub> a<sup>k−j</sup> λ<sub>p,k</sub>. The right side
 * separates by step; maximising each step's term over [0, max] (a concave quadratic: its clipped vertex) gives
 * g(λ) ≥ OPT whatever λ is (weak duality needs no convexity). The class improves λ by projected
 * subgradient steps (Polyak's rule aimed at the feasible plan) and keeps the smallest g seen: the number of steps
 * only changes how tight the bound is, never its validity. Multipliers sit only on steps where even the car's
 * maximum would break L (elsewhere the constraint cannot bind, as θ grows with c when h ≥ 0).
 *
 * <p><b>The feasible plan</b> ({@link #feasibleKwh()}, a lower bound on OPT): going backwards, the highest θ from
 * which the rest of the day stays ≤ L with the car off; going forwards, the largest c ∈ {0} ∪ [6 A, car max]
 * that keeps θ under that envelope (a setpoint sequence an instant car could follow). OPT lies between the two
 * figures. Deterministic; the work is at most about {@value #ITERATIONS} × 4 passes over the day.
 */
public final class ThermalBound {

    /** The thermal peak of SCENARIO's goal, percent of (1.13·In)². */
    public static final double GOAL_PEAK_PCT = 95.0;
    /** How many dual improvement steps are taken at most. */
    public static final int ITERATIONS = 50;
    /** The dual steps stop once the bound is within this of the feasible plan, A·s. */
    public static final double CLOSE_ENOUGH_AMP_SECONDS = 0.5;

    private static final int REPAIR_EVERY = 8;
    private static final double STEP_S = 0.1;
    private static final double A = BreakerModel.DECAY_PER_STEP;
    private static final double B = 1.0 - BreakerModel.DECAY_PER_STEP;

    private final double upperAmpSeconds;
    private final double feasibleAmpSeconds;
    private final double kwhPerAmpSecond;

    private ThermalBound(double upperAmpSeconds, double feasibleAmpSeconds, double kwhPerAmpSecond) {
        this.upperAmpSeconds = upperAmpSeconds;
        this.feasibleAmpSeconds = feasibleAmpSeconds;
        this.kwhPerAmpSecond = kwhPerAmpSecond;
    }

    /**
     * Computes the bound of one case.
     *
     * @param day the house
     * @param car the car profile
     * @param ratingAmps In per phase
     * @param peakPct the thermal peak not to exceed, percent of (1.13·In)² (0 &lt; peakPct)
     * @return the bound; both figures are {@link ScenarioMetrics#NOT_APPLICABLE} when the house alone already
     *     exceeds the peak on a car phase (no law can meet it)
     * @throws IllegalArgumentException if the peak is not positive
     */
    public static ThermalBound of(HouseholdDay day, CarProfile car, double ratingAmps, double peakPct) {
        if (!(peakPct > 0.0)) {
            throw new IllegalArgumentException("peakPct must be positive: " + peakPct);
        }
        double limit = BreakerModel.NON_TRIP_FACTOR * ratingAmps;
        double kwhPerAs = Scenario.VOLTS * car.phaseCount() / Scenario.JOULES_PER_KWH;
        return new Solver(day, car, peakPct / 100.0 * limit * limit).solve(kwhPerAs);
    }

    /**
     * Returns the upper bound: no law whose thermal peak stays at or below the given percentage charges more.
     *
     * @return kWh, or {@link ScenarioMetrics#NOT_APPLICABLE}
     */
    public double upperKwh() {
        return upperAmpSeconds * kwhPerAmpSecond;
    }

    /**
     * Returns the energy of a feasible plan (perfect foresight) that keeps the peak: the bound is at most this
     * far from the best possible.
     *
     * @return kWh, or {@link ScenarioMetrics#NOT_APPLICABLE}
     */
    public double feasibleKwh() {
        return feasibleAmpSeconds * kwhPerAmpSecond;
    }

    /**
     * Returns the upper bound in car amp-seconds (per car phase).
     *
     * @return A·s, or {@link ScenarioMetrics#NOT_APPLICABLE}
     */
    public double upperAmpSeconds() {
        return upperAmpSeconds;
    }

    /**
     * Returns the feasible plan's car amp-seconds (per car phase).
     *
     * @return A·s, or {@link ScenarioMetrics#NOT_APPLICABLE}
     */
    public double feasibleAmpSeconds() {
        return feasibleAmpSeconds;
    }

    /** The working arrays of one computation. */
    private static final class Solver {
        private final int steps;
        private final int[] phases;
        private final double[][] house;
        private final double maxAmps;
        private final double limitSq;
        private final double[] thetaStart;
        private final double[] plan;
        private final double[][] lambda;
        private final boolean[][] hot;
        private final double[][] envelope;
        private int lastHot = -1;

        Solver(HouseholdDay day, CarProfile car, double limitSq) {
            this.steps = day.seconds() * Scenario.STEPS_PER_SECOND;
            int count = car.phaseCount();
            this.phases = new int[count];
            int i = 0;
            for (int phase = 0; phase < 3; phase++) {
                if (car.usesPhase(phase)) {
                    phases[i++] = phase;
                }
            }
            this.house = new double[count][day.seconds()];
            this.thetaStart = new double[count];
            for (int q = 0; q < count; q++) {
                for (int second = 0; second < day.seconds(); second++) {
                    house[q][second] = Math.max(0.0, day.amps(phases[q], second));
                }
                thetaStart[q] = day.seconds() > 0 ? house[q][0] * house[q][0] : 0.0;
            }
            this.maxAmps = car.maxAmps();
            this.limitSq = limitSq;
            this.plan = new double[steps];
            this.lambda = new double[count][steps];
            this.hot = new boolean[count][steps];
            this.envelope = new double[count][steps];
        }

        private double h(int q, int step) {
            return house[q][step / Scenario.STEPS_PER_SECOND];
        }

        ThermalBound solve(double kwhPerAs) {
            if (!envelope()) {
                return new ThermalBound(ScenarioMetrics.NOT_APPLICABLE, ScenarioMetrics.NOT_APPLICABLE, kwhPerAs);
            }
            double feasible = greedy(false);
            markHot();
            double full = maxAmps * steps;
            if (lastHot < 0) {
                return new ThermalBound(full * STEP_S, full * STEP_S, kwhPerAs);
            }
            double best = full;
            double scale = 1.0;
            int sinceBetter = 0;
            for (int iteration = 0; iteration < ITERATIONS; iteration++) {
                double g = dual();
                if (iteration % REPAIR_EVERY == 0 || iteration == ITERATIONS - 1) {
                    feasible = Math.max(feasible, greedy(true));
                }
                if (g < best - 1e-9) {
                    best = g;
                    sinceBetter = 0;
                } else if (++sinceBetter >= 8) {
                    scale *= 0.5;
                    sinceBetter = 0;
                }
                if (best - feasible <= CLOSE_ENOUGH_AMP_SECONDS / STEP_S) {
                    break;
                }
                double norm = walk(false, 0.0);
                if (norm == 0.0) {
                    break;      // the dual's plan is feasible and complementary: g is optimal
                }
                double stepSize = scale * Math.max(g - feasible, 1e-9) / norm;
                walk(true, stepSize);
            }
            return new ThermalBound(Math.max(best, feasible) * STEP_S, feasible * STEP_S, kwhPerAs);
        }

        /** Fills the backward envelope; false when the house alone breaks the limit. */
        private boolean envelope() {
            for (int q = 0; q < phases.length; q++) {
                double next = limitSq;
                envelope[q][steps - 1] = limitSq;
                for (int k = steps - 2; k >= 0; k--) {
                    double hh = h(q, k + 1);
                    next = Math.min(limitSq, (next - B * hh * hh) / A);
                    envelope[q][k] = next;
                }
                double h0 = h(q, 0);
                if (A * thetaStart[q] + B * h0 * h0 > envelope[q][0]) {
                    return false;
                }
            }
            return true;
        }

        /**
         * A feasible plan: each step the largest c ∈ {0} ∪ [6, max] that keeps θ under the envelope, at most the
         * dual's plan when asked (the dual's plan repaired) or the car's maximum.
         */
        private double greedy(boolean capByPlan) {
            int count = phases.length;
            double[] theta = thetaStart.clone();
            double total = 0.0;
            for (int k = 0; k < steps; k++) {
                double c = capByPlan ? plan[k] : maxAmps;
                for (int q = 0; q < count; q++) {
                    double room = (envelope[q][k] - A * theta[q]) / B;
                    c = Math.min(c, Math.sqrt(Math.max(0.0, room)) - h(q, k));
                }
                if (c < ChargerModel.MIN_SETPOINT_AMPS) {
                    c = 0.0;
                }
                for (int q = 0; q < count; q++) {
                    double x = h(q, k) + c;
                    theta[q] = A * theta[q] + B * x * x;
                }
                total += c;
            }
            return total;
        }

        private void markHot() {
            for (int q = 0; q < phases.length; q++) {
                double theta = thetaStart[q];
                for (int k = 0; k < steps; k++) {
                    double x = h(q, k) + maxAmps;
                    theta = A * theta + B * x * x;
                    if (theta > limitSq) {
                        hot[q][k] = true;
                        lastHot = Math.max(lastHot, k);
                    }
                }
            }
        }

        /** g(λ) in amp-steps; fills {@link #plan} with the maximiser. */
        private double dual() {
            int count = phases.length;
            double[] mu = new double[count];
            double g = maxAmps * (steps - 1 - lastHot);
            double constant = 0.0;
            for (int q = 0; q < count; q++) {
                double decay = 1.0;     // a^(k+1)
                for (int k = 0; k <= lastHot; k++) {
                    decay *= A;
                    if (lambda[q][k] != 0.0) {
                        constant += lambda[q][k] * (limitSq - decay * thetaStart[q]);
                    }
                }
            }
            for (int k = steps - 1; k > lastHot; k--) {
                plan[k] = maxAmps;
            }
            for (int k = lastHot; k >= 0; k--) {
                double m = 0.0;
                double lin = 0.0;
                double sq = 0.0;
                for (int q = 0; q < count; q++) {
                    mu[q] = A * mu[q] + B * lambda[q][k];
                    double hh = h(q, k);
                    m += mu[q];
                    lin += mu[q] * hh;
                    sq += mu[q] * hh * hh;
                }
                double c;
                double value;
                if (m == 0.0) {
                    c = maxAmps;
                    value = maxAmps;
                } else {
                    // the concave quadratic's maximum over [0, max] is at its clipped vertex
                    c = Math.min(maxAmps, Math.max(0.0, (1.0 - 2.0 * lin) / (2.0 * m)));
                    value = c - m * c * c - 2.0 * lin * c - sq;
                }
                plan[k] = c;
                g += value;
            }
            return g + constant;
        }

        /**
         * Walks each phase's θ under the dual's plan and returns the squared norm of the projected subgradient; with
         * {@code move}, also moves every hot step's multiplier by {@code stepSize} along it (kept ≥ 0). Polyak's step
         * needs the norm before the move, so an iteration walks twice rather than hold another θ array.
         */
        private double walk(boolean move, double stepSize) {
            double norm = 0.0;
            for (int q = 0; q < phases.length; q++) {
                double theta = thetaStart[q];
                for (int k = 0; k <= lastHot; k++) {
                    double x = h(q, k) + plan[k];
                    theta = A * theta + B * x * x;
                    if (hot[q][k]) {
                        double s = theta - limitSq;
                        if (s > 0.0 || lambda[q][k] > 0.0) {
                            norm += s * s;
                        }
                        if (move) {
                            lambda[q][k] = Math.max(0.0, lambda[q][k] + stepSize * s);
                        }
                    }
                }
            }
            return norm;
        }
    }
}
