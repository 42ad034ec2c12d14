package me.napolni.dinamics.web.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The UI's files, read once at start from the classpath into memory and served by exact path only: there is no
 * file system lookup, so no path can reach anything else and there is nothing to list.
 */
final class StaticAssets {

    /** A file to serve. */
    record Asset(String contentType, byte[] bytes) {
    }

    private static final String UI = "/me/napolni/dinamics/web/ui/";
    private static final String UPLOT_POM = "/META-INF/maven/org.webjars.npm/uplot/pom.properties";

    private final Map<String, Asset> byPath = new LinkedHashMap<>();

    private StaticAssets() {
    }

    static StaticAssets load() {
        StaticAssets assets = new StaticAssets();
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

    /** The asset at exactly this path, or null. */
    Asset find(String path) {
        return byPath.get(path);
    }

    /** True for the files a login page needs, which hold no data and are served to anyone. */
    static boolean isPublic(String path) {
        return !path.equals("/");
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
