package me.napolni.dinamics.host.internal;

import me.napolni.dinamics.core.sampling.RmsMeter;
import me.napolni.dinamics.core.time.NanoClock;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;

/**
 * Raw CT samples from a microcontroller front-end on a serial line, framed as {@link AdcFrameDecoder} describes,
 * measured by {@link RmsMeter} exactly as emonLib does.
 *
 * <p>Each good frame gives one reading of its phase, stamped when it was decoded. A vanished device is reopened
 * after a pause; meanwhile the readings age and the loop's failsafe acts. A USB CDC front-end or a pty needs no line
 * settings, so the device is read as a file; a UART adapter is set up beforehand ({@code stty -F DEV 921600 raw}).
 */
public final class AdcStreamSource implements MeasurementSource {

    /** Opens the byte stream; called again after a loss. */
    @FunctionalInterface
    public interface Opener {
        /**
         * Opens the stream.
         *
         * @return the stream
         * @throws IOException when the device is not there
         */
        InputStream open() throws IOException;
    }

    private static final System.Logger LOG = System.getLogger(AdcStreamSource.class.getName());
    private static final long REOPEN_PAUSE_MS = 1_000;

    private final String name;
    private final Opener opener;
    private final NanoClock clock;
    private final RmsMeter meter;
    private volatile boolean running;
    private volatile InputStream stream;
    private Thread thread;

    /**
     * Creates a source.
     *
     * @param name the device, for logs
     * @param opener opens the byte stream
     * @param calibration the CT calibration setting
     * @param clock the gateway's clock
     */
    public AdcStreamSource(String name, Opener opener, int calibration, NanoClock clock) {
        this.name = name;
        this.opener = opener;
        this.clock = clock;
        this.meter = RmsMeter.create(RmsMeter.MAX_PHASES, calibration);
    }

    /**
     * Creates a source that reads a device file.
     *
     * @param device e.g. {@code /dev/ttyACM0}
     * @param calibration the CT calibration setting
     * @param clock the gateway's clock
     * @return the source
     */
    public static AdcStreamSource ofDevice(String device, int calibration, NanoClock clock) {
        return new AdcStreamSource(device, () -> new FileInputStream(device), calibration, clock);
    }

    @Override
    public void start(MainsReadings sink) {
        running = true;
        AdcFrameDecoder decoder = new AdcFrameDecoder((phase, seq, samples, count) ->
                sink.amps(phase, meter.measure(phase, samples, 0, count), clock.nanoTime()));
        thread = new Thread(() -> readLoop(decoder), "adc-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    private void readLoop(AdcFrameDecoder decoder) {
        byte[] buffer = new byte[4096];
        boolean reported = false;
        while (running) {
            try (InputStream in = opener.open()) {
                stream = in;
                LOG.log(Level.INFO, "ADC front-end " + name + " open");
                reported = false;
                int read;
                while (running && (read = in.read(buffer)) >= 0) {
                    decoder.accept(buffer, 0, read);
                }
            } catch (IOException e) {
                if (running && !reported) {
                    LOG.log(Level.WARNING, "ADC front-end " + name + " lost: " + e.getMessage() + "; retrying");
                    reported = true;
                }
            }
            if (running) {
                pause();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(REOPEN_PAUSE_MS);   // back-off before reopening a vanished device
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void calibration(int calibration) {
        meter.calibration(calibration);
    }

    @Override
    public String description() {
        return "adc " + name;
    }

    @Override
    public void close() {
        running = false;
        InputStream in = stream;
        if (in != null) {
            try {
                in.close();
            } catch (IOException e) {
                // closing is best effort
            }
        }
        if (thread != null) {
            thread.interrupt();
        }
    }
}
