package me.napolni.dinamics.host.internal;

import me.napolni.dinamics.core.time.NanoClock;

/** The simulation's clock: real monotonic time, sped up by a factor. */
public final class SimClock implements NanoClock {

    private final double speed;
    private final long originNs = System.nanoTime();

    /**
     * Creates a clock.
     *
     * @param speed simulated seconds per real second, positive
     */
    public SimClock(double speed) {
        if (!(speed > 0)) {
            throw new IllegalArgumentException("speed must be positive: " + speed);
        }
        this.speed = speed;
    }

    @Override
    public long nanoTime() {
        return (long) ((System.nanoTime() - originNs) * speed);
    }

    /**
     * Returns the factor.
     *
     * @return simulated seconds per real second
     */
    public double speed() {
        return speed;
    }
}
