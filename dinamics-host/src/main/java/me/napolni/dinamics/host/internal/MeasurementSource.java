package me.napolni.dinamics.host.internal;

import java.io.IOException;

/**
 * Where mains readings come from: a CT front-end, an MQTT meter topic, a Modbus meter or the simulated house.
 *
 * <p>A source runs on its own thread(s), stamps every reading with the gateway's clock and writes it into
 * {@link MainsReadings}; it survives a lost device by retrying, and stops writing when it has nothing fresh, so the
 * readings age and the control loop falls to its failsafe.
 */
public interface MeasurementSource extends AutoCloseable {

    /**
     * Starts delivering readings.
     *
     * @param sink where readings go
     * @throws IOException when the source cannot start at all (a later loss is retried, not thrown)
     */
    void start(MainsReadings sink) throws IOException;

    /**
     * Applies a new CT calibration (raw-sample sources only).
     *
     * @param calibration the {@code calibration} setting
     */
    default void calibration(int calibration) {
    }

    /**
     * Describes the source for logs.
     *
     * @return e.g. {@code modbus sdm630 tcp://10.0.0.5:502}
     */
    String description();

    /** Stops the source's threads and releases its device. */
    @Override
    void close();
}
