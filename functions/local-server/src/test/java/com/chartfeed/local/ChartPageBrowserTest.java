package com.chartfeed.local;

import com.chartfeed.candles.CandleColumns;
import com.chartfeed.candles.Interval;
import com.chartfeed.testing.Csv;
import com.chartfeed.testing.TestCandles;
import com.chartfeed.testing.TestServices;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chart page in a real browser (headless Chromium) against the real local server on its
 * embedded default (H2 with the sample candles): what a user would see. With
 * {@code -Dchartfeed.browser.base-url=http://localhost:PORT} (and {@code -Dchartfeed.browser.admin-token=})
 * it checks a server started elsewhere instead, e.g. the Quick start's.
 */
class ChartPageBrowserTest {
    private static final String TOKEN = "browser-test-token";
    private static final Duration LOAD = Duration.ofSeconds(30);
    private static EmbeddedServer server;
    private static String base;
    private static String token;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private ChromeDriver browser;

    @BeforeAll
    static void startServer() {
        HeadlessChromium.assumeInstalled();
        base = System.getProperty("chartfeed.browser.base-url", "");
        token = System.getProperty("chartfeed.browser.admin-token", TOKEN);
        if (base.isEmpty()) {
            server = ApplicationContext.run(EmbeddedServer.class,
                    Map.of("micronaut.server.port", -1, "admin.token", TOKEN), LocalServer.ENVIRONMENT);
            base = "http://localhost:" + server.getPort();
        }
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.getApplicationContext().close();
        }
    }

    @BeforeEach
    void startBrowser() {
        browser = HeadlessChromium.start();
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void drawsCandlesTwoOverlaysAndAnOscillatorPaneWithoutConsoleErrors() throws Exception {
        open("/?symbol=AAPL&interval=1h&study=sma:period=20&study=bbands:period=20,stddev=2&study=rsi:period=14");

        assertEquals(500L, js("return chartfeed.candleCount()"));
        assertEquals(2L, js("return chartfeed.paneCount()"), "the price pane and RSI's");
        // candles, volume, SMA, three Bollinger bands, RSI
        assertEquals(7L, js("return chartfeed.seriesCount()"));
        @SuppressWarnings("unchecked")
        List<List<Long>> points = (List<List<Long>>) js("return chartfeed.studyPoints()");
        points.forEach(series -> series.forEach(n -> assertTrue(n > 400, "study points " + points)));
        String legend = browser.findElement(By.id("legend")).getText();
        assertTrue(legend.contains("SMA(20)") && legend.contains("BBANDS(20, 2)") && legend.contains("RSI(14)")
                && legend.contains("AAPL"), legend);
        assertTrue(paintedPixels() > 10_000, "the canvases are drawn on");
        assertTrue(requested("/v1/candles/AAPL?", 200), "candles requested with 200");
        assertTrue(requested("/v1/indicators/AAPL/rsi?", 200), "a study requested with 200");
        assertEquals(List.of(), unexpectedConsoleErrors());

        Path shot = Path.of("target", "chart-page.png");
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), shot, StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void thePlainRootPageChartsTheFirstSymbolWithDefaultStudiesAndKeepsTheViewInItsUrl() {
        open("/");
        assertEquals("ready", js("return document.body.dataset.state"));
        assertTrue((Long) js("return chartfeed.candleCount()") > 0);
        assertTrue(paintedPixels() > 10_000, "the canvases are drawn on");
        assertTrue(requested("/v1/candles/", 200) && requested("/v1/indicators/", 200)
                && requested("/v1/symbols?", 200), "candles, studies and symbols requested with 200");
        String url = browser.getCurrentUrl();
        assertTrue(url.contains("symbol=") && url.contains("interval=") && url.contains("study=rsi"), url);
        assertEquals(List.of(), unexpectedConsoleErrors());
    }

    @Test
    void draggingToTheLeftEdgeLoadsOlderCandlesWithoutGapsOrDuplicates() {
        // BTCUSD trades around the clock: its hours have no gaps (AAPL and MSFT only trade in the session).
        open("/?symbol=BTCUSD&interval=1h&study=ema:period=10&study=macd");
        long first = (Long) js("return chartfeed.firstTime()");

        WebElement chart = browser.findElement(By.id("chart"));
        for (int drag = 0; drag < 20 && !requested("/v1/candles/BTCUSD?", "to="); drag++) {
            Actions actions = new Actions(browser).moveToElement(chart, -300, 0).clickAndHold();
            for (int step = 0; step < 10; step++) {
                actions.moveByOffset(60, 0);
            }
            actions.release().perform();
        }
        assertTrue(requested("/v1/candles/BTCUSD?", "to=" + (first - 3_600)), "asked for candles before " + first);
        new WebDriverWait(browser, LOAD).until(b -> (Long) js("return chartfeed.firstTime()") < first);
        assertTrue(requested("/v1/indicators/BTCUSD/macd?", "to=" + (first - 3_600)), "and the studies before it");

        // On to the start of the history: every stored candle once, an hour apart, studies alongside.
        new WebDriverWait(browser, LOAD).withMessage(() -> "history not ended: " + js(
                "return [chartfeed.candleCount(), document.getElementById('message').textContent,"
                        + " document.getElementById('status').textContent,"
                        + " JSON.stringify(chartfeed.chart.timeScale().getVisibleLogicalRange())].join(' | ')"))
                .until(b -> {
            js("chartfeed.chart.timeScale().setVisibleLogicalRange({from: -5, to: 80})");
            return (Boolean) js("return chartfeed.historyEnded()");
        });
        new WebDriverWait(browser, LOAD).until(b -> (Long) js("return chartfeed.candleCount()") == 2_000L);
        @SuppressWarnings("unchecked")
        List<Long> times = (List<Long>) js("return chartfeed.chart.panes()[0].getSeries()[0].data().map(d => d.time)");
        assertEquals(2_000, times.size());
        for (int i = 1; i < times.size(); i++) {
            assertEquals(3_600L, times.get(i) - times.get(i - 1), "candle " + i);
        }
        @SuppressWarnings("unchecked")
        List<List<Long>> points = (List<List<Long>>) js("return chartfeed.studyPoints()");
        assertTrue(points.get(0).get(0) >= 1_990, "EMA(10) over the whole history: " + points);
        assertEquals(List.of(), unexpectedConsoleErrors());
    }

    @Test
    void aCandlePutThroughTheAdminApiAppearsWithinTwoPollPeriods() throws Exception {
        String symbol = TestServices.uniqueSymbol("LIVE");
        CandleColumns candles = TestCandles.randomWalk(symbol, Interval.H1, 300, 100);
        assertEquals(200, put(symbol, Csv.of(candles)));
        int pollSeconds = 1;
        open("/?symbol=" + symbol + "&interval=1h&poll=" + pollSeconds + "&study=sma:period=5");
        long last = candles.t()[candles.size() - 1];
        // Unchanged answers are 304s.
        new WebDriverWait(browser, LOAD).until(b -> (Long) js("return chartfeed.pollStats().notModified") >= 2);

        long next = last + 3_600;
        assertEquals(200, put(symbol, "time,open,high,low,close,volume\n" + next + ",100,123.5,99,123.25,777\n"));
        long put = System.nanoTime();
        new WebDriverWait(browser, Duration.ofSeconds(2L * pollSeconds + 1), Duration.ofMillis(50))
                .until(b -> Long.valueOf(next).equals(js("var c = chartfeed.lastCandleOnChart(); return c && c.time")));
        long waitedMillis = (System.nanoTime() - put) / 1_000_000;
        assertTrue(waitedMillis <= 2_000L * pollSeconds + 500, "shown after " + waitedMillis + " ms");
        assertEquals(123.25, ((Number) js("return chartfeed.lastCandleOnChart().close")).doubleValue());
        new WebDriverWait(browser, Duration.ofSeconds(2L * pollSeconds + 1)).until(b ->
                Long.valueOf(next).equals(js("var s = chartfeed.chart.panes()[0].getSeries()[2].data();"
                        + " return s[s.length - 1].time")));
        assertEquals(List.of(), unexpectedConsoleErrors());
    }

    @Test
    void aBadParameterOrAnUnknownSymbolShowsTheProblemsDetail() {
        open("/?symbol=AAPL&interval=1d&study=rsi:period=1");
        WebElement message = browser.findElement(By.id("message"));
        assertTrue(message.isDisplayed());
        assertTrue(message.getText().contains("RSI(1): period: must be between 2 and 10000, got \"1\""),
                message.getText());
        assertEquals(500L, js("return chartfeed.candleCount()"), "the candles are still charted");

        browser.get(base + "/?symbol=NOSUCHSYMBOL&interval=1d");
        new WebDriverWait(browser, LOAD).until(b -> "error".equals(js("return document.body.dataset.state")));
        assertEquals("symbol: no candles are stored for NOSUCHSYMBOL",
                browser.findElement(By.id("message")).getText());
    }

    @Test
    void theReadmeSnippetChartsAnIndicator() throws IOException {
        String readme = Files.readString(Path.of("../../README.md"));
        String example = Files.readString(Path.of("../indicator/src/main/resources/chart/example.html"));
        assertTrue(readme.contains("```html\n" + example + "```"), "README shows chart/example.html verbatim");

        browser.get(base + "/chart/example.html");
        new WebDriverWait(browser, LOAD).until(b -> (Long) js("return document.querySelectorAll('canvas').length") > 0);
        new WebDriverWait(browser, LOAD).until(b -> paintedPixels() > 5_000);
        assertTrue(requested("/v1/indicators/AAPL/rsi?", 200));
        assertEquals(List.of(), unexpectedConsoleErrors());
    }

    private void open(String pathAndQuery) {
        browser.get(base + pathAndQuery);
        new WebDriverWait(browser, LOAD).until(b -> !"loading".equals(js("return document.body.dataset.state")));
    }

    private Object js(String script) {
        return browser.executeScript(script);
    }

    private boolean requested(String urlPart, int status) {
        return (Boolean) browser.executeScript("return performance.getEntriesByType('resource')"
                + ".some(e => e.name.includes(arguments[0]) && e.responseStatus === arguments[1])", urlPart, status);
    }

    private boolean requested(String urlPart, String queryPart) {
        return (Boolean) browser.executeScript("return performance.getEntriesByType('resource')"
                + ".some(e => e.name.includes(arguments[0]) && e.name.includes(arguments[1]))", urlPart, queryPart);
    }

    /** Non-white pixels on the chart's canvases, sampled. */
    private long paintedPixels() {
        return (Long) js("""
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
     * (the page then uses its built-in list; with the catalogue there, nothing is excused).
     */
    private List<String> unexpectedConsoleErrors() {
        boolean noCatalogue = status("/v1/indicators") == 404;
        return HeadlessChromium.consoleErrors(browser).stream()
                .filter(line -> !(noCatalogue && line.startsWith(base + "/v1/indicators - ") && line.contains(" 404 ")))
                .toList();
    }

    private static int status(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int put(String symbol, String csv) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/v1/candles/" + symbol + "/1h"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "text/csv")
                .PUT(HttpRequest.BodyPublishers.ofString(csv)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
