package me.napolni.dinamics.host.update;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where updates come from and where they go.
 *
 * @param manifestUrl the release manifest, {@code https://} (or {@code http://} on a loopback address, for tests);
 *                    null when updates are not configured
 * @param publicKey the publisher's Ed25519 key; null when updates are not configured
 * @param installRoot the program's install root ({@code <root>/versions/<v>/dinamics.jar}, {@code current},
 *                    {@code previous}, {@code state/}); null when the program does not run from that layout
 * @param dataDir the data directory; web bundles go to {@code <dataDir>/web-assets/<version>/}
 * @param maxProgramBytes the largest program jar accepted
 * @param maxWebBytes the largest web bundle (zip) accepted
 * @param maxUnpackedWebBytes the most bytes a web bundle may unpack to
 * @param httpTimeoutMs connect and response-header timeout of each request
 */
public record UpdateConfig(URI manifestUrl, PublicKey publicKey, Path installRoot, Path dataDir,
        long maxProgramBytes, long maxWebBytes, long maxUnpackedWebBytes, long httpTimeoutMs) {

    /** Default {@link #maxProgramBytes()}: 256 MiB. */
    public static final long DEFAULT_MAX_PROGRAM_BYTES = 256L << 20;
    /** Default {@link #maxWebBytes()}: 32 MiB. */
    public static final long DEFAULT_MAX_WEB_BYTES = 32L << 20;
    /** Default {@link #maxUnpackedWebBytes()}: 64 MiB. */
    public static final long DEFAULT_MAX_UNPACKED_WEB_BYTES = 64L << 20;
    /** Default {@link #httpTimeoutMs()}. */
    public static final long DEFAULT_HTTP_TIMEOUT_MS = 30_000;
    /** Default install root of the packaged gateway. */
    public static final String DEFAULT_INSTALL_ROOT = "/opt/dinamics";

    /**
     * Checks the values.
     *
     * @param manifestUrl the manifest URL or null
     * @param publicKey the key or null
     * @param installRoot the install root or null
     * @param dataDir the data directory
     * @param maxProgramBytes the program cap
     * @param maxWebBytes the bundle cap
     * @param maxUnpackedWebBytes the unpacked bundle cap
     * @param httpTimeoutMs the HTTP timeout
     */
    public UpdateConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        if (manifestUrl != null && !allowedUrl(manifestUrl)) {
            throw new IllegalArgumentException("manifest URL must be https:// (http:// only on loopback)");
        }
        if (maxProgramBytes <= 0 || maxWebBytes <= 0 || maxUnpackedWebBytes <= 0 || httpTimeoutMs <= 0) {
            throw new IllegalArgumentException("caps and timeout must be positive");
        }
    }

    /**
     * Builds a configuration from the config file's text values with default caps.
     *
     * @param manifestUrl {@code update.url}, or null
     * @param publicKey {@code update.publicKey} (base64, as {@code release keygen} writes it), or null
     * @param installRoot {@code update.installRoot}, or null for none
     * @param dataDir the gateway's data directory
     * @return the configuration
     * @throws IllegalArgumentException listing every problem, one per line
     */
    public static UpdateConfig of(String manifestUrl, String publicKey, String installRoot, Path dataDir) {
        List<String> problems = problems(manifestUrl, publicKey);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
        return new UpdateConfig(manifestUrl == null ? null : URI.create(manifestUrl),
                publicKey == null ? null : ReleaseKeys.publicKey(publicKey),
                installRoot == null ? null : Path.of(installRoot), dataDir, DEFAULT_MAX_PROGRAM_BYTES,
                DEFAULT_MAX_WEB_BYTES, DEFAULT_MAX_UNPACKED_WEB_BYTES, DEFAULT_HTTP_TIMEOUT_MS);
    }

    /**
     * Lists what is wrong with the config file's update values (for start-up validation).
     *
     * @param manifestUrl {@code update.url}, or null
     * @param publicKey {@code update.publicKey}, or null
     * @return the problems, empty when fine; each starts with the key's name
     */
    public static List<String> problems(String manifestUrl, String publicKey) {
        List<String> problems = new ArrayList<>();
        if (manifestUrl != null) {
            try {
                URI uri = new URI(manifestUrl);
                if (!allowedUrl(uri)) {
                    problems.add("url: must start with https:// (http:// only on a loopback address)");
                }
            } catch (URISyntaxException e) {
                problems.add("url: not a URL: " + e.getReason());
            }
        }
        if (publicKey != null) {
            try {
                ReleaseKeys.publicKey(publicKey);
            } catch (IllegalArgumentException e) {
                problems.add("publicKey: " + e.getMessage() + " (use the text of release.pub)");
            }
        }
        if ((manifestUrl == null) != (publicKey == null)) {
            problems.add("url and publicKey: give both or neither");
        }
        return problems;
    }

    /**
     * Tells whether updates are configured at all.
     *
     * @return true when a manifest URL and a key are set
     */
    public boolean configured() {
        return manifestUrl != null && publicKey != null;
    }

    /**
     * Tells whether a URL may be fetched: {@code https}, or {@code http} to a loopback address.
     *
     * @param uri the URL
     * @return true when allowed
     */
    static boolean allowedUrl(URI uri) {
        String scheme = uri.getScheme();
        if (uri.getHost() == null || scheme == null) {
            return false;
        }
        if (scheme.equalsIgnoreCase("https")) {
            return true;
        }
        if (!scheme.equalsIgnoreCase("http")) {
            return false;
        }
        String host = uri.getHost();
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!host.matches("^[0-9.]+$") && !host.startsWith("[")) {
            return false;                               // never resolve a name to decide
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
