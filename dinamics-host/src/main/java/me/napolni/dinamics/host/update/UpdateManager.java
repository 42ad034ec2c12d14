package me.napolni.dinamics.host.update;

import me.napolni.dinamics.core.device.CommandResult;
import me.napolni.dinamics.core.time.NanoClock;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * Updates the program and the web UI bundle from a signed release manifest (TOPICS.md §4.5, docs/updates.md).
 *
 * <p>One update runs at a time, on its own thread; progress goes to the {@link Progress} listener in the words
 * {@code checking}, {@code downloading <n> %}, {@code verifying}, {@code installing}, {@code restarting},
 * {@code done <version>}, {@code up_to_date <version>} and {@code failed: <word>}. A failure changes nothing that
 * is installed. After a program update the process asks to be restarted with {@link #EXIT_RESTART}; the launcher
 * ({@code packaging/dinamics-launch}) then gives the new version a trial and rolls back if it never calls
 * {@link #reportHealthy()}.
 * <pre>
 *   UpdateManager updates = UpdateManager.create(config, DinamicsMain.version(), progress, Restarter.SYSTEM_EXIT);
 *   CommandResult started = updates.start(false).started();   // the reply to set_update
 *   ...                                                     // once the control loop and the broker link are up:
 *   updates.reportHealthy();                                // publishes "done 1.4.0" or "failed: health_check"
 * </pre>
 */
public final class UpdateManager {

    /** The exit code that asks the service manager to restart into the new version (EX_TEMPFAIL). */
    public static final int EXIT_RESTART = 75;
    /** The most bytes a manifest may have. */
    public static final int MAX_MANIFEST_BYTES = 64 * 1024;
    /** The jar's file name inside a version directory. */
    public static final String PROGRAM_JAR = "dinamics.jar";
    /** The web bundles' directory under the data directory. */
    public static final String WEB_ASSETS_DIR = "web-assets";
    /** The version reported for the web UI while no bundle is installed (every release is newer). */
    public static final String NO_WEB_VERSION = "0.0.0";

    /** The launcher's state directory under the install root. */
    static final String STATE_DIR = "state";
    /** The version on trial, written before the switch, removed by the launcher once healthy. */
    static final String PENDING_FILE = "pending";
    /** The version that reported healthy. */
    static final String HEALTHY_FILE = "healthy";
    /** A status line the launcher leaves for the next start to publish ({@code failed: health_check}). */
    static final String NOTE_FILE = "note";
    /** Versions the launcher rolled back, one a line. */
    static final String BAD_VERSIONS_FILE = "bad-versions";
    /** Where downloads are staged, beside their final place. */
    static final String STAGING_DIR = ".staging";

    /** How often {@link #reportHealthyWhen(BooleanSupplier, long)} looks, ms. */
    public static final long HEALTH_POLL_MS = 500;
    /** A sensible wait for {@link #reportHealthyWhen(BooleanSupplier, long)}: the launcher's default trial, ms. */
    public static final long DEFAULT_HEALTH_WAIT_MS = 180_000;

    private static final System.Logger LOG = System.getLogger(UpdateManager.class.getName());
    private static final int PERCENT_STEP = 10;

    /** Receives progress, e.g. to publish {@code update_status} / {@code update_spiffs_status}. */
    @FunctionalInterface
    public interface Progress {
        /**
         * Reports one step.
         *
         * @param spiffs true for the web UI bundle
         * @param text the TOPICS.md §4.5 word(s)
         */
        void onUpdateStatus(boolean spiffs, String text);
    }

    /** Ends the process so the service manager restarts it. */
    @FunctionalInterface
    public interface Restarter {
        /** Exits the JVM (shutdown hooks run). */
        Restarter SYSTEM_EXIT = System::exit;

        /**
         * Restarts.
         *
         * @param exitCode {@link #EXIT_RESTART}
         */
        void restart(int exitCode);
    }

    /**
     * An update request's outcome.
     *
     * @param started the immediate reply: accepted {@code 1} when the update started, or rejected
     *                ({@code busy}, {@code not_configured})
     * @param finished completes when the update ends: accepted with the installed (or already running) version, or
     *                 rejected {@code update_failed} with the failure word as detail
     */
    public record Run(CommandResult started, CompletableFuture<CommandResult> finished) {
    }

    private final UpdateConfig config;
    private final String fallbackProgramVersion;
    private final Progress progress;
    private final Restarter restarter;
    private final UpdateStorage storage;
    private final NanoClock clock;
    private final AtomicBoolean busy = new AtomicBoolean();

    private UpdateManager(UpdateConfig config, String fallbackProgramVersion, Progress progress, Restarter restarter,
            UpdateStorage storage, NanoClock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.fallbackProgramVersion = Objects.requireNonNull(fallbackProgramVersion, "fallbackProgramVersion");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.restarter = Objects.requireNonNull(restarter, "restarter");
        this.storage = storage;
        this.clock = clock;
    }

    /**
     * Creates the update manager.
     *
     * @param config the update source and places
     * @param fallbackProgramVersion the running version when the program does not run from the install layout
     *                               (e.g. {@code DinamicsMain.version()})
     * @param progress where progress goes
     * @param restarter how the process restarts after a program update
     * @return the manager
     */
    public static UpdateManager create(UpdateConfig config, String fallbackProgramVersion, Progress progress,
            Restarter restarter) {
        return new UpdateManager(config, fallbackProgramVersion, progress, restarter, UpdateStorage.FILE_SYSTEM,
                NanoClock.system());
    }

    static UpdateManager create(UpdateConfig config, String fallbackProgramVersion, Progress progress,
            Restarter restarter, UpdateStorage storage) {
        return new UpdateManager(config, fallbackProgramVersion, progress, restarter, storage, NanoClock.system());
    }

    static UpdateManager create(UpdateConfig config, String fallbackProgramVersion, Progress progress,
            Restarter restarter, UpdateStorage storage, NanoClock clock) {
        return new UpdateManager(config, fallbackProgramVersion, progress, restarter, storage, clock);
    }

    /**
     * Starts an update unless one is running or nothing is configured.
     *
     * @param spiffs true for the web UI bundle, false for the program
     * @return the immediate reply and the eventual outcome
     */
    public Run start(boolean spiffs) {
        if (!config.configured() || (!spiffs && !programInstalled())) {
            String detail = config.configured() ? "the program does not run from an install root with a current link"
                    : "no update url and publicKey";
            progress.onUpdateStatus(spiffs, "failed: " + UpdateException.NOT_CONFIGURED);
            CommandResult rejected = CommandResult.rejected(UpdateException.NOT_CONFIGURED, null, detail);
            return new Run(rejected, CompletableFuture.completedFuture(
                    CommandResult.rejected("update_failed", null, UpdateException.NOT_CONFIGURED)));
        }
        if (!busy.compareAndSet(false, true)) {
            CommandResult rejected = CommandResult.rejected("busy", null, "an update is running");
            return new Run(rejected, CompletableFuture.completedFuture(rejected));
        }
        CompletableFuture<CommandResult> finished = new CompletableFuture<>();
        Thread worker = new Thread(() -> run(spiffs, finished), spiffs ? "update-web" : "update-program");
        worker.setDaemon(true);
        worker.start();
        return new Run(CommandResult.accepted(1), finished);
    }

    /**
     * Tells whether an update is running.
     *
     * @return true while one runs (and after a program update, until the process exits)
     */
    public boolean busy() {
        return busy.get();
    }

    /**
     * Returns the running version of a component.
     *
     * @param spiffs true for the web UI bundle
     * @return the program's version ({@code current}'s target, else the fallback), or the bundle's version
     *         ({@link #NO_WEB_VERSION} when none is installed)
     */
    public String runningVersion(boolean spiffs) {
        if (spiffs) {
            return webSwitch().currentVersion().orElse(NO_WEB_VERSION);
        }
        return config.installRoot() == null ? fallbackProgramVersion
                : programSwitch().currentVersion().orElse(fallbackProgramVersion);
    }

    /**
     * Returns the directory the web server should serve UI files from, when a bundle is installed.
     *
     * <p>It is the {@code current} link itself: resolve files through it on each request, and a later bundle
     * switch is seen at once and whole.
     *
     * @return {@code <dataDir>/web-assets/current}, or empty to serve the assets built into the program
     */
    public Optional<Path> activeAssetDir() {
        Path link = webSwitch().currentLink();
        return Files.isDirectory(link) ? Optional.of(link) : Optional.empty();
    }

    /**
     * Tells the launcher this version is healthy (call once the control loop runs and the broker link is up), and
     * publishes what happened to the last program update: {@code done <version>} after a successful trial, or the
     * launcher's note ({@code failed: health_check}) after a rollback.
     */
    public void reportHealthy() {
        if (config.installRoot() == null) {
            return;
        }
        Path state = config.installRoot().resolve(STATE_DIR);
        String running = runningVersion(false);
        Optional<String> pending = FileOps.readText(state.resolve(PENDING_FILE));
        Optional<String> note = FileOps.readText(state.resolve(NOTE_FILE));
        try {
            Files.createDirectories(state);
            FileOps.writeAtomically(state.resolve(HEALTHY_FILE), running + "\n");
        } catch (IOException e) {
            LOG.log(Level.ERROR, "cannot write the health marker; the launcher will roll back: " + e.getMessage());
            return;
        }
        if (note.isPresent() && !note.get().isEmpty()) {
            progress.onUpdateStatus(false, note.get());
            FileOps.deleteQuietly(state.resolve(NOTE_FILE));
        } else if (pending.isPresent() && pending.get().equals(running)) {
            progress.onUpdateStatus(false, "done " + running);
        }
    }

    /**
     * Calls {@link #reportHealthy()} once {@code ready} turns true, from a daemon thread that looks every
     * {@link #HEALTH_POLL_MS} ms; gives up after {@code giveUpAfterMs} (the launcher then rolls back).
     *
     * <pre>
     *   updates.reportHealthyWhen(() -&gt; gateway.status() != null &amp;&amp; (bridge == null || bridge.connected()),
     *           UpdateManager.DEFAULT_HEALTH_WAIT_MS);
     * </pre>
     *
     * @param ready true once the control loop runs and the broker link is up
     * @param giveUpAfterMs how long to keep looking
     * @return the watching thread (already started)
     */
    public Thread reportHealthyWhen(BooleanSupplier ready, long giveUpAfterMs) {
        return reportHealthyWhen(ready, giveUpAfterMs, NanoClock.system());
    }

    Thread reportHealthyWhen(BooleanSupplier ready, long giveUpAfterMs, NanoClock clock) {
        long deadlineNs = clock.nanoTime() + giveUpAfterMs * 1_000_000L;
        Thread watcher = new Thread(() -> {
            try {
                while (!ready.getAsBoolean()) {
                    if (clock.nanoTime() - deadlineNs >= 0) {
                        LOG.log(Level.WARNING, "not healthy within " + giveUpAfterMs + " ms; not reporting healthy");
                        return;
                    }
                    Thread.sleep(HEALTH_POLL_MS);         // a slow poll of a rare event, off every hot path
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            reportHealthy();
        }, "update-health");
        watcher.setDaemon(true);
        watcher.start();
        return watcher;
    }

    private boolean programInstalled() {
        return config.installRoot() != null && programSwitch().currentVersion().isPresent();
    }

    private VersionSwitch programSwitch() {
        return new VersionSwitch(config.installRoot(), "versions");
    }

    private VersionSwitch webSwitch() {
        return new VersionSwitch(config.dataDir().resolve(WEB_ASSETS_DIR), "");
    }

    private void run(boolean spiffs, CompletableFuture<CommandResult> finished) {
        Path staged = null;
        Path stagingDir = (spiffs ? webSwitch().base() : config.installRoot()).resolve(STAGING_DIR);
        CommandResult result;
        boolean restart = false;
        try {
            progress.onUpdateStatus(spiffs, "checking");
            Downloader downloader = new Downloader(config.httpTimeoutMs(), clock);   // one HTTP client per update
            Release release = checkManifest(spiffs, downloader);
            SemVer running = parseRunning(spiffs);
            if (!release.semVer().isNewerThan(running)) {
                LOG.log(Level.INFO, "update " + component(spiffs) + ": " + release.version() + " offered, "
                        + running + " running");
                progress.onUpdateStatus(spiffs, "up_to_date " + running);
                result = CommandResult.accepted(running.text());
            } else {
                staged = stage(spiffs, release, stagingDir, downloader);
                progress.onUpdateStatus(spiffs, "installing");
                if (spiffs) {
                    installWeb(release, staged);
                    progress.onUpdateStatus(true, "done " + release.version());
                } else {
                    installProgram(release, staged);
                    restart = true;
                }
                result = CommandResult.accepted(release.version());
            }
        } catch (UpdateException e) {
            LOG.log(Level.WARNING, "update " + component(spiffs) + " failed: " + e.getMessage());
            progress.onUpdateStatus(spiffs, "failed: " + e.word());
            result = CommandResult.rejected("update_failed", null, e.word());
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "update " + component(spiffs) + " failed unexpectedly", e);
            progress.onUpdateStatus(spiffs, "failed: " + UpdateException.DISK_FULL);
            result = CommandResult.rejected("update_failed", null, UpdateException.DISK_FULL);
        }
        if (staged != null) {
            FileOps.deleteQuietly(staged);
        }
        try {
            Files.deleteIfExists(stagingDir);           // only when empty
        } catch (IOException e) {
            // another file is still staged there; it goes with the next update
        }
        if (restart) {
            progress.onUpdateStatus(false, "restarting");
            LOG.log(Level.INFO, "update: switched to " + result.value() + "; restarting with exit code "
                    + EXIT_RESTART);
            restarter.restart(EXIT_RESTART);            // busy stays set: the process is about to exit
            finished.complete(result);
        } else {
            finish(finished, result);
        }
    }

    private void finish(CompletableFuture<CommandResult> finished, CommandResult result) {
        busy.set(false);
        finished.complete(result);
    }

    private Release checkManifest(boolean spiffs, Downloader downloader) throws UpdateException {
        byte[] body = downloader.fetch(config.manifestUrl(), MAX_MANIFEST_BYTES);
        List<Release> releases = ManifestCodec.parse(body);
        Release release = ManifestCodec.find(releases, component(spiffs));
        if (!release.verifies(config.publicKey())) {
            throw new UpdateException(UpdateException.BAD_SIGNATURE, component(spiffs) + " " + release.version()
                    + " is not signed by the configured key");
        }
        if (!spiffs && badVersions().contains(release.version())) {
            throw new UpdateException(UpdateException.HEALTH_CHECK, release.version()
                    + " failed its health check before; publish a newer version");
        }
        return release;
    }

    private SemVer parseRunning(boolean spiffs) {
        String text = runningVersion(spiffs);
        return SemVer.isValid(text) ? SemVer.parse(text) : SemVer.parse(NO_WEB_VERSION);
    }

    private List<String> badVersions() {
        return FileOps.readText(config.installRoot().resolve(STATE_DIR).resolve(BAD_VERSIONS_FILE))
                .map(text -> List.of(text.split("\\s+"))).orElse(List.of());
    }

    private Path stage(boolean spiffs, Release release, Path stagingDir, Downloader downloader)
            throws UpdateException {
        long cap = spiffs ? config.maxWebBytes() : config.maxProgramBytes();
        if (release.sizeBytes() > cap) {
            throw new UpdateException(UpdateException.TOO_LARGE, release.sizeBytes() + " bytes, the cap is " + cap);
        }
        URI url;
        try {
            url = config.manifestUrl().resolve(release.url());
        } catch (IllegalArgumentException e) {
            throw new UpdateException(UpdateException.BAD_MANIFEST, "url: " + e.getMessage());
        }
        if (!UpdateConfig.allowedUrl(url)) {
            throw new UpdateException(UpdateException.BAD_MANIFEST, "url must be https:// : " + url);
        }
        Path staged = stagingDir.resolve(component(spiffs) + "-" + release.version() + ".part");
        String sha256;
        try {
            Files.createDirectories(stagingDir);
            Files.deleteIfExists(staged);
            long usable = storage.usableBytes(stagingDir);
            if (usable < release.sizeBytes()) {
                throw new UpdateException(UpdateException.DISK_FULL, release.sizeBytes() + " bytes needed, "
                        + usable + " free");
            }
        } catch (UpdateException e) {
            throw e;
        } catch (IOException e) {
            throw new UpdateException(UpdateException.DISK_FULL, "cannot stage: " + e.getMessage(), e);
        }
        int[] lastStep = {0};
        progress.onUpdateStatus(spiffs, "downloading 0 %");
        try (OutputStream out = storage.create(staged)) {
            sha256 = downloader.download(url, release.sizeBytes(), out, bytes -> {
                int percent = (int) (bytes * 100 / release.sizeBytes());
                int step = percent / PERCENT_STEP;
                if (step > lastStep[0]) {
                    lastStep[0] = step;
                    progress.onUpdateStatus(spiffs, "downloading " + step * PERCENT_STEP + " %");
                }
            });
        } catch (UpdateException e) {
            FileOps.deleteQuietly(staged);
            throw e;
        } catch (IOException e) {
            FileOps.deleteQuietly(staged);
            throw new UpdateException(UpdateException.DISK_FULL, "cannot stage: " + e.getMessage(), e);
        }
        progress.onUpdateStatus(spiffs, "verifying");
        if (!MessageDigest.isEqual(sha256.getBytes(StandardCharsets.US_ASCII),
                release.sha256().getBytes(StandardCharsets.US_ASCII))) {
            FileOps.deleteQuietly(staged);
            throw new UpdateException(UpdateException.HASH_MISMATCH, "sha256 " + sha256 + ", signed "
                    + release.sha256());
        }
        try {
            FileOps.syncFile(staged);
            if (Files.size(staged) != release.sizeBytes()) {
                throw new UpdateException(UpdateException.SIZE_MISMATCH, "staged file has the wrong size");
            }
        } catch (UpdateException e) {
            throw e;
        } catch (IOException e) {
            throw new UpdateException(UpdateException.DISK_FULL, "cannot sync the staged file: " + e.getMessage(), e);
        }
        LOG.log(Level.INFO, "update " + component(spiffs) + " " + release.version() + " verified (sha256 "
                + sha256.substring(0, 16) + "...)");
        return staged;
    }

    private void installProgram(Release release, Path staged) throws UpdateException {
        VersionSwitch versions = programSwitch();
        Path state = config.installRoot().resolve(STATE_DIR);
        Path pending = state.resolve(PENDING_FILE);
        Path work = null;
        try {
            Files.createDirectories(versions.versionsDir());
            work = versions.freshWorkDir(release.version());
            Files.move(staged, work.resolve(PROGRAM_JAR));
            FileOps.syncDirectory(work);
            Files.createDirectories(state);
            // pending before the switch: the launcher ignores a pending version that current does not point at
            FileOps.writeAtomically(pending, release.version() + "\n");
            versions.activate(work, release.version());
        } catch (IOException e) {
            if (work != null) {
                FileOps.deleteQuietly(work);
            }
            FileOps.deleteQuietly(pending);
            throw new UpdateException(UpdateException.DISK_FULL, "cannot install: " + e.getMessage(), e);
        }
    }

    private void installWeb(Release release, Path staged) throws UpdateException {
        VersionSwitch versions = webSwitch();
        Path work = null;
        try {
            work = versions.freshWorkDir(release.version());
            WebBundle.unpack(staged, work, config.maxUnpackedWebBytes(), storage);
            versions.activate(work, release.version());
        } catch (UpdateException e) {
            if (work != null) {
                FileOps.deleteQuietly(work);
            }
            throw e;
        } catch (IOException e) {
            if (work != null) {
                FileOps.deleteQuietly(work);
            }
            throw new UpdateException(UpdateException.DISK_FULL, "cannot install: " + e.getMessage(), e);
        }
    }

    private static String component(boolean spiffs) {
        return spiffs ? Release.WEB : Release.PROGRAM;
    }
}
