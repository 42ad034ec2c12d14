package me.napolni.dinamics.web;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * How the web server listens, who may use it and how much it keeps. Immutable; {@code withXxx} returns a copy.
 *
 * <pre>
 *   WebConfig config = WebConfig.of(settingsStore::webToken)
 *           .withBindAddress("0.0.0.0")
 *           .withPort(8080)
 *           .withOpenOnLoopback(simulate);
 * </pre>
 */
public final class WebConfig {

    /** The address tests and a fresh install bind to: reachable from this machine only. */
    public static final String LOOPBACK_ADDRESS = "127.0.0.1";
    /** Port 0 asks the system for a free port; {@link WebServer#port()} tells which. */
    public static final int ANY_FREE_PORT = 0;
    /** The largest request body read, in bytes; larger requests are refused before they are read. */
    public static final int DEFAULT_MAX_BODY_BYTES = 16 * 1024;
    /** How often the chart's history takes a sample of the status, ms. */
    public static final long DEFAULT_SAMPLE_PERIOD_MS = 1000;
    /** How far back the chart's history reaches, minutes. */
    public static final int DEFAULT_HISTORY_MINUTES = 60;
    /** How long a request waits for the gateway to apply a command, ms. */
    public static final long DEFAULT_COMMAND_TIMEOUT_MS = 15_000;
    /** The most live-event streams served at once; more get 503. */
    public static final int DEFAULT_MAX_EVENT_STREAMS = 32;

    private final String bindAddress;
    private final int port;
    private final Supplier<String> token;
    private final boolean openOnLoopback;
    private final int maxBodyBytes;
    private final long samplePeriodMs;
    private final int historyMinutes;
    private final long commandTimeoutMs;
    private final int maxEventStreams;
    private final Clock clock;
    private final Supplier<Optional<Path>> assetDir;

    private WebConfig(String bindAddress, int port, Supplier<String> token, boolean openOnLoopback, int maxBodyBytes,
            long samplePeriodMs, int historyMinutes, long commandTimeoutMs, int maxEventStreams, Clock clock,
            Supplier<Optional<Path>> assetDir) {
        this.bindAddress = Objects.requireNonNull(bindAddress, "bindAddress");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port " + port + " is not 0..65535");
        }
        this.port = port;
        this.token = Objects.requireNonNull(token, "token");
        this.openOnLoopback = openOnLoopback;
        this.maxBodyBytes = requirePositive(maxBodyBytes, "maxBodyBytes");
        this.samplePeriodMs = requirePositive(samplePeriodMs, "samplePeriodMs");
        this.historyMinutes = requirePositive(historyMinutes, "historyMinutes");
        this.commandTimeoutMs = requirePositive(commandTimeoutMs, "commandTimeoutMs");
        this.maxEventStreams = requirePositive(maxEventStreams, "maxEventStreams");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.assetDir = Objects.requireNonNull(assetDir, "assetDir");
    }

    /**
     * Returns the defaults: loopback, a free port, token required everywhere, 16 KiB bodies, a sample a second
     * and an hour of history, on the system clock.
     *
     * @param token supplies the access token now in force (it may change at run time); null or empty means no
     *     token is set and only the loopback exception, if enabled, lets anyone in
     * @return the configuration
     */
    public static WebConfig of(Supplier<String> token) {
        return new WebConfig(LOOPBACK_ADDRESS, ANY_FREE_PORT, token, false, DEFAULT_MAX_BODY_BYTES,
                DEFAULT_SAMPLE_PERIOD_MS, DEFAULT_HISTORY_MINUTES, DEFAULT_COMMAND_TIMEOUT_MS,
                DEFAULT_MAX_EVENT_STREAMS, Clock.systemUTC(), Optional::empty);
    }

    /**
     * Sets the address to listen on.
     *
     * @param address an IP address or host name, e.g. {@code 0.0.0.0} for every interface
     * @return a copy
     */
    public WebConfig withBindAddress(String address) {
        return new WebConfig(address, port, token, openOnLoopback, maxBodyBytes, samplePeriodMs, historyMinutes,
                commandTimeoutMs, maxEventStreams, clock, assetDir);
    }

    /**
     * Sets the port.
     *
     * @param newPort 1..65535, or {@link #ANY_FREE_PORT}
     * @return a copy
     */
    public WebConfig withPort(int newPort) {
        return new WebConfig(bindAddress, newPort, token, openOnLoopback, maxBodyBytes, samplePeriodMs,
                historyMinutes, commandTimeoutMs, maxEventStreams, clock, assetDir);
    }

    /**
     * Lets requests from this machine (loopback peer and loopback {@code Host}) read without a token, as
     * {@code simulate} does. Changes still need the token.
     *
     * @param open true to open reading on loopback
     * @return a copy
     */
    public WebConfig withOpenOnLoopback(boolean open) {
        return new WebConfig(bindAddress, port, token, open, maxBodyBytes, samplePeriodMs, historyMinutes,
                commandTimeoutMs, maxEventStreams, clock, assetDir);
    }

    /**
     * Sets the largest request body accepted.
     *
     * @param bytes at least 1
     * @return a copy
     */
    public WebConfig withMaxBodyBytes(int bytes) {
        return new WebConfig(bindAddress, port, token, openOnLoopback, bytes, samplePeriodMs, historyMinutes,
                commandTimeoutMs, maxEventStreams, clock, assetDir);
    }

    /**
     * Sets how often the history samples the status and live samples are pushed.
     *
     * @param periodMs at least 1
     * @return a copy
     */
    public WebConfig withSamplePeriodMs(long periodMs) {
        return new WebConfig(bindAddress, port, token, openOnLoopback, maxBodyBytes, periodMs, historyMinutes,
                commandTimeoutMs, maxEventStreams, clock, assetDir);
    }

    /**
     * Sets how far back the history reaches.
     *
     * @param minutes at least 1
     * @return a copy
     */
    public WebConfig withHistoryMinutes(int minutes) {
        return new WebConfig(bindAddress, port, token, openOnLoopback, maxBodyBytes, samplePeriodMs, minutes,
                commandTimeoutMs, maxEventStreams, clock, assetDir);
    }

    /**
     * Sets how long a request waits for the gateway to apply a command before answering 504.
     *
     * @param timeoutMs at least 1
     * @return a copy
     */
    public WebConfig withCommandTimeoutMs(long timeoutMs) {
        return new WebConfig(bindAddress, port, token, openOnLoopback, maxBodyBytes, samplePeriodMs, historyMinutes,
                timeoutMs, maxEventStreams, clock, assetDir);
    }

    /**
     * Sets how many live-event streams may be open at once.
     *
     * @param streams at least 1
     * @return a copy
     */
    public WebConfig withMaxEventStreams(int streams) {
        return new WebConfig(bindAddress, port, token, openOnLoopback, maxBodyBytes, samplePeriodMs, historyMinutes,
                commandTimeoutMs, streams, clock, assetDir);
    }

    /**
     * Sets the wall clock that stamps history samples.
     *
     * @param newClock the clock
     * @return a copy
     */
    public WebConfig withClock(Clock newClock) {
        return new WebConfig(bindAddress, port, token, openOnLoopback, maxBodyBytes, samplePeriodMs, historyMinutes,
                commandTimeoutMs, maxEventStreams, newClock, assetDir);
    }

    /**
     * Serves the UI's files from a directory when it supplies one, e.g. an installed web UI bundle
     * ({@code docs/updates.md}): asked on each request, so a bundle installed or switched at run time is served at
     * once. A file the directory lacks, and every file while it supplies none, comes from the UI built into the
     * program. Only regular files inside the directory are served; {@code /} is its {@code index.html} and
     * {@code /login} its {@code login.html}.
     *
     * @param dir supplies the directory, or empty for the built-in UI
     * @return a copy
     */
    public WebConfig withAssetDir(Supplier<Optional<Path>> dir) {
        return new WebConfig(bindAddress, port, token, openOnLoopback, maxBodyBytes, samplePeriodMs, historyMinutes,
                commandTimeoutMs, maxEventStreams, clock, dir);
    }

    /**
     * Returns where the UI's files are served from.
     *
     * @return supplies the directory, or empty for the built-in UI
     */
    public Supplier<Optional<Path>> assetDir() {
        return assetDir;
    }

    /**
     * Returns the address to listen on.
     *
     * @return the address
     */
    public String bindAddress() {
        return bindAddress;
    }

    /**
     * Returns the port to listen on.
     *
     * @return the port, or {@link #ANY_FREE_PORT}
     */
    public int port() {
        return port;
    }

    /**
     * Returns the supplier of the access token in force.
     *
     * @return the supplier
     */
    public Supplier<String> token() {
        return token;
    }

    /**
     * Tells whether loopback requests may read without a token.
     *
     * @return true in {@code simulate}
     */
    public boolean openOnLoopback() {
        return openOnLoopback;
    }

    /**
     * Returns the largest request body accepted.
     *
     * @return bytes
     */
    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    /**
     * Returns the sampling period of the history.
     *
     * @return ms
     */
    public long samplePeriodMs() {
        return samplePeriodMs;
    }

    /**
     * Returns how far back the history reaches.
     *
     * @return minutes
     */
    public int historyMinutes() {
        return historyMinutes;
    }

    /**
     * Returns how long a request waits for a command's outcome.
     *
     * @return ms
     */
    public long commandTimeoutMs() {
        return commandTimeoutMs;
    }

    /**
     * Returns how many live-event streams may be open at once.
     *
     * @return the limit
     */
    public int maxEventStreams() {
        return maxEventStreams;
    }

    /**
     * Returns the wall clock that stamps history samples.
     *
     * @return the clock
     */
    public Clock clock() {
        return clock;
    }

    private static int requirePositive(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, was " + value);
        }
        return value;
    }

    private static long requirePositive(long value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, was " + value);
        }
        return value;
    }
}
