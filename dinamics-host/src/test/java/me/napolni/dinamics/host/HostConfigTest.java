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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HostConfigTest {

    @TempDir
    Path dir;

    private Path write(String json) throws IOException {
        Path file = dir.resolve("dinamics.json");
        Files.writeString(file, json.replace('\'', '"'), StandardCharsets.UTF_8);
        return file;
    }

    private String data() {
        return dir.resolve("data").toString();
    }

    private String good() {
        return "{'dataDir':'" + data() + "','chargers':[{'id':'1','port':'/dev/ttyUSB0'}],"
                + "'meter':{'type':'modbus','model':'sdm630','port':'tcp://127.0.0.1:502'},"
                + "'mqtt':{'url':'tcp://broker.local:1883','username':'u','password':'p'},"
                + "'web':{'port':8081}}";
    }

    @Test
    void shouldReadEveryDefaultWhenOnlyRequiredKeysAreGiven() throws Exception {
        HostConfig config = HostConfig.load(write("{'chargers':[{'port':'tcp://127.0.0.1:8023'}],"
                + "'meter':{'type':'adc','port':'/dev/ttyACM0'}}"));
        assertEquals("1", config.primary().id());
        assertTrue(config.primary().tcp());
        assertEquals(8023, config.primary().tcpPort());
        assertEquals(HostConfig.DEFAULT_BAUD, config.primary().baud());
        assertEquals(Path.of(HostConfig.DEFAULT_DATA_DIR), config.dataDir());
        assertFalse(config.mqtt().enabled());
        assertEquals("Dinamics", config.mqtt().root());
        assertEquals(HostConfig.DEFAULT_WEB_PORT, config.web().port());
        HostConfig.AdcMeter meter = assertInstanceOf(HostConfig.AdcMeter.class, config.meter());
        assertEquals(3, meter.phases());
    }

    @Test
    void shouldReadAGoodFileWhenEveryKeyIsValid() throws Exception {
        HostConfig config = HostConfig.load(write(good()));
        assertEquals("/dev/ttyUSB0", config.primary().port());
        assertEquals("tcp://broker.local:1883", config.mqtt().url());
        HostConfig.ModbusMeter meter = assertInstanceOf(HostConfig.ModbusMeter.class, config.meter());
        assertEquals("sdm630", meter.model());
        assertEquals(8081, config.web().port());
    }

    @Test
    void shouldListEveryProblemAtOnceWhenSeveralKeysAreBad() throws Exception {
        Path file = write("{'chargers':[{'port':'/dev/ttyUSB0','baud':'fast','priority':11}],"
                + "'meter':{'type':'modbus','model':'sdm999','port':'tcp://x:1'},'colour':'red',"
                + "'mqtt':{'url':'http://x','version':'4'}}");
        HostConfigException error = assertThrows(HostConfigException.class, () -> HostConfig.load(file));
        String text = String.join("\n", error.problems());
        assertEquals(6, error.problems().size(), text);
        assertTrue(text.contains("chargers[0].baud: expected an integer"), text);
        assertTrue(text.contains("chargers[0].priority: out of range: 11"), text);
        assertTrue(text.contains("meter.model: unknown value \"sdm999\""), text);
        assertTrue(text.contains("colour: unknown key"), text);
        assertTrue(text.contains("mqtt.url: \"http://x\""), text);
        assertTrue(text.contains("mqtt.version: unknown value \"4\""), text);
        assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown key        | {'chargers':[{'port':'/dev/x','speed':1}],'meter':{'type':'adc','port':'/dev/y'}}"
                + " | chargers[0].speed: unknown key",
        "wrong type         | {'chargers':[{'port':'/dev/x'}],'meter':{'type':'adc','port':'/dev/y'},'web':{'port':'80'}}"
                + " | web.port: expected an integer",
        "out of range       | {'chargers':[{'port':'/dev/x'}],'meter':{'type':'adc','port':'/dev/y','phases':4}}"
                + " | meter.phases: out of range: 4",
        "invalid JSON       | {'chargers':[{'port':'/dev/x'}, | (file): not valid JSON at line 1",
        "trailing garbage   | {'chargers':[]} x | (file): not valid JSON",
        "not an object      | [1,2] | (file): expected a JSON object",
        "missing charger    | {'meter':{'type':'adc','port':'/dev/y'}} | chargers: missing",
        "duplicate id       | {'chargers':[{'port':'/dev/x'},{'id':'1','port':'/dev/z'}],'meter':{'type':'adc','port':'/dev/y'}}"
                + " | chargers[1].id: duplicate charger id",
        "bad charger port   | {'chargers':[{'port':'tcp://host'}],'meter':{'type':'adc','port':'/dev/y'}}"
                + " | chargers[0].port: \"tcp://host\" is not tcp://host:port",
        "bad serial         | {'serial':'a b','chargers':[{'port':'/dev/x'}],'meter':{'type':'adc','port':'/dev/y'}}"
                + " | serial: \"a b\" is not",
        "missing meter type | {'chargers':[{'port':'/dev/x'}],'meter':{'port':'/dev/y'}} | meter.type: missing",
        "bad json path      | {'chargers':[{'port':'/dev/x'}],'meter':{'type':'mqtt','topic':'m','paths':['a.b']}}"
                + " | meter.paths: [0] \"a.b\" does not start with $",
    })
    void shouldNameFileAndKeyAndWriteNothingWhenTheFileIsBad(String kind, String json, String expected)
            throws IOException {
        Path file = write(json.replace("{'chargers'", "{'dataDir':'" + data().replace("\\", "/") + "','chargers'"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = DinamicsMain.execute(new PrintWriter(out, true), new PrintWriter(err, true),
                "run", "--config", file.toString());
        assertEquals(DinamicsMain.EXIT_USAGE, exit, kind + ": " + err);
        assertTrue(err.toString().contains(file + ": " + expected), kind + ": " + err);
        assertFalse(Files.exists(dir.resolve("data")), kind + ": the data folder was created");
        assertEquals(1, Files.list(dir).count(), "only the config file is in the folder");
    }

    @Test
    void shouldReportMissingFileWhenItDoesNotExist() {
        StringWriter err = new StringWriter();
        Path missing = dir.resolve("nope.json");
        int exit = DinamicsMain.execute(new PrintWriter(new StringWriter()), new PrintWriter(err, true),
                "run", "--config", missing.toString());
        assertEquals(DinamicsMain.EXIT_USAGE, exit);
        assertTrue(err.toString().contains(missing + ": (file): no such file"), err.toString());
    }

    @Test
    void shouldAcceptTheFileWhenCheckOnlyIsAsked() throws IOException {
        StringWriter out = new StringWriter();
        int exit = DinamicsMain.execute(new PrintWriter(out, true), new PrintWriter(new StringWriter()),
                "run", "--check", "--config", write(good()).toString());
        assertEquals(0, exit);
        assertTrue(out.toString().contains("OK"), out.toString());
        assertFalse(Files.exists(dir.resolve("data")));
    }
}
