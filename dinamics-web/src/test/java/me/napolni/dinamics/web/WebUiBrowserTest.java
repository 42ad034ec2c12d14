package me.napolni.dinamics.web;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import me.napolni.dinamics.core.settings.SettingKey;
import me.napolni.dinamics.core.settings.Settings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
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

/**
 * The UI in a real headless Chromium: sign in, watch the chart and numbers follow the live events, change the
 * current limit and see it reach the device, and see a refused value explained next to its field.
 */
class WebUiBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration PATIENCE = Duration.ofSeconds(40);
    private static final String TOKEN = "browser-token-93f1c2";
    /** Each sample is stamped 5 s after the previous one, so a few seconds of test fill minutes of chart. */
    private static final long STEP_MS = 5000;

    @TempDir
    static Path profile;

    private static FakeDevice device;
    private static WebServer server;
    private static WebDriver driver;

    @BeforeAll
    static void start() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "skipped: /usr/bin/chromium or /usr/bin/chromedriver is not installed "
                        + "(apt-get install chromium chromium-driver)");
        device = new FakeDevice(List.of("1", "garage"));
        device.useSettings(Settings.defaults(List.of("1", "garage")).with(SettingKey.BREAKER, 25));
        device.household(true);
        server = WebServer.start(device, WebConfig.of(() -> TOKEN).withSamplePeriodMs(60)
                .withClock(new SteppingClock(Instant.parse("2026-06-01T17:00:00Z").toEpochMilli(), STEP_MS)));
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-dev-shm-usage", "--hide-scrollbars", "--user-data-dir=" + profile.toAbsolutePath(),
                "--window-size=1280,1800");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void shouldShowLiveDataAndApplyAndRefuseSettingsWhenUsedInBrowser() throws Exception {
        WebDriverWait wait = new WebDriverWait(driver, PATIENCE);
        driver.get(server.uri().toString());
        wait.until(d -> d.getCurrentUrl().endsWith("/login"));
        save(driver, "login.png");
        driver.findElement(By.id("token")).sendKeys(TOKEN);
        driver.findElement(By.cssSelector("button[type=submit]")).click();

        try {
            wait.until(d -> livePoints(d) >= 5);
        } catch (RuntimeException e) {
            save(driver, "failure.png");
            throw new AssertionError("no live chart at " + driver.getCurrentUrl() + ": " + driver.getPageSource(), e);
        }
        wait.until(d -> !d.findElement(By.id("car-current")).getText().equals("—"));
        assertEquals("Live", driver.findElement(By.id("live-text")).getText());
        assertEquals("25", driver.findElement(By.id("breaker")).getText());
        wait.until(d -> d.findElement(By.id("charger-row-garage")).getText().contains("Ready, no car"));
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.cssSelector("#charger-row-garage select")))
                .selectByVisibleText("Sleep");
        await().atMost(PATIENCE).until(() -> device.settings().charger("garage").enableIntent().code() == 3);

        device.household(false);
        device.chargingCurrent(12.3);
        device.mains(17.25, 12.5, 13.0);
        wait.until(d -> d.findElement(By.id("car-current")).getText().equals("12.3"));
        wait.until(d -> d.findElement(By.id("mains-l1")).getText().equals("17.3"));
        int before = livePoints(driver);
        wait.until(d -> livePoints(d) > before + 2);
        device.household(true);

        WebElement limit = wait.until(d -> d.findElement(By.id("f-c_limit")));
        wait.until(d -> limit.getAttribute("value").equals("16"));
        limit.clear();
        limit.sendKeys("20");
        driver.findElement(By.id("save")).click();
        await().atMost(PATIENCE).until(() -> device.settings().cLimitAmps() == 20);
        wait.until(d -> d.findElement(By.id("save-status")).getText().startsWith("Saved"));
        int acceptedBefore = device.accepted().size();

        limit.clear();
        limit.sendKeys("40");
        WebElement breaker = driver.findElement(By.id("f-breaker"));
        breaker.clear();
        breaker.sendKeys("2O");
        driver.findElement(By.id("save")).click();
        WebElement error = wait.until(d -> {
            WebElement e = d.findElement(By.id("err-c_limit"));
            return e.getText().contains("out_of_range") ? e : null;
        });
        assertTrue(error.getText().contains("6–32 A"), error.getText());
        wait.until(d -> d.findElement(By.id("err-breaker")).getText().contains("not_an_integer"));
        assertEquals("true", limit.getAttribute("aria-invalid"));
        assertEquals(20, device.settings().cLimitAmps(), "a refused form changes nothing");
        assertEquals(25, device.settings().breakerAmps());
        assertEquals(acceptedBefore, device.accepted().size());
        save(driver, "refused.png");

        driver.findElement(By.id("revert")).click();
        wait.until(d -> limit.getAttribute("value").equals("20") && error.getText().isEmpty());
        int shown = livePoints(driver);
        wait.until(d -> livePoints(d) > shown + 20);
        save(driver, "live.png");

        device.failsafe("stale");
        wait.until(d -> d.findElement(By.id("banner")).isDisplayed()
                && d.findElement(By.id("banner")).getText().contains("stale"));
        device.failsafe("off");
        wait.until(d -> !d.findElement(By.id("banner")).isDisplayed());

        driver.manage().window().setSize(new Dimension(412, 2400));
        int phone = livePoints(driver);
        wait.until(d -> livePoints(d) > phone + 5);
        save(driver, "phone.png");
    }

    private static int livePoints(WebDriver d) {
        String value = d.findElement(By.id("chart")).getAttribute("data-live-points");
        return value == null ? 0 : Integer.parseInt(value);
    }

    private static void save(WebDriver d, String name) throws Exception {
        ((JavascriptExecutor) d).executeScript("window.scrollTo(0, 0)");
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        File shot = ((TakesScreenshot) d).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    /** A wall clock that moves a fixed step each time it is read: fast-forwarded time for the chart. */
    static final class SteppingClock extends Clock {
        private final AtomicLong nextMs;
        private final long stepMs;

        SteppingClock(long startMs, long stepMs) {
            this.nextMs = new AtomicLong(startMs);
            this.stepMs = stepMs;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis());
        }

        @Override
        public long millis() {
            return nextMs.getAndAdd(stepMs);
        }
    }
}
