package me.napolni.dinamics.host;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code update} section of the configuration file: read, checked with every other problem, documented. */
class UpdateConfigFileTest {

    @TempDir
    Path dir;

    private String publicKey() throws IOException {
        Path keys = dir.resolve("keys");
        StringWriter err = new StringWriter();
        int exit = DinamicsMain.execute(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true),
                "release", "keygen", "--out", keys.toString());
        assertEquals(0, exit, err.toString());
        return Files.readString(keys.resolve("release.pub")).trim();
    }

    private Path write(String update) throws IOException {
        Path file = dir.resolve("dinamics.json");
        String json = "{'dataDir':'" + dir.resolve("data").toString().replace("\\", "/") + "',"
                + "'chargers':[{'port':'/dev/ttyUSB0'}],'meter':{'type':'adc','port':'/dev/ttyACM0'}"
                + (update == null ? "" : ",'update':" + update) + "}";
        Files.writeString(file, json.replace('\'', '"'), StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void shouldCarryUrlKeyAndInstallRootWhenTheSectionIsGood() throws Exception {
        String key = publicKey();
        HostConfig config = HostConfig.load(write("{'url':'https://updates.example.org/m.json','publicKey':'" + key
                + "','installRoot':'" + dir.resolve("opt").toString().replace("\\", "/") + "'}"));
        assertTrue(config.update().configured());
        assertEquals("https://updates.example.org/m.json", config.update().manifestUrl().toString());
        assertEquals(dir.resolve("opt"), config.update().installRoot());
        assertEquals(dir.resolve("data"), config.update().dataDir());
    }

    @Test
    void shouldLeaveUpdatesUnconfiguredWhenTheSectionIsMissing() throws Exception {
        HostConfig config = HostConfig.load(write(null));
        assertFalse(config.update().configured());
        assertNull(config.update().installRoot());
        assertEquals(dir.resolve("data"), config.update().dataDir());
    }

    @Test
    void shouldAcceptLoopbackHttpWhenTestingAgainstALocalServer() throws Exception {
        HostConfig config = HostConfig.load(write("{'url':'http://127.0.0.1:8000/m.json','publicKey':'"
                + publicKey() + "'}"));
        assertTrue(config.update().configured());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "plain http        | {'url':'http://updates.example.org/m.json','publicKey':'KEY'} | update.url: must start with https://",
        "not a url         | {'url':'https://exa mple/m','publicKey':'KEY'}                 | update.url: not a URL",
        "bad key           | {'url':'https://updates.example.org/m.json','publicKey':'bm90IGEga2V5'} | update.publicKey: ",
        "url without key   | {'url':'https://updates.example.org/m.json'}                   | update.url and publicKey: give both or neither",
        "key without url   | {'publicKey':'KEY'}                                            | update.url and publicKey: give both or neither",
        "relative root     | {'installRoot':'opt/dinamics'}                                 | update.installRoot: \"opt/dinamics\" is not an absolute path",
        "unknown key       | {'url':'https://u.example.org/m.json','publicKey':'KEY','channel':'beta'} | update.channel: unknown key",
        "wrong type        | {'url':42,'publicKey':'KEY'}                                   | update.url: expected a string",
    })
    void shouldListTheUpdateProblemWithTheOthersAndWriteNothingWhenTheSectionIsBad(String kind, String update,
            String expected) throws IOException {
        String key = publicKey();
        Path file = write(update.replace("KEY", key).replace("{'", "{'colour':'red','"));
        StringWriter err = new StringWriter();
        int exit = DinamicsMain.execute(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true),
                "run", "--config", file.toString());
        assertEquals(DinamicsMain.EXIT_USAGE, exit, kind + ": " + err);
        assertTrue(err.toString().contains(file + ": " + expected), kind + ": " + err);
        assertTrue(err.toString().contains("update.colour: unknown key"), kind + ": the other problem is listed too: "
                + err);
        assertFalse(Files.exists(dir.resolve("data")), kind + ": the data folder was created");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(2, files.count(), kind + ": only the config file and the keys are in the folder");
        }
        HostConfigException error = assertThrows(HostConfigException.class, () -> HostConfig.load(file));
        assertTrue(error.problems().stream().anyMatch(problem -> problem.startsWith(expected.trim())),
                String.join("\n", error.problems()));
    }
}
