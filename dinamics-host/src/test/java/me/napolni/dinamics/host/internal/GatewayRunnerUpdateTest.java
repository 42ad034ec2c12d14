package me.napolni.dinamics.host.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import me.napolni.dinamics.core.device.CommandResult;
import me.napolni.dinamics.core.device.DeviceListener;
import me.napolni.dinamics.core.time.ManualClock;
import me.napolni.dinamics.core.time.NanoClock;
import me.napolni.dinamics.host.DinamicsMain;
import me.napolni.dinamics.host.HostConfig;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 9 end to end: a gateway started by {@link GatewayRunner} from a configuration file, a loopback HTTP server
 * publishing releases signed with {@code dinamics release}, the embedded broker, and the web server. Updates are
 * asked for through {@code DeviceControl} and over MQTT ({@code set_update}, {@code set_update_spiffs}).
 */
class GatewayRunnerUpdateTest {

    private static final Duration WAIT = Duration.ofSeconds(40);
    private static final String SERIAL = "upd";
    private static final String BASE = "Dinamics/" + SERIAL + "/";
    private static final String NEW_INDEX = "<!doctype html><title>replacement UI 1.1.0</title>";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(WAIT).build();

    @TempDir
    Path dir;

    private HttpServer site;
    private Path siteDir;
    private EmbeddedBroker broker;
    private MiniEvse evse;
    private int evsePort;
    private MqttClient watcher;
    private final List<String[]> mqtt = new CopyOnWriteArrayList<>();
    private final List<String> progress = new CopyOnWriteArrayList<>();
    private final LinkedBlockingQueue<Integer> restarts = new LinkedBlockingQueue<>();
    private final List<GatewayRunner> runners = new ArrayList<>();

    private final MeasurementSource house = new MeasurementSource() {
        @Override
        public void start(MainsReadings sink) {
        }

        @Override
        public String description() {
            return "test";
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void start() throws Exception {
        siteDir = Files.createDirectories(dir.resolve("site"));
        site = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        site.createContext("/", exchange -> {
            Path file = siteDir.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
            try (exchange) {
                if (!file.startsWith(siteDir) || !Files.isRegularFile(file)) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                byte[] body = Files.readAllBytes(file);
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        site.start();
        broker = EmbeddedBroker.start(EmbeddedBroker.ANY_PORT);
        evse = new MiniEvse(new ManualClock(), 32);
        evsePort = evse.serveTcp(0);
        watcher = new MqttClient(broker.url(), "update-test-watcher", new MemoryPersistence());
        watcher.connect();
        watcher.subscribe(BASE + "#", 1, (topic, message) -> mqtt.add(new String[] {topic.substring(BASE.length()),
                new String(message.getPayload(), StandardCharsets.UTF_8)}));
    }

    @AfterEach
    void stop() throws Exception {
        for (GatewayRunner runner : runners) {
            runner.close();
        }
        try {
            watcher.disconnect();
        } catch (MqttException e) {
            // the broker already dropped the watcher (seen once on CI under load): nothing left to disconnect
        }
        watcher.close();
        evse.close();
        broker.close();
        site.stop(0);
    }

    // ---------------------------------------------------------------- helpers

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = DinamicsMain.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        assertEquals(0, exit, String.join(" ", args) + ": " + out + err);
        return out.toString();
    }

    /** Makes the key pair with {@code dinamics release keygen}; returns the public key's text. */
    private String keygen() throws IOException {
        run("release", "keygen", "--out", dir.resolve("keys").toString());
        return Files.readString(dir.resolve("keys").resolve("release.pub")).trim();
    }

    /** Publishes a file signed with {@code dinamics release sign} next to the manifest. */
    private void publish(String component, String version, String name, byte[] bytes) throws IOException {
        Files.write(siteDir.resolve(name), bytes);
        run("release", "sign", "--key", dir.resolve("keys").resolve("release.key").toString(), "--component",
                component, "--version", version, "--file", siteDir.resolve(name).toString(), "--url", name, "--out",
                siteDir.resolve("manifest.json").toString());
    }

    /** Changes a signed field of the manifest's only release without signing it again. */
    private void tamper(String field, String value) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode manifest = (ObjectNode) json.readTree(siteDir.resolve("manifest.json").toFile());
        ((ObjectNode) manifest.get("releases").get(0)).put(field, value);
        json.writeValue(siteDir.resolve("manifest.json").toFile(), manifest);
    }

    private static byte[] bundle(String index) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("index.html"));
            zip.write(index.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("extra/notes.txt"));
            zip.write("bundle 1.1.0".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    private static byte[] jar(String version) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, version);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
            jar.putNextEntry(new JarEntry("version.txt"));
            jar.write(version.getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
        return bytes.toByteArray();
    }

    private Path installRoot(String version) throws IOException {
        Path root = dir.resolve("opt");
        Path versionDir = Files.createDirectories(root.resolve("versions").resolve(version));
        Files.write(versionDir.resolve("dinamics.jar"), jar(version));
        Files.createSymbolicLink(root.resolve("current"), Path.of("versions", version));
        return root;
    }

    private Path config(String publicKey, Path installRoot) throws IOException {
        StringBuilder update = new StringBuilder();
        if (publicKey != null) {
            update.append(",'update':{'url':'http://127.0.0.1:").append(site.getAddress().getPort())
                    .append("/manifest.json','publicKey':'").append(publicKey).append('\'');
            if (installRoot != null) {
                update.append(",'installRoot':'").append(installRoot).append('\'');
            }
            update.append('}');
        }
        String json = "{'serial':'" + SERIAL + "','dataDir':'" + dir.resolve("data") + "',"
                + "'chargers':[{'port':'tcp://127.0.0.1:" + evsePort + "'}],"
                + "'meter':{'type':'adc','port':'/dev/null'},"
                + "'mqtt':{'url':'" + broker.url() + "'},'homeassistant':{'enabled':false},"
                + "'web':{'bind':'127.0.0.1','port':0}" + update + "}";
        Path file = dir.resolve("dinamics.json");
        Files.writeString(file, json.replace('\'', '"'));
        return file;
    }

    private GatewayRunner startRunner(Path configFile) throws Exception {
        HostConfig config = HostConfig.load(configFile);
        GatewayRunner runner = GatewayRunner.start(config, NanoClock.system(), house,
                List.of(Connectors.tcp("127.0.0.1", evsePort)), SERIAL,
                new SettingsStore(config.dataDir(), config.chargerIds()), restarts::add);
        runners.add(runner);
        runner.gateway().addListener(new DeviceListener() {
            @Override
            public void onUpdateStatus(boolean spiffs, String text) {
                progress.add((spiffs ? "web " : "program ") + text);
            }
        });
        await().atMost(WAIT).until(() -> runner.adapters().bridge().connected());
        return runner;
    }

    private static CommandResult get(java.util.concurrent.CompletionStage<CommandResult> stage) throws Exception {
        return stage.toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private List<String> received(String topic) {
        List<String> payloads = new ArrayList<>();
        for (String[] message : mqtt) {
            if (message[0].equals(topic)) {
                payloads.add(message[1]);
            }
        }
        return payloads;
    }

    private void sendOverMqtt(String topic) throws Exception {
        watcher.publish(BASE + topic, "1".getBytes(StandardCharsets.US_ASCII), 1, false);
    }

    private static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : (Iterable<Path>) walk::iterator) {
                String name = root.relativize(path).toString();
                if (Files.isSymbolicLink(path)) {
                    files.put(name, "-> " + Files.readSymbolicLink(path));
                } else if (Files.isRegularFile(path)) {
                    files.put(name, new String(Files.readAllBytes(path), StandardCharsets.ISO_8859_1));
                } else {
                    files.put(name, "/");
                }
            }
        }
        return files;
    }

    private HttpResponse<String> web(GatewayRunner runner, String path) throws Exception {
        String token = WebToken.loadOrCreate(dir.resolve("data")).token();
        return HTTP.send(HttpRequest.newBuilder(URI.create(runner.adapters().webUrl()).resolve(path))
                .header("Authorization", "Bearer " + token).timeout(WAIT).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    // ---------------------------------------------------------------- tests

    @Test
    void shouldInstallAndServeTheBundleWhenSetUpdateSpiffsArrivesOverMqtt() throws Exception {
        String key = keygen();
        publish("web", "1.1.0", "web-1.1.0.zip", bundle(NEW_INDEX));
        GatewayRunner runner = startRunner(config(key, null));
        HttpResponse<String> before = web(runner, "/");
        assertEquals(200, before.statusCode());
        assertFalse(before.body().contains("replacement UI"), "the built-in UI before the update");

        sendOverMqtt("set_update_spiffs");

        await().atMost(WAIT).until(() -> received("update_spiffs_status").contains("done 1.1.0"));
        List<String> words = received("update_spiffs_status");
        assertEquals("checking", words.get(0), words.toString());
        assertTrue(words.contains("downloading 100 %"), words.toString());
        assertTrue(words.indexOf("verifying") < words.indexOf("installing"), words.toString());
        assertEquals(words, progress.stream().map(word -> word.substring("web ".length())).toList(),
                "the listener heard what MQTT published");
        assertTrue(received("error").isEmpty(), received("error").toString());

        HttpResponse<String> page = web(runner, "/");
        assertEquals(200, page.statusCode());
        assertEquals(NEW_INDEX, page.body(), "the installed bundle is served");
        assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElse(""));
        HttpResponse<String> notes = web(runner, "/extra/notes.txt");
        assertEquals("bundle 1.1.0", notes.body());
        assertTrue(notes.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        assertEquals(200, web(runner, "/app.js").statusCode(), "a file the bundle lacks comes from the program");
        Files.writeString(dir.resolve("data").resolve("secret.txt"), "secret");
        for (String path : List.of("/..%2Fsecret.txt", "/%2e%2e/secret.txt", "/extra/..%2F..%2F..%2Fsecret.txt",
                "/.hidden", "/extra")) {
            HttpResponse<String> refused = HTTP.send(HttpRequest.newBuilder(
                    URI.create(runner.adapters().webUrl() + path.substring(1))).timeout(WAIT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(404, refused.statusCode(), path);
            assertFalse(refused.body().contains("secret"), path);
        }
    }

    @Test
    void shouldSwitchRestartAndReportDoneWhenAProgramUpdateIsAskedThroughDeviceControl() throws Exception {
        Path root = installRoot("1.0.0");
        String key = keygen();
        publish("program", "1.2.0", "dinamics-1.2.0.jar", jar("1.2.0"));
        Path configFile = config(key, root);
        GatewayRunner runner = startRunner(configFile);
        await().atMost(WAIT).until(() -> Files.exists(root.resolve("state").resolve("healthy")));

        CommandResult reply = get(runner.gateway().update(false));

        assertTrue(reply.ok(), reply.toString());
        assertEquals(Integer.valueOf(75), restarts.poll(WAIT.toSeconds(), TimeUnit.SECONDS), "restart code");
        await().atMost(WAIT).until(() -> progress.contains("program restarting"));
        assertEquals(List.of("program checking", "program downloading 0 %"), progress.subList(0, 2));
        assertTrue(progress.indexOf("program verifying") < progress.indexOf("program installing"), progress.toString());
        assertTrue(progress.indexOf("program installing") < progress.indexOf("program restarting"),
                progress.toString());
        assertEquals(Path.of("versions", "1.2.0"), Files.readSymbolicLink(root.resolve("current")));
        assertEquals(Path.of("versions", "1.0.0"), Files.readSymbolicLink(root.resolve("previous")));
        assertEquals("1.2.0", Files.readString(root.resolve("state").resolve("pending")).trim());
        await().atMost(WAIT).until(() -> received("update_status").contains("restarting"));

        // the service manager starts the new version: it reports healthy and publishes done
        runners.remove(runner);
        runner.close();
        mqtt.clear();
        startRunner(configFile);
        await().atMost(WAIT).until(() -> received("update_status").contains("done 1.2.0"));
        assertEquals("1.2.0", Files.readString(root.resolve("state").resolve("healthy")).trim());
    }

    @Test
    void shouldReportBadSignatureAndInstallNothingWhenTheManifestIsTampered() throws Exception {
        Path root = installRoot("1.0.0");
        String key = keygen();
        publish("program", "1.2.0", "dinamics-1.2.0.jar", jar("1.2.0"));
        tamper("version", "9.0.0");
        GatewayRunner runner = startRunner(config(key, root));
        await().atMost(WAIT).until(() -> Files.exists(root.resolve("state").resolve("healthy")));
        Map<String, String> installed = snapshot(root);

        CommandResult reply = get(runner.gateway().update(false));
        assertEquals("update_failed", reply.reason(), reply.toString());
        assertEquals("bad_signature", reply.detail());
        await().atMost(WAIT).until(() -> progress.contains("program failed: bad_signature"));

        sendOverMqtt("set_update");
        await().atMost(WAIT).until(() -> received("update_status").stream()
                .filter("failed: bad_signature"::equals).count() == 2);
        await().atMost(WAIT).until(() -> received("error").stream().anyMatch(error ->
                error.contains("\"topic\":\"set_update\"") && error.contains("\"reason\":\"update_failed\"")
                        && error.contains("\"detail\":\"bad_signature\"")));

        assertTrue(restarts.isEmpty(), "no restart");
        assertEquals(installed, snapshot(root), "the install root is unchanged");
        assertFalse(Files.exists(dir.resolve("data").resolve("web-assets")), "no bundle directory");
        assertFalse(progress.contains("program downloading 0 %"), "nothing was downloaded");
    }

    @Test
    void shouldRejectTheBundleAndKeepServingTheBuiltInUiWhenItsHashIsTampered() throws Exception {
        String key = keygen();
        publish("web", "1.1.0", "web-1.1.0.zip", bundle(NEW_INDEX));
        byte[] served = Files.readAllBytes(siteDir.resolve("web-1.1.0.zip"));
        served[served.length / 2] ^= 0x20;         // same size, other bytes: only the hash tells
        Files.write(siteDir.resolve("web-1.1.0.zip"), served);
        GatewayRunner runner = startRunner(config(key, null));

        sendOverMqtt("set_update_spiffs");

        await().atMost(WAIT).until(() -> received("update_spiffs_status").contains("failed: hash_mismatch"));
        await().atMost(WAIT).until(() -> received("error").stream().anyMatch(error ->
                error.contains("\"topic\":\"set_update_spiffs\"") && error.contains("\"detail\":\"hash_mismatch\"")));
        assertFalse(Files.exists(dir.resolve("data").resolve("web-assets").resolve("current")));
        HttpResponse<String> page = web(runner, "/");
        assertEquals(200, page.statusCode());
        assertFalse(page.body().contains("replacement UI"), page.body());
    }

    @Test
    void shouldAnswerNotConfiguredWhenNoUpdateUrlIsSet() throws Exception {
        GatewayRunner runner = startRunner(config(null, null));

        CommandResult reply = get(runner.gateway().update(false));
        assertEquals("not_configured", reply.reason(), reply.toString());
        assertEquals(List.of("program failed: not_configured"), progress);

        sendOverMqtt("set_update_spiffs");
        await().atMost(WAIT).until(() -> received("error").stream().anyMatch(error ->
                error.contains("\"topic\":\"set_update_spiffs\"") && error.contains("\"reason\":\"not_configured\"")));
        await().atMost(WAIT).until(() -> received("update_spiffs_status").contains("failed: not_configured"));
        assertFalse(Files.exists(dir.resolve("data").resolve("web-assets")));
    }

    @Test
    void shouldPublishTheLaunchersNoteWhenTheLastUpdateWasRolledBack() throws Exception {
        Path root = installRoot("1.0.0");
        Path state = Files.createDirectories(root.resolve("state"));
        Files.writeString(state.resolve("note"), "failed: health_check\n");
        Files.writeString(state.resolve("bad-versions"), "1.2.0\n");
        String key = keygen();
        publish("program", "1.2.0", "dinamics-1.2.0.jar", jar("1.2.0"));

        GatewayRunner runner = startRunner(config(key, root));

        await().atMost(WAIT).until(() -> received("update_status").contains("failed: health_check"));
        await().atMost(WAIT).until(() -> received("error").contains("{\"topic\":\"set_update\",\"payload\":\"1\","
                + "\"reason\":\"update_failed\",\"expected\":\"1\",\"detail\":\"health_check\"}"));
        assertFalse(Files.exists(state.resolve("note")), "the note is published once");
        assertEquals("1.0.0", Files.readString(state.resolve("healthy")).trim());

        // the rolled-back version is offered again: refused without a download
        CommandResult reply = get(runner.gateway().update(false));
        assertEquals("health_check", reply.detail(), reply.toString());
        assertNotEquals(Path.of("versions", "1.2.0"), Files.readSymbolicLink(root.resolve("current")));
        assertTrue(restarts.isEmpty());
    }
}
