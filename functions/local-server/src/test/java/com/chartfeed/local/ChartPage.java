package com.chartfeed.local;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The chart page in one headless Chromium, for the browser tests: the local server they talk to
 * (started once for every test class on the embedded default, H2 with the sample candles; or a server
 * started elsewhere, {@code -Dchartfeed.browser.base-url=http://localhost:PORT} with
 * {@code -Dchartfeed.browser.admin-token=}), and what the tests do with the page.
 */
final class ChartPage implements AutoCloseable {
    static final Duration LOAD = Duration.ofSeconds(30);
    private static final String TOKEN = "browser-test-token";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static String base;
    private static String token;

    final ChromeDriver browser;

    private ChartPage(ChromeDriver browser) {
        this.browser = browser;
    }

    /** A fresh browser (skipping the test where Chromium is not installed) on the shared server. */
    static ChartPage start() {
        HeadlessChromium.assumeInstalled();
        base();
        return new ChartPage(HeadlessChromium.start());
    }

    /** The server's origin; the embedded one starts on first use and stops with the JVM. */
    static synchronized String base() {
        if (base == null) {
            String given = System.getProperty("chartfeed.browser.base-url", "");
            token = System.getProperty("chartfeed.browser.admin-token", TOKEN);
            if (given.isEmpty()) {
                EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class,
                        Map.of("micronaut.server.port", -1, "admin.token", TOKEN), LocalServer.ENVIRONMENT,
                        LocalEnvironment.NAME);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> server.getApplicationContext().close()));
                given = "http://localhost:" + server.getPort();
            }
            base = given;
        }
        return base;
    }

    static String token() {
        base();
        return token;
    }

    /** Loads a page of the server and waits until the chart has loaded (or failed). */
    void open(String pathAndQuery) {
        browser.get(base() + pathAndQuery);
        waitUntilSettled();
    }

    void waitUntilSettled() {
        new WebDriverWait(browser, LOAD).until(b -> !"loading".equals(js("return document.body.dataset.state")));
        frames();
    }

    /** Two animation frames: the chart paints what it was given in the next one. */
    void frames() {
        browser.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + " requestAnimationFrame(() => requestAnimationFrame(() => done(null)));");
    }

    Object js(String script, Object... args) {
        return browser.executeScript(script, args);
    }

    long number(String script, Object... args) {
        return ((Number) js(script, args)).longValue();
    }

    /** The viewport of a device (CSS pixels, one device pixel each); mobile: a phone's touch screen. */
    void emulate(int width, int height, boolean mobile) {
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile));
        browser.executeCdpCommand("Emulation.setTouchEmulationEnabled", Map.of("enabled", mobile, "maxTouchPoints", 5));
    }

    /** What the system's prefers-color-scheme says. */
    void prefersColorScheme(String scheme) {
        browser.executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
    }

    boolean requested(String urlPart, int status) {
        return (Boolean) js("return performance.getEntriesByType('resource')"
                + ".some(e => e.name.includes(arguments[0]) && e.responseStatus === arguments[1])", urlPart, status);
    }

    boolean requested(String urlPart, String queryPart) {
        return (Boolean) js("return performance.getEntriesByType('resource')"
                + ".some(e => e.name.includes(arguments[0]) && e.name.includes(arguments[1]))", urlPart, queryPart);
    }

    /** Non-white pixels on the chart's canvases, sampled. */
    long paintedPixels() {
        return number("""
                let n = 0;
                for (const canvas of document.querySelectorAll('canvas')) {
                  const ctx = canvas.getContext('2d');
                  if (!ctx || canvas.width === 0 || canvas.height === 0) continue;
                  const d = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
                  for (let i = 0; i < d.length; i += 16) {
                    if (d[i + 3] > 0 && !(d[i] > 240 && d[i + 1] > 240 && d[i + 2] > 240)) n++;
                  }
                }
                return n;""");
    }

    /**
     * The console's errors, less the catalogue's 404 while the server has no {@code GET /v1/indicators}
     * (the page then uses its built-in list; with the catalogue there, nothing is excused), and less
     * the answers a test asked for on purpose (a status it names, e.g. a 400 for a bad parameter).
     */
    List<String> unexpectedConsoleErrors(int... expectedStatuses) {
        boolean noCatalogue = status("/v1/indicators") == 404;
        return HeadlessChromium.consoleErrors(browser).stream()
                .filter(line -> !(noCatalogue && line.startsWith(base() + "/v1/indicators - ") && line.contains(" 404 ")))
                .filter(line -> java.util.Arrays.stream(expectedStatuses).noneMatch(s -> line.contains(" " + s + " ")))
                .toList();
    }

    static int status(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(base() + path)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static int put(String symbol, String csv) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/v1/candles/" + symbol + "/1h"))
                .header("Authorization", "Bearer " + token())
                .header("Content-Type", "text/csv")
                .PUT(HttpRequest.BodyPublishers.ofString(csv)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    @Override
    public void close() {
        browser.quit();
    }
}
