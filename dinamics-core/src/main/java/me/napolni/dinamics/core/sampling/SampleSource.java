package me.napolni.dinamics.core.sampling;

import java.io.IOException;

/**
 * Delivers raw 12-bit CT samples in blocks, one array per phase, to be measured by {@link RmsMeter}.
 * <pre>
 *   short[][] blocks = new short[source.phaseCount()][1480];    // owned and reused by the caller
 *   int count;
 *   while ((count = source.read(blocks, 1480)) != SampleSource.END_OF_STREAM) {
 *       meter.measureBlocks(blocks, 0, count, amps);
 *   }
 * </pre>
 * Implementations: a serial front-end and a file replay (in the host) and {@link SyntheticCtWaveform}.
 */
public interface SampleSource extends AutoCloseable {

    /** What {@link #read} returns when no more samples will come. */
    int END_OF_STREAM = -1;

    /**
     * Returns the number of phases delivered.
     *
     * @return 1..3
     */
    int phaseCount();

    /**
     * Returns the sampling rate within a block.
     *
     * @return samples per second per phase
     */
    int sampleRateHz();

    /**
     * Fills the next block of every phase, without allocating.
     *
     * @param blocks one array per phase, at least {@link #phaseCount()}, each with room for {@code count}
     * @param count samples wanted per phase, at least 1
     * @return the samples delivered per phase (1..count), from index 0 of every block; or {@link #END_OF_STREAM}
     * @throws IOException when the underlying device or file fails
     */
    int read(short[][] blocks, int count) throws IOException;

    /**
     * Releases the source; the default does nothing.
     *
     * @throws IOException when releasing fails
     */
    @Override
    default void close() throws IOException {
    }
}
