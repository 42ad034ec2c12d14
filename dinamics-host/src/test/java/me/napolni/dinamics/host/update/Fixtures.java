package me.napolni.dinamics.host.update;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds jars, bundles, signed manifests and install layouts for the update tests. */
final class Fixtures {

    /** The jar entry the fake gateway reads to know how to behave. */
    static final String BEHAVIOUR_ENTRY = "dinamics-test-behaviour";

    static final KeyPair KEYS = generate();
    static final KeyPair OTHER_KEYS = generate();

    private Fixtures() {
    }

    private static KeyPair generate() {
        try {
            return ReleaseKeys.generate();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A small jar: a manifest naming the version, and how the fake gateway behaves when run from it. */
    static byte[] jar(String version, String behaviour) {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, version);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
            byte[] text = behaviour.getBytes(StandardCharsets.US_ASCII);
            ZipEntry entry = new ZipEntry(BEHAVIOUR_ENTRY);
            entry.setMethod(ZipEntry.STORED);
            entry.setSize(text.length);
            CRC32 crc = new CRC32();
            crc.update(text);
            entry.setCrc(crc.getValue());
            jar.putNextEntry(entry);
            jar.write(text);
            jar.closeEntry();
            jar.putNextEntry(new ZipEntry("filler.bin"));
            byte[] filler = new byte[200_000];            // incompressible: enough chunks for several progress steps
            new java.util.Random(version.hashCode()).nextBytes(filler);
            jar.write(filler);
            jar.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A zip of the given entries, in order (names used as given, so unsafe names can be built). */
    static byte[] zip(Map<String, String> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A release of {@code payload} signed with {@link #KEYS}. */
    static Release signed(String component, String version, String url, byte[] payload) {
        return sign(new Release(component, version, url, payload.length, sha256(payload), ""), KEYS);
    }

    static Release sign(Release release, KeyPair keys) {
        try {
            return release.signedWith(keys.getPrivate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] manifest(Release... releases) {
        return ManifestCodec.write(List.of(releases));
    }

    /** Installs {@code version} as the current program under {@code root}. */
    static void installProgram(Path root, String version, byte[] jar) throws IOException {
        Path dir = root.resolve("versions").resolve(version);
        Files.createDirectories(dir);
        Files.write(dir.resolve(UpdateManager.PROGRAM_JAR), jar);
        Path link = root.resolve(VersionSwitch.CURRENT);
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, Path.of("versions", version));
    }

    /** Installs a web bundle as the current one under {@code dataDir}. */
    static void installWeb(Path dataDir, String version, Map<String, String> files) throws IOException {
        Path base = dataDir.resolve(UpdateManager.WEB_ASSETS_DIR);
        for (Map.Entry<String, String> e : files.entrySet()) {
            Path file = base.resolve(version).resolve(e.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.getValue());
        }
        Files.createSymbolicLink(base.resolve(VersionSwitch.CURRENT), Path.of(version));
    }

    /** Every path under {@code root} with what it is: a link's target, a file's hash, or a directory. */
    static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> tree = new TreeMap<>();
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return tree;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                String key = root.relativize(p).toString();
                if (Files.isSymbolicLink(p)) {
                    tree.put(key, "link " + Files.readSymbolicLink(p));
                } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    tree.put(key, "dir");
                } else {
                    tree.put(key, "file " + sha256(Files.readAllBytes(p)));
                }
            }
        }
        return tree;
    }
}
