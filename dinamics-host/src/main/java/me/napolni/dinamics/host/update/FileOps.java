package me.napolni.dinamics.host.update;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/** The few file operations the switch is built from: atomic link swaps, atomic small files, fsync. */
final class FileOps {

    private FileOps() {
    }

    /**
     * Points a symbolic link at a target, atomically: a new link is made beside it and renamed over it, so a reader
     * sees the old target or the new one, never none.
     *
     * @param link the link
     * @param target the target, relative to the link's directory
     * @throws IOException when the link cannot be made
     */
    static void swapLink(Path link, Path target) throws IOException {
        Path temp = link.resolveSibling("." + link.getFileName() + ".new");
        Files.deleteIfExists(temp);
        Files.createSymbolicLink(temp, target);
        Files.move(temp, link, StandardCopyOption.ATOMIC_MOVE);
        syncDirectory(link.getParent());
    }

    /**
     * Returns the target of a symbolic link.
     *
     * @param link the link
     * @return its target as written, or empty when it is no link
     */
    static Optional<Path> readLink(Path link) {
        if (!Files.isSymbolicLink(link)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readSymbolicLink(link));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Writes a small text file atomically (temp file, fsync, rename).
     *
     * @param file the file
     * @param text its content
     * @throws IOException when it cannot be written
     */
    static void writeAtomically(Path file, String text) throws IOException {
        Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.write(temp, text.getBytes(StandardCharsets.UTF_8));
        syncFile(temp);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        syncDirectory(file.getParent());
    }

    /**
     * Reads a small text file.
     *
     * @param file the file
     * @return its content without surrounding white space, or empty when it does not exist or cannot be read
     */
    static Optional<String> readText(Path file) {
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Forces a file's content to disk.
     *
     * @param file the file
     * @throws IOException when that fails
     */
    static void syncFile(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /**
     * Forces a directory's entries to disk, where the platform allows it.
     *
     * @param directory the directory
     */
    static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // some file systems refuse to sync a directory; the rename itself is still atomic
        }
    }

    /**
     * Deletes a file or a directory tree, not following links.
     *
     * @param path what to delete; nothing happens when it does not exist
     * @throws IOException when something cannot be deleted
     */
    static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            Files.delete(path);
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Deletes quietly, for clean-up after a failure.
     *
     * @param path what to delete
     */
    static void deleteQuietly(Path path) {
        try {
            deleteTree(path);
        } catch (IOException e) {
            // clean-up after a failure: the failure already reported matters more
        }
    }
}
