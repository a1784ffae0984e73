package org.dataexchange.marketplace.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The system Chromium driven through the system chromedriver (Debian's chromium and chromium-driver packages;
 * nothing is downloaded), with the checks every store screen gets: axe-core, screenshots, console errors.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getProperty("store.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("store.chromedriver", "/usr/bin/chromedriver"));
    static final Path AXE = Path.of("../frontend/node_modules/axe-core/axe.min.js");
    static final Path SCREENSHOTS = Path.of("target/store-screenshots");

    final ChromeDriver driver;
    final Path downloads;
    private final String base;
    private final String axeSource;

    Browser(String base) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("the store's browser tests need Chromium and its driver at " + CHROMIUM + " and "
                    + CHROMEDRIVER + ": apt-get install chromium chromium-driver fonts-wqy-zenhei (.ci/run does this)");
        }
        this.base = base;
        try {
            this.downloads = Files.createTempDirectory("store-downloads");
            this.axeSource = Files.readString(AXE);
            Files.createDirectories(SCREENSHOTS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--no-first-run",
                "--window-size=1366,900", "--lang=zh-CN");
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false, "intl.accept_languages", "zh-CN,zh"));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
    }

    void open(String path) {
        driver.get(base + path);
    }

    WebDriverWait waiting() {
        return new WebDriverWait(driver, Duration.ofSeconds(45), Duration.ofMillis(100));
    }

    <T> T until(Function<WebDriver, T> condition) {
        return waiting().until(condition);
    }

    WebElement visible(By by) {
        return until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    WebElement clickable(By by) {
        return until(ExpectedConditions.elementToBeClickable(by));
    }

    void click(By by) {
        clickable(by).click();
    }

    /** Waits for the text anywhere in the page. */
    void seeText(String text) {
        until(d -> bodyText().contains(text));
    }

    String bodyText() {
        return driver.findElement(By.tagName("body")).getText();
    }

    static By text(String tag, String text) {
        return By.xpath("//" + tag + "[normalize-space(.)='" + text + "']");
    }

    static By containing(String tag, String text) {
        return By.xpath("//" + tag + "[contains(normalize-space(.),'" + text + "')]");
    }

    static By testId(String id) {
        return By.cssSelector("[data-testid='" + id + "']");
    }

    /** Signs in through the sign-in page; {@code next} is where the store goes afterwards. */
    void signIn(String username, String next) {
        open("/signin?next=" + java.net.URLEncoder.encode(next, java.nio.charset.StandardCharsets.UTF_8));
        WebElement user = visible(By.id("username"));
        user.sendKeys(username);
        driver.findElement(By.id("password")).sendKeys("demo", Keys.ENTER);
        until(d -> !d.getCurrentUrl().contains("/signin"));
        visible(testId("signed-in-as"));
    }

    /**
     * Picks an option of an Ant Design select with the keyboard: focus it, type to filter (optional), Enter on the
     * highlighted option.
     */
    void choose(String fieldId, String typed, String optionText) {
        // The select's own input is transparent (Selenium calls it invisible); click its box, then type as a person would.
        until(d -> Boolean.TRUE.equals(driver.executeScript("const i = document.getElementById(arguments[0]);"
                + " return !!i && !i.closest('[hidden]');", fieldId)));
        WebElement box = clickable(By.xpath("//*[@id='" + fieldId + "']/ancestor::div[contains(@class,'ant-select')][1]"));
        box.click();
        if (typed != null) {
            press(typed);
        }
        until(d -> !d.findElements(By.xpath("//div[contains(@class,'ant-select-item-option-active')]"
                + "[contains(normalize-space(.),'" + optionText + "')]")).isEmpty());
        press(Keys.ENTER);
        until(d -> d.findElement(By.xpath("//*[@id='" + fieldId + "']/ancestor::div[contains(@class,'ant-select')][1]"))
                .getText().contains(optionText));
    }

    /** Presses Tab (Shift+Tab when {@code back}) until the focused element satisfies the script's condition. */
    void tabTo(String condition, boolean back) {
        for (int i = 0; i < 120; i++) {
            Object ok = driver.executeScript("const el = document.activeElement; return !!(" + condition + ");");
            if (Boolean.TRUE.equals(ok)) {
                return;
            }
            Actions a = new Actions(driver);
            if (back) {
                a.keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
            } else {
                a.sendKeys(Keys.TAB).perform();
            }
        }
        throw new AssertionError("Tab never reached an element where " + condition + "; focus is on "
                + driver.executeScript("return document.activeElement.outerHTML.slice(0, 200)"));
    }

    /**
     * The focused element shows that it has focus (WCAG 2.4.7): an outline or a focus ring (box-shadow) that differs
     * from how it looks without focus.
     */
    void assertFocusVisible(String what) {
        Object ring = driver.executeScript("const el = document.activeElement; if (!el || el === document.body) return null;"
                + " const s = getComputedStyle(el);"
                + " const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;"
                + " const shadow = s.boxShadow && s.boxShadow !== 'none';"
                + " return outline || shadow ? (outline ? 'outline ' + s.outlineWidth + ' ' + s.outlineColor : 'box-shadow ' + s.boxShadow) : null;");
        assertThat(ring).as("a visible focus indicator on " + what + ": "
                + driver.executeScript("return document.activeElement.outerHTML.slice(0, 160)")).isNotNull();
    }

    void press(CharSequence... keys) {
        new Actions(driver).sendKeys(keys).perform();
    }

    /** axe-core on the current screen: no serious or critical violation. */
    void assertAccessible(String screen) {
        if (!Boolean.TRUE.equals(driver.executeScript("return typeof window.axe !== 'undefined'"))) {
            driver.executeScript(axeSource);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> results = (Map<String, Object>) driver.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "axe.run(document, { resultTypes: ['violations'] }).then(r => done({ violations: r.violations.map(v =>"
                        + " ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ')) })) }),"
                        + " e => done({ error: String(e) }));");
        assertThat(results.get("error")).as("axe-core on " + screen).isNull();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> violations = (List<Map<String, Object>>) results.get("violations");
        List<Map<String, Object>> bad = new ArrayList<>();
        for (Map<String, Object> v : violations) {
            if ("serious".equals(v.get("impact")) || "critical".equals(v.get("impact"))) {
                bad.add(v);
            }
        }
        assertThat(bad).as("serious or critical accessibility violations on " + screen).isEmpty();
    }

    void screenshot(String name) {
        try {
            Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Errors the page logged (CSP violations included), other than refusals the test provoked on purpose. */
    List<String> consoleErrors() {
        List<String> errors = new ArrayList<>();
        for (var entry : driver.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
                errors.add(entry.getMessage());
            }
        }
        return errors;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
