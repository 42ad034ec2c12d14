package me.napolni.dinamics.host.update;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * {@code dinamics release}: the publisher's side of updates. {@code keygen} makes an Ed25519 key pair,
 * {@code sign} adds a signed release of a jar or web bundle to a manifest, {@code verify} checks a manifest (and a
 * file) the way a gateway does.
 * <pre>
 *   dinamics release keygen --out keys/
 *   dinamics release sign --key keys/release.key --component program --version 1.4.0 \
 *       --file dinamics.jar --url dinamics-1.4.0.jar --out manifest.json
 *   dinamics release verify --public-key keys/release.pub --manifest manifest.json --file dinamics.jar
 * </pre>
 * Exit codes: 0 done, 1 failed (message on the error stream), 2 bad arguments.
 */
@Command(name = "release", mixinStandardHelpOptions = true,
        description = "Publish your own updates: make a signing key, sign a release into a manifest, verify one.",
        subcommands = {ReleaseCommand.Keygen.class, ReleaseCommand.Sign.class, ReleaseCommand.Verify.class})
public final class ReleaseCommand implements Runnable {

    /** The private key's file name written by {@code keygen}. */
    public static final String PRIVATE_KEY_FILE = "release.key";
    /** The public key's file name written by {@code keygen}. */
    public static final String PUBLIC_KEY_FILE = "release.pub";
    /** Exit code of a failure. */
    public static final int EXIT_FAILED = 1;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing a command: keygen, sign or verify");
    }

    /** {@code release keygen}. */
    @Command(name = "keygen", mixinStandardHelpOptions = true,
            description = "Generate an Ed25519 key pair: release.key (keep it secret) and release.pub.")
    public static final class Keygen implements Callable<Integer> {
        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Option(names = "--out", required = true, description = "directory for release.key and release.pub")
        private Path out;

        private static final java.util.Set<java.nio.file.attribute.PosixFilePermission> OWNER_ONLY =
                PosixFilePermissions.fromString("rw-------");

        @Option(names = "--force", description = "overwrite existing key files")
        private boolean force;

        @Override
        public Integer call() throws IOException, GeneralSecurityException {
            PrintWriter stdout = spec.commandLine().getOut();
            PrintWriter stderr = spec.commandLine().getErr();
            Path privateFile = out.resolve(PRIVATE_KEY_FILE);
            Path publicFile = out.resolve(PUBLIC_KEY_FILE);
            if (!force && (Files.exists(privateFile) || Files.exists(publicFile))) {
                stderr.println("release keygen: " + privateFile + " or " + publicFile
                        + " exists; not overwriting a signing key (use --force)");
                return EXIT_FAILED;
            }
            Files.createDirectories(out);
            KeyPair pair = ReleaseKeys.generate();
            Path temp = out.resolve("." + PRIVATE_KEY_FILE + ".tmp");
            Files.deleteIfExists(temp);
            try {
                Files.createFile(temp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } catch (UnsupportedOperationException e) {
                Files.createFile(temp);
            }
            Files.writeString(temp, ReleaseKeys.encode(pair.getPrivate()) + "\n", StandardCharsets.US_ASCII);
            Files.move(temp, privateFile, StandardCopyOption.REPLACE_EXISTING);
            String publicText = ReleaseKeys.encode(pair.getPublic());
            Files.writeString(publicFile, publicText + "\n", StandardCharsets.US_ASCII);
            stdout.println("private key: " + privateFile + " (keep it secret, off the gateway)");
            stdout.println("public key:  " + publicFile);
            stdout.println("gateway config: \"update\": {\"url\": \"https://.../manifest.json\", \"publicKey\": \""
                    + publicText + "\"}");
            stdout.flush();
            return 0;
        }
    }

    /** {@code release sign}. */
    @Command(name = "sign",
            description = "Sign a program jar or web bundle and put its release into a manifest (the other "
                    + "component's release in an existing manifest is kept).")
    public static final class Sign implements Callable<Integer> {
        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        // no mixinStandardHelpOptions: its --version would clash with the release's --version and drop --help
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
        private boolean help;

        @Option(names = "--key", required = true, description = "the private key file (release.key)")
        private Path key;

        @Option(names = "--component", required = true, description = "program or web")
        private String component;

        @Option(names = "--version", required = true, description = "the release's semantic version, e.g. 1.4.0")
        private String version;

        @Option(names = "--file", required = true, description = "the jar or the web bundle (zip)")
        private Path file;

        @Option(names = "--url", description = "where gateways download the file: https://... or relative to the "
                + "manifest (default: the file's name)")
        private String url;

        @Option(names = "--out", required = true, description = "the manifest to write or update")
        private Path out;

        @Override
        public Integer call() throws IOException {
            PrintWriter stderr = spec.commandLine().getErr();
            try {
                PrivateKey privateKey = ReleaseKeys.privateKey(Files.readString(key, StandardCharsets.US_ASCII));
                checkPayload(component, file);
                long size = Files.size(file);
                String where = url == null ? file.getFileName().toString() : url;
                java.net.URI absolute = java.net.URI.create(where);
                if (absolute.isAbsolute() && !UpdateConfig.allowedUrl(absolute)) {
                    throw new IllegalArgumentException("--url must be https:// or relative to the manifest: " + where);
                }
                Release release = new Release(component, version, where, size, sha256(file), "")
                        .signedWith(privateKey);
                List<Release> releases = new ArrayList<>();
                if (Files.exists(out)) {
                    for (Release existing : ManifestCodec.parse(Files.readAllBytes(out))) {
                        if (!existing.component().equals(component)) {
                            releases.add(existing);
                        }
                    }
                }
                releases.add(release);
                Path temp = out.toAbsolutePath().resolveSibling("." + out.getFileName() + ".tmp");
                Files.write(temp, ManifestCodec.write(releases));
                Files.move(temp, out.toAbsolutePath(), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
                spec.commandLine().getOut().println("signed " + component + " " + version + " (" + size
                        + " bytes, sha256 " + release.sha256() + ") into " + out);
                spec.commandLine().getOut().flush();
                return 0;
            } catch (IllegalArgumentException | GeneralSecurityException | UpdateException e) {
                stderr.println("release sign: " + e.getMessage());
                stderr.flush();
                return EXIT_FAILED;
            }
        }
    }

    /** {@code release verify}. */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check every release in a manifest against a public key, and a file against its release.")
    public static final class Verify implements Callable<Integer> {
        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Option(names = "--public-key", required = true, description = "the public key file (release.pub)")
        private Path publicKeyFile;

        @Option(names = "--manifest", required = true, description = "the manifest")
        private Path manifest;

        @Option(names = "--file", description = "a file to check against the release of --component")
        private Path file;

        @Option(names = "--component", defaultValue = Release.PROGRAM, description = "program or web "
                + "(default: ${DEFAULT-VALUE})")
        private String component;

        @Override
        public Integer call() throws IOException {
            PrintWriter stdout = spec.commandLine().getOut();
            PrintWriter stderr = spec.commandLine().getErr();
            try {
                PublicKey publicKey = ReleaseKeys.publicKey(Files.readString(publicKeyFile, StandardCharsets.US_ASCII));
                List<Release> releases = ManifestCodec.parse(Files.readAllBytes(manifest));
                boolean ok = true;
                for (Release release : releases) {
                    boolean verifies = release.verifies(publicKey);
                    ok &= verifies;
                    stdout.println(release.component() + " " + release.version() + ": "
                            + (verifies ? "signature ok" : "BAD SIGNATURE"));
                }
                if (file != null) {
                    Release release = ManifestCodec.find(releases, component);
                    boolean matches = Files.size(file) == release.sizeBytes()
                            && sha256(file).equals(release.sha256());
                    ok &= matches;
                    stdout.println(file + ": " + (matches ? "matches" : "DOES NOT MATCH") + " " + component + " "
                            + release.version());
                }
                stdout.flush();
                return ok ? 0 : EXIT_FAILED;
            } catch (IllegalArgumentException | UpdateException e) {
                stderr.println("release verify: " + e.getMessage());
                stderr.flush();
                return EXIT_FAILED;
            }
        }
    }

    /**
     * Checks that a file is what its component needs: a zip for the jar, a bundle that unpacks safely for the web.
     */
    private static void checkPayload(String component, Path file) throws IOException, UpdateException {
        if (!Release.PROGRAM.equals(component) && !Release.WEB.equals(component)) {
            throw new IllegalArgumentException("component must be program or web: " + component);
        }
        if (Release.PROGRAM.equals(component)) {
            try (ZipFile jar = new ZipFile(file.toFile())) {
                if (jar.size() == 0) {
                    throw new IllegalArgumentException(file + " is an empty jar");
                }
            } catch (ZipException e) {
                throw new IllegalArgumentException(file + " is not a jar: " + e.getMessage(), e);
            }
            return;
        }
        Path temp = Files.createTempDirectory("dinamics-bundle-check");
        try {
            WebBundle.unpack(file, temp, UpdateConfig.DEFAULT_MAX_UNPACKED_WEB_BYTES, UpdateStorage.FILE_SYSTEM);
        } finally {
            FileOps.deleteQuietly(temp);
        }
    }

    /**
     * Hashes a file.
     *
     * @param file the file
     * @return its SHA-256, lower-case hex
     * @throws IOException when it cannot be read
     */
    static String sha256(Path file) throws IOException {
        MessageDigest digest = Downloader.sha256();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
