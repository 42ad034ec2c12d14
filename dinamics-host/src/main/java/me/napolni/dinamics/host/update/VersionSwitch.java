package me.napolni.dinamics.host.update;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * A directory of versions with {@code current} and {@code previous} links beside them:
 * <pre>
 *   base/current  -&gt; versions/1.4.0        (program: versions under base/versions)
 *   base/previous -&gt; versions/1.3.2
 *   base/versions/1.4.0/ ...
 * </pre>
 * A new version is built in a hidden temporary directory, renamed into place, then {@code previous} and
 * {@code current} are swapped by atomic renames, so a reader always finds a complete version.
 */
final class VersionSwitch {

    /** The link to the version in use. */
    static final String CURRENT = "current";
    /** The link to the version before it. */
    static final String PREVIOUS = "previous";

    private final Path base;
    private final String versionsPrefix;

    /**
     * Creates the switch.
     *
     * @param base where the links live
     * @param versionsPrefix the versions' directory relative to {@code base}, e.g. {@code versions}, or empty when
     *                       the versions live in {@code base} itself
     */
    VersionSwitch(Path base, String versionsPrefix) {
        this.base = base;
        this.versionsPrefix = versionsPrefix;
    }

    Path base() {
        return base;
    }

    Path versionsDir() {
        return versionsPrefix.isEmpty() ? base : base.resolve(versionsPrefix);
    }

    Path versionDir(String version) {
        return versionsDir().resolve(version);
    }

    Path currentLink() {
        return base.resolve(CURRENT);
    }

    /**
     * Returns the version {@code current} points at.
     *
     * @return its name, or empty when there is no link
     */
    Optional<String> currentVersion() {
        return FileOps.readLink(currentLink()).map(target -> target.getFileName().toString());
    }

    /**
     * Makes a fresh hidden directory where a version is assembled.
     *
     * @param version the version
     * @return the empty directory
     * @throws IOException when it cannot be made
     */
    Path freshWorkDir(String version) throws IOException {
        Path work = versionsDir().resolve("." + version + ".new");
        FileOps.deleteTree(work);
        Files.createDirectories(work);
        return work;
    }

    /**
     * Puts an assembled version in place and switches to it; the version in use becomes {@code previous}, and older
     * versions are deleted.
     *
     * @param work the assembled directory from {@link #freshWorkDir(String)}
     * @param version the version
     * @throws IOException when a step fails; the links are put back as they were where possible
     */
    void activate(Path work, String version) throws IOException {
        Path target = versionDir(version);
        Optional<Path> oldCurrent = FileOps.readLink(currentLink());
        Optional<Path> oldPrevious = FileOps.readLink(base.resolve(PREVIOUS));
        FileOps.deleteTree(target);                        // a left-over of an earlier, rolled back attempt
        Files.move(work, target, StandardCopyOption.ATOMIC_MOVE);
        FileOps.syncDirectory(versionsDir());
        Path relative = versionsPrefix.isEmpty() ? Path.of(version) : Path.of(versionsPrefix, version);
        try {
            if (oldCurrent.isPresent()) {
                FileOps.swapLink(base.resolve(PREVIOUS), oldCurrent.get());
            }
            FileOps.swapLink(currentLink(), relative);
        } catch (IOException e) {
            restore(oldCurrent, oldPrevious);
            FileOps.deleteQuietly(target);
            throw e;
        }
        pruneExcept(relative.getFileName().toString(), oldCurrent.map(p -> p.getFileName().toString()).orElse(""));
    }

    private void restore(Optional<Path> oldCurrent, Optional<Path> oldPrevious) {
        try {
            if (oldCurrent.isPresent()) {
                FileOps.swapLink(currentLink(), oldCurrent.get());
            }
            if (oldPrevious.isPresent()) {
                FileOps.swapLink(base.resolve(PREVIOUS), oldPrevious.get());
            } else {
                Files.deleteIfExists(base.resolve(PREVIOUS));
            }
        } catch (IOException e) {
            // the links were not touched or are already back; nothing more can be done here
        }
    }

    private void pruneExcept(String keepA, String keepB) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(versionsDir())) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS) || name.startsWith(".")
                        || name.equals(keepA) || name.equals(keepB)) {
                    continue;
                }
                if (SemVer.isValid(name)) {
                    FileOps.deleteQuietly(entry);
                }
            }
        } catch (IOException e) {
            // pruning is housekeeping; the switch has already happened
        }
    }
}
