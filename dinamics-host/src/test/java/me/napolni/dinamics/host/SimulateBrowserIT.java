package me.napolni.dinamics.host;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code dinamics simulate} seen through a real headless Chromium, as a user meets it: run the jar, open the URL it
 * prints (no token: loopback in simulate is open), watch the chart and the numbers follow the simulated house, lower
 * the current limit through the settings form and see the charger's pilot follow it (the {@code $SC} acknowledged by
 * the emulated OpenEVSE), and see a refused value explained next to its field with nothing changed. Screenshots
 * land in {@code target/screenshots/simulate-*.png}.
 */
class SimulateBrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Pattern WEB_URL = Pattern.compile("^\\s*web UI:\\s+(http://127\\.0\\.0\\.1:\\d+/)\\s*$");
    private static final Pattern STATUS = Pattern.compile("^status time=\\S+ .* limit=(\\S+) pilot=(\\S+) .*$");
    /** The lowered current limit: below what the breaker's headroom allows most of the evening. */
    private static final int LOWER_LIMIT = 8;
    private static final int BREAKER = 25;

    @TempDir
    Path dir;

    private Process process;
    private WebDriver driver;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void stop() throws InterruptedException {
        if (driver != null) {
            driver.quit();
        }
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void shouldShowLiveBalancingAndApplyAndRefuseTheLimitWhenSimulateIsOpenedInABrowser() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "skipped: /usr/bin/chromium or /usr/bin/chromedriver is not installed "
                        + "(apt-get install chromium chromium-driver)");
        URI web = startSimulate();
        driver = startChromium(dir.resolve("chromium-profile"));
        WebDriverWait wait = new WebDriverWait(driver, PATIENCE);

        // no token on loopback in simulate: the page itself, not the login form
        driver.get(web.toString());
        try {
            wait.until(d -> livePoints(d) >= 3 && isAmps(d.findElement(By.id("mains-l1")).getText())
                    && isAmps(d.findElement(By.id("car-current")).getText()));
        } catch (RuntimeException e) {
            save("simulate-failure.png");
            throw new AssertionError("no live page at " + driver.getCurrentUrl() + ": " + log(), e);
        }
        assertFalse(driver.getCurrentUrl().endsWith("/login"), driver.getCurrentUrl());
        assertEquals("Live", driver.findElement(By.id("live-text")).getText());
        assertEquals(Integer.toString(BREAKER), driver.findElement(By.id("breaker")).getText());
        assertEquals("Connected", driver.findElement(By.id("connection")).getText());
        String chip = driver.findElement(By.id("charger-state")).getText();
        assertTrue(chip.equals("Charging") || chip.equals("Car connected") || chip.equals("Sleeping"), chip);
        assertFalse(driver.findElement(By.id("banner")).isDisplayed(), "a warning on healthy simulated data: "
                + driver.findElement(By.id("banner")).getText());
        int first = livePoints(driver);
        wait.until(d -> livePoints(d) >= first + 3);
        assertFalse(driver.findElement(By.tagName("body")).getText().contains("NaN"), "NaN on the page");

        // the simulated house before the change: the pilot above the limit we are about to set
        await().atMost(PATIENCE).until(() -> status().path("pilot_current").asInt() > LOWER_LIMIT);
        save("simulate-live.png");

        WebElement limit = wait.until(d -> d.findElement(By.id("f-c_limit")));
        wait.until(d -> limit.getAttribute("value").equals("16"));
        assertTrue(driver.findElement(By.id("help-c_limit")).getText().contains("6–32 A"),
                "the field's range is shown from the start: " + driver.findElement(By.id("help-c_limit")).getText());
        assertTrue(driver.findElement(By.id("signin-notice")).getAttribute("hidden") != null,
                "no sign-in hint where changes need no token");
        limit.clear();
        limit.sendKeys(Integer.toString(LOWER_LIMIT));
        int linesBefore = lines.size();
        driver.findElement(By.id("save")).click();
        wait.until(d -> d.findElement(By.id("save-status")).getText().startsWith("Saved"));
        assertEquals(LOWER_LIMIT, status().path("c_limit").asInt());
        wait.until(d -> d.findElement(By.id("limit-current")).getText().equals(Integer.toString(LOWER_LIMIT)));
        // the charger follows: the emulated OpenEVSE acknowledged $SC at the new limit (pilot_current is the last
        // acknowledged $SC), and the program's own status lines show the pilot at or below it from then on
        await().atMost(PATIENCE).until(() -> status().path("pilot_current").asInt() == LOWER_LIMIT
                || statusLinesAfter(linesBefore).stream().anyMatch(m -> m.group(2).equals(
                        Integer.toString(LOWER_LIMIT))));
        int applied = lines.size();
        await().atMost(PATIENCE).until(() -> statusLinesAfter(applied).size() >= 2);
        for (Matcher line : statusLinesAfter(applied)) {
            assertTrue(wholeAmps(line.group(2)) <= LOWER_LIMIT, "pilot above the limit: " + line.group(0));
            assertTrue(wholeAmps(line.group(1)) <= LOWER_LIMIT, "allowed above the limit: " + line.group(0));
        }
        wait.until(d -> d.findElement(By.id("allowed-current")).getText().matches("\\d+")
                && Integer.parseInt(d.findElement(By.id("allowed-current")).getText()) <= LOWER_LIMIT);

        // a bad value: explained inline, nothing changed
        limit.clear();
        limit.sendKeys("40");
        driver.findElement(By.id("save")).click();
        WebElement error = wait.until(d -> {
            WebElement e = d.findElement(By.id("err-c_limit"));
            return e.getText().contains("out_of_range") ? e : null;
        });
        assertTrue(error.getText().contains("6–32 A"), error.getText());
        assertEquals("true", limit.getAttribute("aria-invalid"));
        assertTrue(driver.findElement(By.id("save-status")).getText().startsWith("Nothing was changed"));
        assertEquals(LOWER_LIMIT, status().path("c_limit").asInt(), "a refused form changes nothing");
        assertEquals(LOWER_LIMIT, get("api/settings").path("c_limit").asInt());
        save("simulate-refused.png");

        // open for this machine's own pages, never for another site's
        HttpResponse<String> foreign = http.send(HttpRequest.newBuilder(web.resolve("api/settings"))
                .header("Origin", "http://attacker.example").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"c_limit\":\"6\"}")).timeout(PATIENCE).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, foreign.statusCode(), foreign.body());
        assertEquals(LOWER_LIMIT, status().path("c_limit").asInt());

        driver.findElement(By.id("revert")).click();
        wait.until(d -> limit.getAttribute("value").equals(Integer.toString(LOWER_LIMIT)) && error.getText().isEmpty());
        driver.manage().window().setSize(new Dimension(412, 2400));
        int phone = livePoints(driver);
        wait.until(d -> livePoints(d) >= phone + 2);
        save("simulate-phone.png");
        assertTrue(process.isAlive(), log());
    }

    private URI startSimulate() throws Exception {
        Path jar = Path.of("target", "dinamics.jar");
        assertTrue(Files.isRegularFile(jar), "package the jar first: " + jar.toAbsolutePath());
        Path day = Path.of(System.getProperty("dinamics.shared.dir"), "testdata", "household",
                "day-stress-induction.csv.gz");
        if (!Files.exists(day)) {
            day = me.napolni.dinamics.core.sim.HouseholdDay.listDays(day.getParent()).get(0);
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        process = new ProcessBuilder(java, "-jar", jar.toString(), "simulate", "--speed", "20", "--day",
                day.toString(), "--start", "18:00", "--breaker", Integer.toString(BREAKER), "--mqtt-port", "0",
                "--web-port", "0", "--serial", "browser", "--status-every", "1", "--duration", "120",
                "--data-dir", dir.resolve("data").toString())
                .redirectErrorStream(true).start();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                }
            } catch (Exception e) {
                // the process ended
            }
        }, "simulate-output");
        reader.setDaemon(true);
        reader.start();
        await().atMost(PATIENCE).until(() -> webUrl().isPresent() || !process.isAlive());
        return URI.create(webUrl().orElseThrow(() -> new AssertionError("no web UI URL printed:\n" + log())));
    }

    private static WebDriver startChromium(Path profile) throws Exception {
        Files.createDirectories(profile);
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-dev-shm-usage", "--hide-scrollbars", "--user-data-dir=" + profile.toAbsolutePath(),
                "--window-size=1280,1800");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private Optional<String> webUrl() {
        for (String line : lines) {
            Matcher matcher = WEB_URL.matcher(line);
            if (matcher.matches()) {
                return Optional.of(matcher.group(1));
            }
        }
        return Optional.empty();
    }

    private List<Matcher> statusLinesAfter(int index) {
        List<Matcher> found = new CopyOnWriteArrayList<>();
        List<String> snapshot = List.copyOf(lines);
        for (String line : snapshot.subList(Math.min(index, snapshot.size()), snapshot.size())) {
            Matcher matcher = STATUS.matcher(line);
            if (matcher.matches()) {
                found.add(matcher);
            }
        }
        return found;
    }

    private JsonNode status() throws Exception {
        return get("api/status");
    }

    /** A read without any token: loopback in simulate is open. */
    private JsonNode get(String path) throws Exception {
        URI web = URI.create(webUrl().orElseThrow());
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(web.resolve(path)).timeout(PATIENCE)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return json.readTree(response.body());
    }

    private String log() {
        return String.join("\n", lines);
    }

    /** A status line's whole amps; "null" (not known, e.g. while paused) counts as none. */
    private static int wholeAmps(String field) {
        return field.matches("\\d+") ? Integer.parseInt(field) : 0;
    }

    private static boolean isAmps(String text) {
        return text.matches("\\d+\\.\\d");
    }

    private static int livePoints(WebDriver d) {
        String value = d.findElement(By.id("chart")).getAttribute("data-live-points");
        return value == null ? 0 : Integer.parseInt(value);
    }

    private void save(String name) throws Exception {
        ((JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0)");
        Path shots = Path.of("target", "screenshots");
        Files.createDirectories(shots);
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), shots.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
}
