package com.chartfeed.local;

import com.chartfeed.candles.CandleColumns;
import com.chartfeed.candles.Interval;
import com.chartfeed.testing.Csv;
import com.chartfeed.testing.TestCandles;
import com.chartfeed.testing.TestServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chart page in a real browser (headless Chromium) against the real local server on its
 * embedded default (H2 with the sample candles): what a user would see of its data, live and
 * scrolled back ({@link ChartPage} says how to point it at a server started elsewhere).
 */
class ChartPageBrowserTest {
    private static final Duration LOAD = ChartPage.LOAD;
    private ChartPage page;
    private ChromeDriver browser;

    @BeforeEach
    void startBrowser() {
        page = ChartPage.start();
        browser = page.browser;
    }

    @AfterEach
    void stopBrowser() {
        if (page != null) {
            page.close();
        }
    }

    @Test
    void drawsCandlesTwoOverlaysAndAnOscillatorPaneWithoutConsoleErrors() throws Exception {
        open("/?symbol=AAPL&interval=1h&study=sma:period=20&study=bbands:period=20,stddev=2&study=rsi:period=14");

        assertEquals(500L, js("return chartfeed.candleCount()"));
        assertEquals(2L, js("return chartfeed.paneCount()"), "the price pane and RSI's");
        // candles, volume, SMA, three Bollinger bands and the band between the outer two, RSI
        assertEquals(8L, js("return chartfeed.seriesCount()"));
        @SuppressWarnings("unchecked")
        List<List<Long>> points = (List<List<Long>>) js("return chartfeed.studyPoints()");
        points.forEach(series -> series.forEach(n -> assertTrue(n > 400, "study points " + points)));
        // A legend per pane: the prices and overlays on the candles, RSI on its own pane.
        String prices = browser.findElement(By.id("price-legend")).getText();
        assertTrue(prices.contains("AAPL") && prices.contains("SMA(20)") && prices.contains("BBANDS(20, 2)")
                && !prices.contains("RSI"), prices);
        String rsi = browser.findElement(By.cssSelector("#pane-legends [data-pane='1']")).getText();
        assertTrue(rsi.startsWith("RSI(14)"), rsi);
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
        // The footer follows the loaded range.
        new WebDriverWait(browser, LOAD).withMessage(() -> browser.findElement(By.id("status")).getText()).until(b -> {
            String footer = browser.findElement(By.id("status")).getText();
            return footer.contains("2000 candles") && footer.contains("all of its history");
        });
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
    void aFailedStudyShowsItsProblemInItsPlaceWithoutAnEmptyPane() {
        open("/?symbol=AAPL&interval=1d&study=rsi:period=1&study=sma:period=20");
        WebElement failed = browser.findElement(By.cssSelector("#studies li.failed"));
        assertEquals("rsi", failed.getDomAttribute("data-study"));
        assertTrue(failed.getText().contains("RSI(1): period: must be between 2 and 10000, got \"1\""), failed.getText());
        assertEquals(500L, js("return chartfeed.candleCount()"), "the candles are still charted");
        assertEquals(1L, js("return chartfeed.paneCount()"), "no pane for the failed RSI");
        assertTrue(browser.findElement(By.id("price-legend")).getText().contains("SMA(20)"), "the other study is drawn");
        assertEquals(List.of(), page.unexpectedConsoleErrors(400));
    }

    @Test
    void anUnknownSymbolShowsTheProblemsDetailAndClearsTheLegend() {
        open("/?symbol=NOSUCHSYMBOL&interval=1d");
        assertEquals("error", js("return document.body.dataset.state"));
        assertEquals("symbol: no candles are stored for NOSUCHSYMBOL", browser.findElement(By.id("message")).getText());

        // Switching to one from a charted symbol: nothing of the previous symbol stays.
        open("/?symbol=AAPL&interval=1d&study=rsi");
        assertTrue(browser.findElement(By.id("price-legend")).getText().contains("AAPL"));
        WebElement symbol = browser.findElement(By.id("symbol"));
        symbol.clear();
        symbol.sendKeys("NOSUCHSYMBOL", Keys.ENTER);
        new WebDriverWait(browser, LOAD).until(b -> "error".equals(js("return document.body.dataset.state")));
        assertEquals("symbol: no candles are stored for NOSUCHSYMBOL", browser.findElement(By.id("message")).getText());
        assertEquals("", browser.findElement(By.id("price-legend")).getText());
        assertEquals("", browser.findElement(By.id("pane-legends")).getText());
        assertEquals(0L, js("return chartfeed.candleCount()"));
    }

    @Test
    void anUnknownIntervalIsNamedAndADefaultShown() {
        open("/?symbol=AAPL&interval=2h&study=sma");
        String message = browser.findElement(By.id("message")).getText();
        assertTrue(message.contains("Unknown interval \"2h\"") && message.contains("1d"), message);
        assertEquals("ready", js("return document.body.dataset.state"));
        assertEquals(86_400L, js("const d = chartfeed.chart.panes()[0].getSeries()[0].data();"
                + " return d[d.length - 1].time - d[d.length - 2].time"), "daily candles");
    }

    @Test
    void theReadmeSnippetChartsAnIndicator() throws IOException {
        String readme = Files.readString(Path.of("../../README.md"));
        String example = Files.readString(Path.of("../indicator/src/main/resources/chart/example.html"));
        assertTrue(readme.contains("```html\n" + example + "```"), "README shows chart/example.html verbatim");

        browser.get(ChartPage.base() + "/chart/example.html");
        new WebDriverWait(browser, LOAD).until(b -> (Long) js("return document.querySelectorAll('canvas').length") > 0);
        new WebDriverWait(browser, LOAD).until(b -> paintedPixels() > 5_000);
        assertTrue(requested("/v1/indicators/AAPL/rsi?", 200));
        assertEquals(List.of(), unexpectedConsoleErrors());
    }

    private void open(String pathAndQuery) {
        page.open(pathAndQuery);
    }

    private Object js(String script) {
        return page.js(script);
    }

    private boolean requested(String urlPart, int status) {
        return page.requested(urlPart, status);
    }

    private boolean requested(String urlPart, String queryPart) {
        return page.requested(urlPart, queryPart);
    }

    private long paintedPixels() {
        return page.paintedPixels();
    }

    private List<String> unexpectedConsoleErrors() {
        return page.unexpectedConsoleErrors();
    }

    private static int put(String symbol, String csv) throws IOException, InterruptedException {
        return ChartPage.put(symbol, csv);
    }
}
