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
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
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
 *
 * <p>One Chromium per test JVM, shared by the browser test classes one after another: starting Chromium and its
 * driver took a few seconds of the two CI cores per class. A class still writes {@code new Browser(base)} in its
 * {@code @BeforeAll} and {@code close()} in its {@code @AfterAll}; {@code new Browser} hands it the JVM's Chromium
 * as a fresh one would be (one new blank tab at 1366x900, no cookies, no cache, no storage, an empty download folder,
 * no pending console messages), and {@code close} only releases it. A second {@code Browser} while one is in use (tests
 * run in parallel within a JVM) gets a Chromium of its own, quit on {@code close}. Every Chromium is quit when the JVM
 * exits. New browser test classes need nothing more than that.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getProperty("store.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("store.chromedriver", "/usr/bin/chromedriver"));
    static final Path AXE = Path.of("../frontend/node_modules/axe-core/axe.min.js");
    static final Path SCREENSHOTS = Path.of("target/store-screenshots");

    /** The JVM's Chromium, while no class holds it; {@code null} before the first class and while one holds it. */
    private static Chromium idle;
    private static boolean started;
    /** Every Chromium this JVM started and has not quit: quit when the JVM exits, whoever holds them. */
    private static final List<Chromium> RUNNING = new ArrayList<>();

    final ChromeDriver driver;
    final Path downloads;
    private final Chromium chromium;
    private final boolean shared;
    private final String base;
    private final String axeSource;
    final BrowserCost cost;
    /**
     * Set by {@link #signOut} and {@link #freshPage}: the store in the tab was signed out in place or loaded with no
     * session, so no session can come back from before (a page loaded with a session in its storage restores it in the
     * background, and a sign-in without a load could race with that).
     */
    private boolean signedOut;

    Browser(String base) {
        this(base, StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).getCallerClass());
    }

    /** A browser for the test class {@code owner} (named in what {@link BrowserCost} prints). */
    Browser(String base, Class<?> owner) {
        this.base = base;
        this.cost = new BrowserCost(owner.getSimpleName());
        try {
            this.axeSource = Files.readString(AXE);
            Files.createDirectories(SCREENSHOTS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Chromium handed = takeShared();
        this.shared = handed != null;
        Chromium c = shared ? handed : Chromium.start();
        try {
            c.reset(base);
        } catch (RuntimeException e) {
            // A Chromium the previous class left in a state it cannot be reset from: a new one.
            c.quit();
            c = Chromium.start();
            c.reset(base);
        }
        this.chromium = c;
        this.driver = c.driver;
        this.downloads = c.downloads;
    }

    /** The JVM's shared Chromium if it is free (started on first use, started again if it died), else null. */
    private static synchronized Chromium takeShared() {
        if (!started) {
            started = true;
            idle = Chromium.start();
            Runtime.getRuntime().addShutdownHook(new Thread(Browser::quitAll, "chromium-quit"));
        }
        Chromium c = idle;
        idle = null;
        if (c != null && !c.alive()) {
            c.quit();
            c = Chromium.start();
        }
        return c;
    }

    private static synchronized void giveBack(Chromium c) {
        idle = c;
    }

    private static synchronized void quitAll() {
        for (Chromium c : List.copyOf(RUNNING)) {
            c.quit();
        }
        idle = null;
    }

    /** One Chromium with its driver and its download folder. */
    private record Chromium(ChromeDriver driver, Path downloads) {

        static Chromium start() {
            if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
                throw new IllegalStateException("the store's browser tests need Chromium and its driver at " + CHROMIUM + " and "
                        + CHROMEDRIVER + ": apt-get install chromium chromium-driver fonts-wqy-zenhei (.ci/run does this)");
            }
            Path downloads;
            try {
                downloads = Files.createTempDirectory("store-downloads");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--no-first-run",
                    "--window-size=1366,900", "--lang=zh-CN");
            // More flags to try (-Dstore.chromium.flags="--a --b"), compared with -Dstore.cost=true.
            for (String flag : System.getProperty("store.chromium.flags", "").split("\\s+")) {
                if (!flag.isBlank()) {
                    options.addArguments(flag);
                }
            }
            options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                    "download.prompt_for_download", false, "intl.accept_languages", "zh-CN,zh"));
            LoggingPreferences logs = new LoggingPreferences();
            logs.enable(LogType.BROWSER, Level.ALL);
            options.setCapability("goog:loggingPrefs", logs);
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                    .usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
            Chromium c = new Chromium(driver, downloads);
            synchronized (Browser.class) {
                RUNNING.add(c);
            }
            return c;
        }

        boolean alive() {
            try {
                driver.getWindowHandles();
                return true;
            } catch (RuntimeException e) {
                return false;
            }
        }

        /**
         * As a fresh Chromium would be for a class whose exchange is at {@code base}: the origin's storage is cleared
         * too, since a free port, and with it the origin, may be one an earlier class used.
         */
        void reset(String base) {
            try {
                driver.switchTo().alert().dismiss();
            } catch (NoAlertPresentException e) {
                // none left open, as it should be
            }
            // A new tab, the others closed: no history to go back to and an empty sessionStorage (where the store keeps
            // the signed-in account), which no CDP command clears.
            String fresh = driver.switchTo().newWindow(WindowType.TAB).getWindowHandle();
            for (String tab : driver.getWindowHandles()) {
                if (!tab.equals(fresh)) {
                    driver.switchTo().window(tab).close();
                }
            }
            driver.switchTo().window(fresh);
            driver.manage().window().setSize(new Dimension(1366, 900));
            driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
            driver.executeCdpCommand("Network.clearBrowserCache", Map.of());
            driver.executeCdpCommand("Storage.clearDataForOrigin", Map.of("origin", base, "storageTypes", "all"));
            driver.manage().logs().get(LogType.BROWSER); // read, so that only this class's messages are left to read
            try (var files = Files.list(downloads)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Files.deleteIfExists(f);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void quit() {
            synchronized (Browser.class) {
                RUNNING.remove(this);
            }
            try {
                driver.quit();
            } catch (RuntimeException e) {
                // already gone
            }
        }
    }

    /** Loads {@code path} as a typed address does: the whole store (its script bundle) loaded and started again. */
    void open(String path) {
        cost.measure(BrowserCost.Step.PAGE_LOAD, () -> driver.get(base + path));
    }

    /**
     * Goes to {@code path} inside the store the tab already runs, as its own links do (the router follows the history,
     * as it does on Back), without loading the store again; loads it when the tab shows no page of this exchange.
     */
    void go(String path) {
        if (!showsExchange()) {
            open(path);
            return;
        }
        driver.executeScript("history.pushState(null, '', arguments[0]); dispatchEvent(new PopStateEvent('popstate'));", path);
        until(d -> d.getCurrentUrl().equals(base + path));
    }

    /** Whether the tab shows a page of this exchange with the store started in it. */
    private boolean showsExchange() {
        return driver.getCurrentUrl().startsWith(base + "/") && Boolean.TRUE.equals(driver.executeScript(
                "const root = document.getElementById('root'); return !!root && root.childElementCount > 0;"));
    }

    /**
     * The store's home page just loaded with nothing in the tab's storage: no session, no language picked (what a
     * test that starts signed out starts from). One page load when the tab already shows the exchange (its storage is
     * cleared from there), two otherwise.
     */
    void freshPage() {
        if (!driver.getCurrentUrl().startsWith(base + "/")) {
            open("/");
        }
        driver.executeScript("localStorage.clear(); sessionStorage.clear();");
        open("/");
        signedOut = true;
    }

    /**
     * Signs whoever is signed in out as a person does, with the header's button (no reload), and leaves the tab's
     * session storage empty, so that the next {@link #signIn} needs no page load either. On a tab that shows no page of
     * the exchange: its home page, loaded, with the session storage emptied (the next sign-in loads its page).
     */
    void signOut() {
        if (!showsExchange()) {
            open("/");
            driver.executeScript("sessionStorage.clear();");
            signedOut = false;
            return;
        }
        if (!driver.findElements(testId("signed-in-as")).isEmpty()) {
            click(By.xpath("//*[@data-testid='signed-in-as']/following::button[1]"));
            until(d -> d.findElements(testId("signed-in-as")).isEmpty());
        }
        driver.executeScript("sessionStorage.clear();");
        signedOut = true;
    }

    WebDriverWait waiting() {
        return new WebDriverWait(driver, Duration.ofSeconds(45), Duration.ofMillis(100));
    }

    <T> T until(Function<WebDriver, T> condition) {
        return cost.measure(BrowserCost.Step.WAIT, () -> waiting().until(condition));
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
        cost.measure(BrowserCost.Step.SIGN_IN, () -> signInNow(username, next));
    }

    private void signInNow(String username, String next) {
        String signInPage = "/signin?next=" + java.net.URLEncoder.encode(next, java.nio.charset.StandardCharsets.UTF_8);
        if (signedOut && showsExchange() && driver.findElements(testId("signed-in-as")).isEmpty()
                && driver.executeScript("return sessionStorage.getItem('exchange.session')") == null) {
            go(signInPage);
        } else {
            open(signInPage);
        }
        signedOut = false;
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
        cost.measure(BrowserCost.Step.AXE, () -> assertAccessibleNow(screen));
    }

    private void assertAccessibleNow(String screen) {
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
        cost.measure(BrowserCost.Step.SCREENSHOT, () -> screenshotNow(name));
    }

    private void screenshotNow(String name) {
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

    /** Releases the JVM's Chromium for the next class (on a blank page), or quits a Chromium of its own. */
    @Override
    public void close() {
        cost.report();
        if (!shared) {
            chromium.quit();
            return;
        }
        try {
            driver.get("about:blank");
        } catch (RuntimeException e) {
            chromium.quit(); // the next class starts a new one
        }
        giveBack(chromium);
    }
}
