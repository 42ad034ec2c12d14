package me.napolni.dinamics.host.internal;

import me.napolni.dinamics.core.sim.CarProfile;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The simulated site's options that {@code replay} and {@code simulate} share (a picocli mixin): the main breaker
 * and the car, with their checks.
 */
final class SiteOptions {

    /** The lowest breaker rating accepted, amps. */
    static final int MIN_BREAKER_AMPS = 6;
    /** The highest breaker rating accepted, amps. */
    static final int MAX_BREAKER_AMPS = 100;

    @Option(names = "--breaker", paramLabel = "A", defaultValue = "25",
            description = "Main breaker rating per phase, 6..100 A (default ${DEFAULT-VALUE}).")
    private int breakerAmps;

    @Option(names = "--car", paramLabel = "3p16|1p32", defaultValue = "3p16",
            description = "The car: three-phase 16 A or single-phase 32 A (default ${DEFAULT-VALUE}).")
    private String car;

    /**
     * Returns the breaker rating once checked.
     *
     * @param line the command, for the usage error
     * @return amps per phase, 6..100
     * @throws CommandLine.ParameterException if it is out of range
     */
    int breakerAmps(CommandLine line) {
        if (breakerAmps < MIN_BREAKER_AMPS || breakerAmps > MAX_BREAKER_AMPS) {
            throw new CommandLine.ParameterException(line, "--breaker must be 6..100 A, not " + breakerAmps);
        }
        return breakerAmps;
    }

    /**
     * Returns the car's profile.
     *
     * @param line the command, for the usage error
     * @return the profile named by {@code --car}
     * @throws CommandLine.ParameterException if no profile has that id
     */
    CarProfile carProfile(CommandLine line) {
        try {
            return CarProfile.byId(car);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(line, "--car must be 3p16 or 1p32, not '" + car + "'");
        }
    }
}
