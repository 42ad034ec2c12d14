package me.napolni.dinamics.core.sampling;

/**
 * A straightforward one-sample-at-a-time port of emonLib's {@code calcIrms}, for one CT.
 *
 * <p>It is the reference that {@link RmsMeter} is checked and benchmarked against: each step is written the way
 * the library writes it, with a division by 1024 and the ratio recomputed on every call. The DC offset starts at
 * 2048 and persists across calls; the sum of squares is reset per call.
 */
public final class EmonLibRmsBaseline {

    private final double ical;
    private double offset = RmsMeter.INITIAL_OFFSET_COUNTS;

    /**
     * Creates a channel.
     *
     * @param calibration the product's calibration value, for example 277 ({@code ical} = calibration / 10.0)
     */
    public EmonLibRmsBaseline(int calibration) {
        this.ical = calibration / 10.0;
    }

    /**
     * Computes the RMS current of one call.
     *
     * @param samples raw 12-bit ADC counts (read as unsigned 16-bit)
     * @param from index of the first sample
     * @param count number of samples, at least 1
     * @return amps RMS
     */
    public double calcIrms(short[] samples, int from, int count) {
        double sumI = 0;
        for (int n = 0; n < count; n++) {
            int sampleI = samples[from + n] & 0xFFFF;
            offset = offset + (sampleI - offset) / 1024;
            double filteredI = sampleI - offset;
            double sqI = filteredI * filteredI;
            sumI += sqI;
        }
        double ratio = ical * ((3300 / 1000.0) / 4096);
        return ratio * Math.sqrt(sumI / count);
    }

    /**
     * Returns the DC offset estimate carried to the next call.
     *
     * @return ADC counts
     */
    public double offsetCounts() {
        return offset;
    }
}
