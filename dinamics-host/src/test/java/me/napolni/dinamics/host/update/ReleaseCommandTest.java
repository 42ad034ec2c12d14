package me.napolni.dinamics.host.update;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReleaseCommandTest {

    @TempDir
    Path temp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int release(String... args) {
        CommandLine line = new CommandLine(new ReleaseCommand());
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        return line.execute(args);
    }

    private Path keys() {
        Path dir = temp.resolve("keys");
        assertEquals(0, release("keygen", "--out", dir.toString()), err.toString());
        return dir;
    }

    @Test
    void shouldSignWhatTheGatewayVerifiesWhenKeygenThenSign() throws Exception {
        Path keys = keys();
        Path privateKey = keys.resolve(ReleaseCommand.PRIVATE_KEY_FILE);
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(privateKey));
        String publicText = Files.readString(keys.resolve(ReleaseCommand.PUBLIC_KEY_FILE)).strip();
        assertTrue(out.toString().contains(publicText), "keygen prints the config line");
        assertTrue(UpdateConfig.problems("https://example.invalid/m.json", publicText).isEmpty());

        byte[] jarBytes = Fixtures.jar("1.4.0", "healthy");
        Path jar = Files.write(temp.resolve("dinamics.jar"), jarBytes);
        Path manifest = temp.resolve("manifest.json");
        assertEquals(0, release("sign", "--key", privateKey.toString(), "--component", "program", "--version",
                "1.4.0", "--file", jar.toString(), "--url", "dinamics-1.4.0.jar", "--out", manifest.toString()),
                err.toString());

        Release signed = ManifestCodec.find(ManifestCodec.parse(Files.readAllBytes(manifest)), Release.PROGRAM);
        PublicKey publicKey = ReleaseKeys.publicKey(publicText);
        assertTrue(signed.verifies(publicKey));
        assertEquals("1.4.0", signed.version());
        assertEquals("dinamics-1.4.0.jar", signed.url());
        assertEquals(jarBytes.length, signed.sizeBytes());
        assertEquals(Fixtures.sha256(jarBytes), signed.sha256());
        assertFalse(signed.verifies(Fixtures.KEYS.getPublic()), "another key does not verify it");

        assertEquals(0, release("verify", "--public-key", keys.resolve(ReleaseCommand.PUBLIC_KEY_FILE).toString(),
                "--manifest", manifest.toString(), "--file", jar.toString()), out + " " + err);
    }

    @Test
    void shouldKeepOtherComponentWhenSigningIntoExistingManifest() throws Exception {
        Path keys = keys();
        Path privateKey = keys.resolve(ReleaseCommand.PRIVATE_KEY_FILE);
        Path jar = Files.write(temp.resolve("dinamics.jar"), Fixtures.jar("1.4.0", "healthy"));
        Path zip = Files.write(temp.resolve("web.zip"), Fixtures.zip(Map.of("index.html", "<h1>hi</h1>")));
        Path manifest = temp.resolve("manifest.json");
        assertEquals(0, release("sign", "--key", privateKey.toString(), "--component", "program", "--version",
                "1.4.0", "--file", jar.toString(), "--out", manifest.toString()), err.toString());
        assertEquals(0, release("sign", "--key", privateKey.toString(), "--component", "web", "--version",
                "1.4.1", "--file", zip.toString(), "--out", manifest.toString()), err.toString());
        List<Release> releases = ManifestCodec.parse(Files.readAllBytes(manifest));
        assertEquals(2, releases.size());
        assertEquals("dinamics.jar", ManifestCodec.find(releases, Release.PROGRAM).url(), "default url: file name");
        assertEquals("1.4.1", ManifestCodec.find(releases, Release.WEB).version());
    }

    @Test
    void shouldFailVerificationWhenAnySignedFieldIsTampered() throws Exception {
        Path keys = keys();
        Path jar = Files.write(temp.resolve("dinamics.jar"), Fixtures.jar("1.4.0", "healthy"));
        Path manifest = temp.resolve("manifest.json");
        assertEquals(0, release("sign", "--key", keys.resolve(ReleaseCommand.PRIVATE_KEY_FILE).toString(),
                "--component", "program", "--version", "1.4.0", "--file", jar.toString(), "--url",
                "https://example.invalid/d.jar", "--out", manifest.toString()));
        String json = Files.readString(manifest);
        PublicKey key = ReleaseKeys.publicKey(Files.readString(keys.resolve(ReleaseCommand.PUBLIC_KEY_FILE)));
        Release genuine = ManifestCodec.parse(json.getBytes(StandardCharsets.UTF_8)).get(0);
        assertTrue(genuine.verifies(key));
        List<String> tampered = List.of(
                json.replace("\"1.4.0\"", "\"1.4.1\""),
                json.replace("example.invalid", "evil.invalid"),
                json.replace("\"size\" : " + genuine.sizeBytes(), "\"size\" : " + (genuine.sizeBytes() + 1)),
                json.replace(genuine.sha256(), genuine.sha256().replace(genuine.sha256().charAt(0),
                        genuine.sha256().charAt(0) == 'a' ? 'b' : 'a')),
                json.replace(genuine.signature(), genuine.signature().substring(0, 10)
                        + (genuine.signature().charAt(10) == 'A' ? 'B' : 'A') + genuine.signature().substring(11)));
        for (String variant : tampered) {
            assertNotEquals(json, variant, "the tampering applied");
            Release release = ManifestCodec.parse(variant.getBytes(StandardCharsets.UTF_8)).get(0);
            assertFalse(release.verifies(key), variant);
            Path file = Files.writeString(temp.resolve("tampered.json"), variant);
            assertEquals(ReleaseCommand.EXIT_FAILED, release("verify", "--public-key",
                    keys.resolve(ReleaseCommand.PUBLIC_KEY_FILE).toString(), "--manifest", file.toString()));
        }
    }

    @Test
    void shouldRefuseToOverwriteKeyWhenKeygenRunsTwice() throws Exception {
        Path keys = keys();
        String before = Files.readString(keys.resolve(ReleaseCommand.PRIVATE_KEY_FILE));
        assertEquals(ReleaseCommand.EXIT_FAILED, release("keygen", "--out", keys.toString()));
        assertEquals(before, Files.readString(keys.resolve(ReleaseCommand.PRIVATE_KEY_FILE)));
    }

    @Test
    void shouldRefuseToSignWhenUrlIsPlainHttp() throws Exception {
        Path keys = keys();
        Path jar = Files.write(temp.resolve("dinamics.jar"), Fixtures.jar("1.4.0", "healthy"));
        Path manifest = temp.resolve("manifest.json");
        assertEquals(ReleaseCommand.EXIT_FAILED, release("sign", "--key",
                keys.resolve(ReleaseCommand.PRIVATE_KEY_FILE).toString(), "--component", "program", "--version",
                "1.4.0", "--file", jar.toString(), "--url", "http://example.org/d.jar", "--out", manifest.toString()));
        assertFalse(Files.exists(manifest), "nothing a gateway would refuse is published");
    }

    @Test
    void shouldRefuseToSignWhenWebBundleIsUnsafe() throws Exception {
        Path keys = keys();
        Path zip = Files.write(temp.resolve("web.zip"), Fixtures.zip(Map.of("index.html", "x", "../evil", "y")));
        Path manifest = temp.resolve("manifest.json");
        assertEquals(ReleaseCommand.EXIT_FAILED, release("sign", "--key",
                keys.resolve(ReleaseCommand.PRIVATE_KEY_FILE).toString(), "--component", "web", "--version", "1.0.0",
                "--file", zip.toString(), "--out", manifest.toString()));
        assertFalse(Files.exists(manifest));
        assertTrue(err.toString().contains("bad_manifest"), err.toString());
    }
}
