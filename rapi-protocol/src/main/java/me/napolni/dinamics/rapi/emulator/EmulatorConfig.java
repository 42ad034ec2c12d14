package me.napolni.dinamics.rapi.emulator;

import java.util.function.LongSupplier;

/**
 * How an {@link EvseEmulator} is built: firmware strings, capacity limits, the build's optional commands, boot
 * duration and the clock. Immutable; start from {@link #defaults()}.
 * <pre>{@code
 * AtomicLong nowNs = new AtomicLong();
 * EmulatorConfig config = EmulatorConfig.defaults().withClock(nowNs::get).withLimitCommands(true);
 * }</pre>
 *
 * @param firmware           the firmware string of {@code $GV} and {@code $AB}
 * @param rapiVersion        the RAPI version of {@code $GV}
 * @param hwMaxAmps          the hardware maximum of the L2 service level
 * @param cfgMaxAmps         the configured maximum (EEPROM) at first power-up
 * @param defaultMilliVolts  the voltage after every restart, until {@code $SV}
 * @param limitCommands      whether the build has TIME_LIMIT and CHARGE_LIMIT ({@code $S3 $G3 $SH $GH})
 * @param bootLock           whether the build has BOOTLOCK ({@code $SB}, vflag 0x4000 after boot)
 * @param bootDurationMs     emulated time from {@code $FR} to {@code $AB}
 * @param clockNs            the time source in nanoseconds (a manual clock in tests)
 * @param pollMs             how often the emulator's thread looks at the clock while the link is quiet
 */
public record EmulatorConfig(String firmware, String rapiVersion, int hwMaxAmps, int cfgMaxAmps,
                             int defaultMilliVolts, boolean limitCommands, boolean bootLock, long bootDurationMs,
                             LongSupplier clockNs, long pollMs) {
    /** The default firmware string (a current 8.x release). */
    public static final String DEFAULT_FIRMWARE = "8.2.3";
    /** The default RAPI version. */
    public static final String DEFAULT_RAPI_VERSION = "5.2.1";

    /**
     * Checks the values.
     *
     * @param firmware see the record description
     * @param rapiVersion see the record description
     * @param hwMaxAmps see the record description
     * @param cfgMaxAmps see the record description
     * @param defaultMilliVolts see the record description
     * @param limitCommands see the record description
     * @param bootLock see the record description
     * @param bootDurationMs see the record description
     * @param clockNs see the record description
     * @param pollMs see the record description
     * @throws IllegalArgumentException if a limit or duration is out of range
     */
    public EmulatorConfig {
        if (hwMaxAmps < 6 || hwMaxAmps > 80 || cfgMaxAmps < 6 || cfgMaxAmps > hwMaxAmps) {
            throw new IllegalArgumentException("need 6 <= cfgMaxAmps <= hwMaxAmps <= 80");
        }
        if (bootDurationMs < 0 || pollMs < 1 || defaultMilliVolts < 0) {
            throw new IllegalArgumentException("durations and voltage must not be negative");
        }
        if (firmware.isEmpty() || firmware.contains(" ") || rapiVersion.isEmpty() || rapiVersion.contains(" ")) {
            throw new IllegalArgumentException("version strings must be non-empty words");
        }
    }

    /**
     * A standard US 8.2.3 build: L2 hwmax 80 A, cfgmax 32 A, 240 V, no limit commands, no boot lock, 500 ms boot,
     * the system clock, 20 ms polls.
     *
     * @return the defaults
     */
    public static EmulatorConfig defaults() {
        return new EmulatorConfig(DEFAULT_FIRMWARE, DEFAULT_RAPI_VERSION, 80, 32, 240_000, false, false, 500,
                System::nanoTime, 20);
    }

    /**
     * A copy with another clock.
     *
     * @param clock nanoseconds, e.g. a manual clock's reader
     * @return the new config
     */
    public EmulatorConfig withClock(LongSupplier clock) {
        return new EmulatorConfig(firmware, rapiVersion, hwMaxAmps, cfgMaxAmps, defaultMilliVolts, limitCommands,
                bootLock, bootDurationMs, clock, pollMs);
    }

    /**
     * A copy with other version strings.
     *
     * @param firmwareVersion the firmware, e.g. {@code 7.1.3}
     * @param rapi            the RAPI version, e.g. {@code 5.1.3}
     * @return the new config
     */
    public EmulatorConfig withVersions(String firmwareVersion, String rapi) {
        return new EmulatorConfig(firmwareVersion, rapi, hwMaxAmps, cfgMaxAmps, defaultMilliVolts, limitCommands,
                bootLock, bootDurationMs, clockNs, pollMs);
    }

    /**
     * A copy with other capacity limits.
     *
     * @param hwMax  hardware maximum, 6..80
     * @param cfgMax configured maximum, 6..hwMax
     * @return the new config
     */
    public EmulatorConfig withCapacity(int hwMax, int cfgMax) {
        return new EmulatorConfig(firmware, rapiVersion, hwMax, cfgMax, defaultMilliVolts, limitCommands, bootLock,
                bootDurationMs, clockNs, pollMs);
    }

    /**
     * A copy with or without the TIME_LIMIT and CHARGE_LIMIT commands.
     *
     * @param on true for an Arduino-IDE style build that has them
     * @return the new config
     */
    public EmulatorConfig withLimitCommands(boolean on) {
        return new EmulatorConfig(firmware, rapiVersion, hwMaxAmps, cfgMaxAmps, defaultMilliVolts, on, bootLock,
                bootDurationMs, clockNs, pollMs);
    }

    /**
     * A copy with or without the boot lock.
     *
     * @param on true for a BOOTLOCK build
     * @return the new config
     */
    public EmulatorConfig withBootLock(boolean on) {
        return new EmulatorConfig(firmware, rapiVersion, hwMaxAmps, cfgMaxAmps, defaultMilliVolts, limitCommands,
                on, bootDurationMs, clockNs, pollMs);
    }

    /**
     * A copy with another boot duration.
     *
     * @param durationMs emulated milliseconds from {@code $FR} to {@code $AB}, 0 or more
     * @return the new config
     */
    public EmulatorConfig withBootDurationMs(long durationMs) {
        return new EmulatorConfig(firmware, rapiVersion, hwMaxAmps, cfgMaxAmps, defaultMilliVolts, limitCommands,
                bootLock, durationMs, clockNs, pollMs);
    }
}
