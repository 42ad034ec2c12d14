package me.napolni.dinamics.web.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The UI's files: those built into the program, read once at start from the classpath and served by exact path
 * only, or, while an installed bundle's directory is supplied, that directory's files, looked up per request.
 *
 * <p>A directory lookup accepts only a plain path ({@code [A-Za-z0-9._-]} segments, none empty or starting with a
 * dot, so no {@code ..}, no encoding, no hidden file), resolves it inside the directory, checks that its real path
 * is still inside the directory's real path and that it is a regular file. Anything else falls back to the built-in
 * file of that path, or is not found. Directories are never listed.
 */
final class StaticAssets {

    /** A file to serve. */
    record Asset(String contentType, byte[] bytes) {
    }

    private static final String UI = "/me/napolni/dinamics/web/ui/";
    private static final String UPLOT_POM = "/META-INF/maven/org.webjars.npm/uplot/pom.properties";

    private static final System.Logger LOG = System.getLogger(StaticAssets.class.getName());
    private static final Pattern PLAIN_PATH = Pattern.compile("^(/[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}){1,8}$");
    /** The largest file served from a bundle directory. */
    private static final long MAX_FILE_BYTES = 16L << 20;
    private static final String OCTETS = "application/octet-stream";
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", WebResponse.HTML),
            Map.entry("htm", WebResponse.HTML),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json"),
            Map.entry("map", "application/json"),
            Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"),
            Map.entry("webp", "image/webp"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("woff", "font/woff"),
            Map.entry("woff2", "font/woff2"));

    private final Map<String, Asset> byPath = new LinkedHashMap<>();
    private final Supplier<Optional<Path>> dir;

    private StaticAssets(Supplier<Optional<Path>> dir) {
        this.dir = dir;
    }

    static StaticAssets load() {
        return load(Optional::empty);
    }

    static StaticAssets load(Supplier<Optional<Path>> dir) {
        StaticAssets assets = new StaticAssets(dir);
        assets.add("/", UI + "index.html", WebResponse.HTML);
        assets.add("/login", UI + "login.html", WebResponse.HTML);
        assets.add("/app.js", UI + "app.js", "text/javascript; charset=utf-8");
        assets.add("/app.css", UI + "app.css", "text/css; charset=utf-8");
        assets.add("/favicon.svg", UI + "favicon.svg", "image/svg+xml");
        String uplot = "/META-INF/resources/webjars/uplot/" + uplotVersion() + "/dist/";
        assets.add("/vendor/uplot.js", uplot + "uPlot.iife.min.js", "text/javascript; charset=utf-8");
        assets.add("/vendor/uplot.css", uplot + "uPlot.min.css", "text/css; charset=utf-8");
        return assets;
    }

    /** The asset at exactly this path (from the bundle directory when one is supplied and has it), or null. */
    Asset find(String path) {
        Optional<Path> base = currentDir();
        if (base.isPresent()) {
            Asset fromDir = fromDir(base.get(), path);
            if (fromDir != null) {
                return fromDir;
            }
        }
        return byPath.get(path);
    }

    private Optional<Path> currentDir() {
        try {
            Optional<Path> base = dir.get();
            return base == null ? Optional.empty() : base;
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "web UI directory unavailable, serving the built-in UI: " + e);
            return Optional.empty();
        }
    }

    /** The file for a request path inside the directory, or null when there is none (or the path is not plain). */
    static Asset fromDir(Path base, String path) {
        String name = path.equals("/") ? "/index.html" : path.equals("/login") ? "/login.html" : path;
        if (!PLAIN_PATH.matcher(name).matches()) {
            return null;
        }
        try {
            Path root = base.toRealPath();
            Path file = root.resolve(name.substring(1)).normalize();
            if (!file.startsWith(root) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                return null;
            }
            Path real = file.toRealPath();
            if (!real.startsWith(root) || Files.size(real) > MAX_FILE_BYTES) {
                return null;
            }
            return new Asset(contentType(name), Files.readAllBytes(real));
        } catch (IOException | SecurityException e) {
            return null;                // gone, unreadable, or switched away meanwhile: the built-in file if any
        }
    }

    /** The content type of a file name by its extension; unknown ones are plain bytes (nosniff is always sent). */
    static String contentType(String name) {
        int dot = name.lastIndexOf('.');
        int slash = name.lastIndexOf('/');
        if (dot <= slash + 1) {
            return OCTETS;
        }
        return TYPES.getOrDefault(name.substring(dot + 1).toLowerCase(Locale.ROOT), OCTETS);
    }

    /** True for the files a login page needs, which hold no data and are served to anyone. */
    static boolean isPublic(String path) {
        return !path.equals("/") && !path.equals("/index.html");
    }

    private void add(String path, String resource, String contentType) {
        byPath.put(path, new Asset(contentType, read(resource)));
    }

    private static byte[] read(String resource) {
        try (InputStream in = StaticAssets.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing UI resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read UI resource " + resource, e);
        }
    }

    private static String uplotVersion() {
        try (InputStream in = StaticAssets.class.getResourceAsStream(UPLOT_POM)) {
            if (in == null) {
                throw new IllegalStateException("the uPlot webjar is not on the classpath");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + UPLOT_POM, e);
        }
    }
}
