package me.napolni.dinamics.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The UI served from an installed bundle's directory ({@link WebConfig#withAssetDir}). */
class AssetDirTest {

    private static final String TOKEN = "asset-token-7d1e93";
    private static final String INDEX = "<!doctype html><title>bundle index</title>";

    @TempDir
    Path tmp;

    private final AtomicReference<Optional<Path>> active = new AtomicReference<>(Optional.empty());
    private Path bundle;
    private WebServer server;
    private Http http;

    @BeforeEach
    void start() throws Exception {
        bundle = Files.createDirectories(tmp.resolve("web-assets").resolve("1.1.0"));
        Files.writeString(bundle.resolve("index.html"), INDEX);
        Files.writeString(bundle.resolve("login.html"), "<!doctype html><p class=\"error\" hidden>bundle login</p>");
        Files.writeString(bundle.resolve("app.js"), "console.log('bundle');");
        Files.createDirectories(bundle.resolve("img"));
        Files.write(bundle.resolve("img").resolve("logo.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        Files.writeString(bundle.resolve("data.bin"), "raw");
        Files.writeString(tmp.resolve("web-assets").resolve("secret.txt"), "outside the bundle");
        Files.writeString(tmp.resolve("secret.txt"), "outside the bundle");
        server = WebServer.start(new FakeDevice(), WebConfig.of(() -> TOKEN).withAssetDir(active::get));
        http = new Http(server.uri(), TOKEN);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void shouldServeTheBundlesFilesWhenADirectoryIsActive() throws Exception {
        String builtIn = http.get("/").body();
        assertFalse(builtIn.contains("bundle index"), "the built-in page while no bundle is active");

        active.set(Optional.of(bundle));

        HttpResponse<String> page = http.get("/");
        assertEquals(200, page.statusCode());
        assertEquals(INDEX, page.body());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertEquals("DENY", page.headers().firstValue("X-Frame-Options").orElse(""), "same security headers");
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'self'"));
        HttpResponse<String> script = http.getAnonymous("/app.js");
        assertEquals("console.log('bundle');", script.body());
        assertTrue(script.headers().firstValue("Content-Type").orElse("").startsWith("text/javascript"));
        assertEquals("image/png", http.getAnonymous("/img/logo.png").headers().firstValue("Content-Type")
                .orElse(""));
        assertEquals("application/octet-stream", http.getAnonymous("/data.bin").headers()
                .firstValue("Content-Type").orElse(""));
        assertTrue(http.getAnonymous("/login").body().contains("bundle login"));
        assertEquals(200, http.getAnonymous("/app.css").statusCode(), "a file the bundle lacks is the built-in one");

        active.set(Optional.empty());
        assertEquals(builtIn, http.get("/").body(), "back to the built-in page");
    }

    @Test
    void shouldKeepThePageBehindTheTokenWhenItComesFromTheBundle() throws Exception {
        active.set(Optional.of(bundle));
        assertEquals(303, http.getAnonymous("/").statusCode(), "to the login page");
        HttpResponse<String> direct = http.getAnonymous("/index.html");
        assertEquals(404, direct.statusCode());
        assertFalse(direct.body().contains("bundle index"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "/../secret.txt", "/..%2Fsecret.txt", "/%2e%2e/secret.txt", "/img/..%2F..%2Fsecret.txt",
        "/img/%2E%2E/%2E%2E/secret.txt", "/.%2e/.%2e/secret.txt", "/..\\..\\secret.txt", "/img", "/img/",
        "/%2Fetc%2Fpasswd", "//etc/passwd", "/.hidden", "/img/../../secret.txt"})
    void shouldRefuseWhenThePathLeavesTheBundleOrIsNotAPlainFile(String path) throws Exception {
        Files.writeString(bundle.resolve(".hidden"), "hidden");
        active.set(Optional.of(bundle));
        String response = Http.raw(server.port(), "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()
                + "\r\nAuthorization: Bearer " + TOKEN + "\r\nConnection: close\r\n\r\n", new byte[0]);
        int status = Http.status(response);
        assertTrue(status == 404 || status == 400, path + " -> " + response);
        assertFalse(response.contains("outside the bundle"), path + " -> " + response);
        assertFalse(response.contains("root:"), path);
        assertFalse(response.contains("hidden\r\n") || response.endsWith("hidden"), path);
    }

    @Test
    void shouldRefuseALinkThatPointsOutOfTheBundle() throws Exception {
        Files.createSymbolicLink(bundle.resolve("escape.txt"), tmp.resolve("secret.txt"));
        Files.createSymbolicLink(bundle.resolve("up"), tmp);
        active.set(Optional.of(bundle));
        assertEquals(404, http.getAnonymous("/escape.txt").statusCode());
        HttpResponse<String> viaDir = http.getAnonymous("/up/secret.txt");
        assertEquals(404, viaDir.statusCode());
        assertFalse(viaDir.body().contains("outside"));
    }

    @Test
    void shouldServeTheBuiltInUiWhenTheDirectoryVanishes() throws Exception {
        Path gone = tmp.resolve("web-assets").resolve("9.9.9");
        active.set(Optional.of(gone));
        HttpResponse<String> page = http.get("/");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().getBytes(StandardCharsets.UTF_8).length > 0);
        assertFalse(page.body().contains("bundle index"));
    }
}
