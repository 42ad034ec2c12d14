package me.napolni.dinamics.rapi.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import me.napolni.dinamics.rapi.EvseState;
import me.napolni.dinamics.rapi.EvseStatus;
import me.napolni.dinamics.rapi.RapiClient;
import me.napolni.dinamics.rapi.RapiClientOptions;
import me.napolni.dinamics.rapi.RapiException;
import me.napolni.dinamics.rapi.RapiNotification;
import me.napolni.dinamics.rapi.RapiRequests;
import me.napolni.dinamics.rapi.SetCurrentResult;
import me.napolni.dinamics.rapi.emulator.EvseEmulator;
import me.napolni.dinamics.rapi.transport.InMemoryTransport;
import org.junit.jupiter.api.Test;

/**
 * The example in the README's "Using the RAPI library" section: it is compiled and run here, and the README must
 * hold the lines between the markers below word for word, so the two cannot drift apart.
 */
class ReadmeExampleTest {

    private static final String START = "// README-EXAMPLE-START";
    private static final String END = "// README-EXAMPLE-END";

    @Test
    void shouldChargeTheEmulatedCarWhenTheReadmeExampleRuns() throws Exception {
        List<RapiNotification> notifications = new CopyOnWriteArrayList<>();
        SetCurrentResult result;
        EvseStatus status;
        // README-EXAMPLE-START
        InMemoryTransport.Pair link = InMemoryTransport.pair();      // or SerialTransport / TcpTransport
        try (EvseEmulator evse = EvseEmulator.create();                // an OpenEVSE controller in memory
             RapiClient client = RapiClient.connect(link.client(), RapiClientOptions.defaults())) {
            evse.attach(link.controller());
            client.addListener(notifications::add);                   // $AT state changes, $AB boots, ...
            client.probeSequenceIds();                                 // $GV: use sequence ids if echoed

            evse.car().plugIn().requestCharge(true);
            client.send(RapiRequests.enable());                        // $FE
            result = client.send(RapiRequests.setCurrent(16, true));   // $SC 16 V: volatile, no EEPROM wear
            status = client.send(RapiRequests.status());               // $GS
        } catch (RapiException e) {
            throw new IllegalStateException("controller said no: " + e.reason(), e);
        }
        // README-EXAMPLE-END
        assertEquals(16, result.amps());
        assertFalse(result.clamped());
        assertEquals(EvseState.CHARGING, status.state());
        assertFalse(notifications.isEmpty(), "close() delivers the $AT received before it");
    }

    @Test
    void shouldShowTheTestedExampleInTheReadme() throws IOException {
        Path readme = findReadme();
        assertTrue(Files.isRegularFile(readme), "README.md not found at " + readme);
        String readmeText = Files.readString(readme, StandardCharsets.UTF_8);
        Path source = Path.of("src/test/java/me/napolni/dinamics/rapi/example/ReadmeExampleTest.java");
        for (String line : exampleLines(Files.readAllLines(source, StandardCharsets.UTF_8))) {
            assertTrue(readmeText.contains(line.strip()), "README.md lacks the example line: " + line.strip());
        }
    }

    private static Path findReadme() {
        // the module's working directory is rapi-protocol/; the README sits at the repository root above it
        return Path.of("").toAbsolutePath().getParent().resolve("README.md");
    }

    private static List<String> exampleLines(List<String> lines) {
        List<String> example = new ArrayList<>();
        boolean inside = false;
        for (String line : lines) {
            if (line.strip().equals(START)) {
                inside = true;
            } else if (line.strip().equals(END)) {
                inside = false;
            } else if (inside && !line.isBlank()) {
                example.add(line);
            }
        }
        assertFalse(example.isEmpty(), "no example between the markers");
        return example;
    }
}
