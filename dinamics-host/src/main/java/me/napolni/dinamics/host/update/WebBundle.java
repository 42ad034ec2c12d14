package me.napolni.dinamics.host.update;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Unpacks a web UI bundle (a zip) into an empty directory, checking every entry: names are plain relative paths
 * (no {@code ..}, no absolute path, no backslash, no drive letter, nothing resolving outside the directory), no name
 * twice, at most {@link #MAX_ENTRIES} entries, and the bytes actually inflated (not the sizes the zip claims) stay
 * under a cap. The bundle must hold {@code index.html} at its top. Any violation rejects the bundle whole.
 */
final class WebBundle {

    /** The most entries a bundle may have. */
    static final int MAX_ENTRIES = 10_000;
    /** The page a bundle must have at its top. */
    static final String INDEX = "index.html";

    private static final Pattern SAFE_NAME = Pattern.compile("^[A-Za-z0-9._@+~-]+(/[A-Za-z0-9._@+~-]+)*/?$");
    private static final int MAX_NAME_LENGTH = 512;
    private static final int BUFFER_BYTES = 64 * 1024;

    private WebBundle() {
    }

    /**
     * Unpacks a bundle.
     *
     * @param zip the verified bundle
     * @param into an empty directory
     * @param maxUnpackedBytes the most bytes all entries may inflate to
     * @param storage where files are written
     * @throws UpdateException {@code bad_manifest} for a malformed or unsafe bundle, {@code too_large} past the
     *                         cap, {@code disk_full} when writing fails
     */
    static void unpack(Path zip, Path into, long maxUnpackedBytes, UpdateStorage storage) throws UpdateException {
        Path root = into.toAbsolutePath().normalize();
        Set<String> names = new HashSet<>();
        long total = 0;
        boolean hasIndex = false;
        byte[] buffer = new byte[BUFFER_BYTES];
        try (ZipFile file = new ZipFile(zip.toFile())) {
            if (file.size() > MAX_ENTRIES) {
                throw new UpdateException(UpdateException.TOO_LARGE, "more than " + MAX_ENTRIES + " entries");
            }
            Enumeration<? extends ZipEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String name = entry.getName();
                Path target = checkedTarget(root, name);
                if (!names.add(name.endsWith("/") ? name.substring(0, name.length() - 1) : name)) {
                    throw new UpdateException(UpdateException.BAD_MANIFEST, "entry twice: " + name);
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                hasIndex |= name.equals(INDEX);
                Files.createDirectories(target.getParent());
                try (InputStream in = file.getInputStream(entry); OutputStream out = storage.create(target)) {
                    int n;
                    while ((n = read(in, buffer, name)) >= 0) {
                        total += n;
                        if (total > maxUnpackedBytes) {
                            throw new UpdateException(UpdateException.TOO_LARGE, "unpacks to more than "
                                    + maxUnpackedBytes + " bytes");
                        }
                        out.write(buffer, 0, n);
                    }
                }
            }
        } catch (UpdateException e) {
            throw e;
        } catch (ZipException e) {
            throw new UpdateException(UpdateException.BAD_MANIFEST, "not a valid zip: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UpdateException(UpdateException.DISK_FULL, "cannot unpack: " + e.getMessage(), e);
        }
        if (!hasIndex) {
            throw new UpdateException(UpdateException.BAD_MANIFEST, "no " + INDEX + " at the top of the bundle");
        }
    }

    private static int read(InputStream in, byte[] buffer, String name) throws UpdateException {
        try {
            return in.read(buffer);
        } catch (IOException e) {
            throw new UpdateException(UpdateException.BAD_MANIFEST, "corrupt entry " + name + ": " + e.getMessage(),
                    e);
        }
    }

    /**
     * Checks an entry name and returns where it goes.
     *
     * @param root the absolute, normalised directory
     * @param name the entry name
     * @return the target inside {@code root}
     * @throws UpdateException {@code bad_manifest} when the name is unsafe
     */
    static Path checkedTarget(Path root, String name) throws UpdateException {
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH || !SAFE_NAME.matcher(name).matches()) {
            throw new UpdateException(UpdateException.BAD_MANIFEST, "unsafe entry name: " + printable(name));
        }
        for (String segment : name.split("/")) {
            if (segment.equals(".") || segment.equals("..")) {
                throw new UpdateException(UpdateException.BAD_MANIFEST, "unsafe entry name: " + printable(name));
            }
        }
        Path target = root.resolve(name).normalize();
        if (!target.startsWith(root) || target.equals(root)) {
            throw new UpdateException(UpdateException.BAD_MANIFEST, "entry outside the bundle: " + printable(name));
        }
        return target;
    }

    private static String printable(String name) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < name.length() && i < 80; i++) {
            char ch = name.charAt(i);
            out.append(ch >= 0x20 && ch < 0x7f ? ch : '?');
        }
        return out.toString();
    }
}
