package com.chartfeed.local;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How the chart page looks and behaves as a view, in headless Chromium on the local server: studies
 * drawn from the catalogue's hints, study edits that leave the chart where it is, Back and Forward,
 * light and dark, a phone's screen, and the screenshots under docs/.
 */
class ChartViewBrowserTest {
    /** Where {@link #screenshotsOfTheChartLightAndDarkOnADesktopAndAPhone} writes; docs/ to update the README's. */
    private static final Path SCREENSHOTS = Path.of(System.getProperty("chartfeed.screenshots.dir", "target/screenshots"));
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

    /**
     * Supertrend's direction (+1/-1) is a state that colours its line, not a series on the price
     * scale: drawn there it would stretch the scale to -1 and squash the candles into a sliver.
     */
    @Test
    void supertrendLeavesTheCandlesAtLeastFourFifthsOfTheRowsTheyFillWithoutIt() {
        page.open("/?symbol=AAPL&interval=1d");
        long without = candleRows();
        assertTrue(without > 200, "candles fill " + without + " rows of the price pane");

        page.open("/?symbol=AAPL&interval=1d&study=supertrend");
        long with = candleRows();
        assertTrue(with >= 0.8 * without, "candles fill " + with + " rows with Supertrend, " + without + " without");
        assertEquals(1L, page.number("return chartfeed.paneCount()"));
        // One line in two colours, green under an uptrend and red over a downtrend (both within 500
        // days), broken where the trend flips (the segment from the band below to the band above unseen).
        @SuppressWarnings("unchecked")
        List<String> line = (List<String>) page.js("""
                const lines = chartfeed.chart.panes()[0].getSeries().filter(s => s.seriesType() === 'Line');
                return lines.length === 1 ? lines[0].data().filter(p => p.value !== undefined).map(p => p.color) : null;""");
        String up = (String) page.js("return chartfeedTheme.colors().trendUp");
        String down = (String) page.js("return chartfeedTheme.colors().trendDown");
        assertEquals(Set.of(up, down, "transparent"), Set.copyOf(line));
        for (int i = 1; i + 1 < line.size(); i++) {
            if (!line.get(i - 1).equals(line.get(i + 1)) && Set.of(up, down).contains(line.get(i - 1))
                    && Set.of(up, down).contains(line.get(i + 1))) {
                assertEquals("transparent", line.get(i), "the stroke where the trend flips, at point " + i);
            }
        }
        assertEquals(List.of(), page.unexpectedConsoleErrors());
    }

    @Test
    void aCandlestickPatternMarksTheCandlesInsteadOfOpeningAPane() {
        page.open("/?symbol=AAPL&interval=1d&study=cdlengulfing");
        assertEquals(1L, page.number("return chartfeed.paneCount()"), "no pane for the pattern");
        assertEquals(2L, page.number("return chartfeed.seriesCount()"), "candles and volume only");

        // Hammers (bullish) below their candles, named.
        page.open("/?symbol=AAPL&interval=1d&study=cdlhammer&study=cdlhangingman");
        assertEquals(1L, page.number("return chartfeed.paneCount()"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> markers = (List<Map<String, Object>>) page.js("return chartfeed.markers()");
        @SuppressWarnings("unchecked")
        List<Long> hammers = (List<Long>) page.js("""
                const xhr = new XMLHttpRequest();
                xhr.open('GET', '/v1/indicators/AAPL/cdlhammer?interval=1d&from=' + chartfeed.firstTime(), false);
                xhr.send();
                const body = JSON.parse(xhr.responseText);
                return body.t.filter((t, i) => body.series.value[i] > 0);""");
        assertFalse(hammers.isEmpty(), "the sample candles have hammers");
        List<Map<String, Object>> hammerMarkers = markers.stream().filter(m -> "Hammer".equals(m.get("text"))).toList();
        assertEquals(hammers, hammerMarkers.stream().map(m -> ((Number) m.get("time")).longValue()).toList());
        hammerMarkers.forEach(m -> assertEquals(List.of("belowBar", "arrowUp"), List.of(m.get("position"), m.get("shape"))));
        List<Map<String, Object>> hangingMen = markers.stream().filter(m -> "Hanging Man".equals(m.get("text"))).toList();
        assertFalse(hangingMen.isEmpty());
        hangingMen.forEach(m -> assertEquals(List.of("aboveBar", "arrowDown"), List.of(m.get("position"), m.get("shape"))));
    }

    @Test
    void ichimokusCloudIsFilledAndShiftedIntoTheFutureAndItsLaggingSpanBack() {
        page.open("/?symbol=AAPL&interval=1d&study=ichimoku:kijun=26");
        long last = page.number("return chartfeed.lastBar().time");
        // 26 candles back: trading days (the sample stocks trade on weekdays).
        long back = page.number("const d = chartfeed.chart.panes()[0].getSeries()[0].data(); return d[d.length - 27].time");
        // Lines: tenkan, kijun, senkou A and B, chikou; the fill between the senkou spans.
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> series = (List<Map<String, Object>>) page.js("""
                return chartfeed.chart.panes()[0].getSeries().slice(2).map(s => {
                  const d = s.data().filter(p => p.value !== undefined || p.a !== undefined);
                  return { type: s.seriesType(), first: d[0].time, last: d[d.length - 1].time };
                });""");
        assertEquals(List.of("Custom", "Line", "Line", "Line", "Line", "Line"), series.stream().map(s -> s.get("type")).toList());
        // Past the last candle, 26 steps of the interval into the future.
        assertEquals(last + 26 * 86_400L, series.get(0).get("last"), "the cloud ends 26 days after the last candle");
        assertEquals(last + 26 * 86_400L, series.get(3).get("last"), "senkou A too");
        assertEquals(back, series.get(5).get("last"), "chikou ends 26 candles before the last");
    }

    @Test
    void levelsAreDashedLinesAndMacdsHistogramIsColouredBySignAndGrowth() {
        page.open("/?symbol=AAPL&interval=1d&study=rsi&study=macd");
        assertEquals(3L, page.number("return chartfeed.paneCount()"));
        @SuppressWarnings("unchecked")
        List<String> histColours = (List<String>) page.js("""
                const hist = chartfeed.chart.panes()[2].getSeries().find(s => s.seriesType() === 'Histogram');
                return [...new Set(hist.data().filter(p => p.value !== undefined).map(p => p.color))];""");
        assertEquals(4, histColours.size(), "rising and falling above zero, and below: " + histColours);
        // RSI's 30 and 70 stay on its pane's scale.
        @SuppressWarnings("unchecked")
        List<Number> range = (List<Number>) page.js("""
                const rsi = chartfeed.chart.panes()[1].getSeries()[0];
                const h = chartfeed.chart.panes()[1].getHeight();
                return [rsi.coordinateToPrice(h - 1), rsi.coordinateToPrice(0)];""");
        assertTrue(range.get(0).doubleValue() <= 30 && range.get(1).doubleValue() >= 70, "RSI pane spans " + range);
    }

    @Test
    void addingEditingAndRemovingStudiesKeepsTheVisibleRangeAndEachStudysColour() {
        page.open("/?symbol=AAPL&interval=1d&study=sma:period=20");
        page.js("chartfeed.chart.timeScale().setVisibleLogicalRange({from: 150, to: 300})");
        page.frames();
        Object range = visibleRange();

        // The picker finds a study by its title, and Enter adds it.
        addStudy("Bollinger", "bbands");
        assertEquals(range, visibleRange(), "after adding Bollinger Bands");
        addStudy("relative strength", "rsi");
        assertEquals(range, visibleRange(), "after adding RSI in a pane of its own");
        addStudy("ichimoku", "ichimoku");
        assertEquals(range, visibleRange(), "after adding Ichimoku, whose cloud reaches into the future");
        String bbandsColour = swatch("bbands");
        String rsiColour = swatch("rsi");

        WebElement rsi = browser.findElement(By.cssSelector("#studies li[data-study=rsi]"));
        rsi.findElement(By.cssSelector(".name")).click();
        WebElement period = rsi.findElement(By.name("period"));
        period.clear();
        period.sendKeys("7", Keys.TAB);
        new WebDriverWait(browser, ChartPage.LOAD).until(b -> browser.getCurrentUrl().contains("rsi:period=7") && idle());
        page.frames();
        assertTrue(browser.findElement(By.id("pane-legends")).getText().contains("RSI(7)"));
        assertEquals(range, visibleRange(), "after editing RSI");

        browser.findElement(By.cssSelector("#studies li[data-study=sma] .remove")).click();
        page.frames();
        assertEquals(range, visibleRange(), "after removing SMA");
        assertEquals(bbandsColour, swatch("bbands"), "removing a study repaints no other");
        assertEquals(rsiColour, swatch("rsi"));
        assertEquals(2L, page.number("return chartfeed.paneCount()"));
        assertEquals(List.of(), page.unexpectedConsoleErrors());
    }

    @Test
    void thePickerIsKeyboardOperable() {
        page.open("/?symbol=AAPL&interval=1d");
        WebElement search = browser.findElement(By.id("study-search"));
        search.sendKeys("pattern doji");
        List<WebElement> found = browser.findElements(By.cssSelector("#study-options [role=option]"));
        assertTrue(found.size() > 3 && found.stream().map(WebElement::getText).allMatch(text -> text.startsWith("cdl")
                && text.toLowerCase(java.util.Locale.ROOT).contains("doji")), found.stream().map(WebElement::getText).toList().toString());
        List<String> options = found.stream().map(option -> option.findElement(By.tagName("b")).getText()).toList();
        search.sendKeys(Keys.ARROW_DOWN, Keys.ARROW_DOWN);
        String active = browser.findElement(By.cssSelector("#study-options [aria-selected=true] b")).getText();
        assertEquals(options.get(2), active);
        assertEquals("study-option-" + active, search.getDomAttribute("aria-activedescendant"));
        search.sendKeys(Keys.ENTER);
        new WebDriverWait(browser, ChartPage.LOAD).until(b -> browser.getCurrentUrl().contains("study=" + active));
        assertTrue(browser.findElement(By.id("study-options")).getDomAttribute("hidden") != null, "closed after adding");
        search.sendKeys("zzzz");
        assertTrue(browser.findElement(By.id("study-options")).getText().contains("No study matches"));
        search.sendKeys(Keys.ESCAPE);
        assertTrue(browser.findElement(By.id("study-options")).getDomAttribute("hidden") != null);
    }

    @Test
    void backAndForwardStepThroughViews() {
        page.open("/?symbol=AAPL&interval=1d&study=sma:period=20");
        addStudy("rsi", "rsi");
        new Select(browser.findElement(By.id("interval"))).selectByValue("1h");
        page.waitUntilSettled();
        assertEquals(3_600L, candleSpacing());

        browser.navigate().back();
        new WebDriverWait(browser, ChartPage.LOAD).until(b -> "1d".equals(interval()) && "ready".equals(page.js("return document.body.dataset.state")));
        assertEquals(86_400L, candleSpacing());
        assertTrue(browser.getCurrentUrl().contains("study=rsi"), browser.getCurrentUrl());
        assertEquals(2L, page.number("return chartfeed.paneCount()"));

        browser.navigate().back();
        new WebDriverWait(browser, ChartPage.LOAD).until(b -> page.number("return chartfeed.paneCount()") == 1L);
        assertFalse(browser.getCurrentUrl().contains("study=rsi"), browser.getCurrentUrl());
        assertEquals(List.of("sma"), studiesListed());

        browser.navigate().forward();
        new WebDriverWait(browser, ChartPage.LOAD).until(b -> page.number("return chartfeed.paneCount()") == 2L);
        assertEquals(List.of("sma", "rsi"), studiesListed());
    }

    @Test
    void aDarkPaneUnderPrefersColorSchemeDarkAndARememberedToggle() {
        page.prefersColorScheme("dark");
        page.open("/?symbol=AAPL&interval=1d&study=rsi");
        assertTrue(paneBackgroundLuminance(0) < 50, "price pane " + paneBackgroundLuminance(0));
        assertTrue(paneBackgroundLuminance(1) < 50, "RSI pane " + paneBackgroundLuminance(1));
        assertEquals("dark", page.js("return document.documentElement.dataset.theme"));

        browser.findElement(By.id("theme")).click();
        page.frames();
        assertTrue(paneBackgroundLuminance(0) > 230, "light after the toggle: " + paneBackgroundLuminance(0));
        browser.navigate().refresh();
        page.waitUntilSettled();
        assertTrue(paneBackgroundLuminance(0) > 230, "remembered: " + paneBackgroundLuminance(0));

        page.prefersColorScheme("light");
        page.open("/?symbol=AAPL&interval=1d");
        assertTrue(paneBackgroundLuminance(0) > 230, "light system, light choice");
    }

    @Test
    void aPhoneScrollsNeitherSidewaysNorItsLegendOverTheCandlesAndPansByTouch() {
        page.emulate(390, 844, true);
        page.open("/?symbol=AAPL&interval=1d&study=bbands:period=20&study=supertrend&study=ichimoku&study=macd&study=rsi");
        assertEquals(390L, page.number("return window.innerWidth"));
        assertTrue(page.number("return document.scrollingElement.scrollWidth") <= 390,
                "page width " + page.js("return document.scrollingElement.scrollWidth"));
        browser.findElement(By.cssSelector("#studies li[data-study=macd] .name")).click();
        assertTrue(page.number("return document.scrollingElement.scrollWidth") <= 390, "with MACD's parameters open");
        assertTrue((Boolean) page.js("return document.getElementById('price-legend').getBoundingClientRect().bottom"
                + " <= document.getElementById('chart-box').getBoundingClientRect().top"),
                "the price legend sits above the chart, off the candles");

        Object before = page.js("return chartfeed.chart.timeScale().getVisibleLogicalRange().from");
        WebElement pane = browser.findElement(By.id("chart"));
        int y = pane.getRect().getY() + 150;
        touch("touchStart", 250, y);
        for (int x = 240; x >= 100; x -= 20) {
            touch("touchMove", x, y);
        }
        touch("touchEnd", 100, y);
        page.frames();
        Object after = page.js("return chartfeed.chart.timeScale().getVisibleLogicalRange().from");
        assertNotEquals(before, after, "a horizontal swipe pans the chart");

        double spacing = ((Number) page.js("return chartfeed.chart.timeScale().options().barSpacing")).doubleValue();
        browser.executeCdpCommand("Input.synthesizePinchGesture", Map.of("x", 200, "y", y, "scaleFactor", 2,
                "gestureSourceType", "touch"));
        page.frames();
        double zoomed = ((Number) page.js("return chartfeed.chart.timeScale().options().barSpacing")).doubleValue();
        assertTrue(zoomed > 1.5 * spacing, "a pinch zooms the chart: bar spacing " + spacing + " to " + zoomed);
        assertEquals(1L, page.number("return visualViewport.scale"), "not the page");
    }

    /**
     * The README's screenshots: a desktop (1280x800) and a phone (390x844), light and dark, written
     * to target/screenshots, or to docs/ with {@code -Dchartfeed.screenshots.dir=<repository>/docs}.
     */
    @Test
    void screenshotsOfTheChartLightAndDarkOnADesktopAndAPhone() throws IOException {
        Files.createDirectories(SCREENSHOTS);
        String desktop = "/?symbol=AAPL&interval=1d&study=ichimoku&study=supertrend&study=cdlhammer&study=cdlhangingman&study=macd&study=rsi";
        String phone = "/?symbol=AAPL&interval=1d&study=supertrend&study=cdlhangingman&study=rsi";
        for (String scheme : List.of("light", "dark")) {
            shoot(1280, 800, false, scheme, desktop, "chart-" + scheme + ".png");
            shoot(390, 844, true, scheme, phone, "chart-phone-" + scheme + ".png");
        }
        assertEquals(List.of(), page.unexpectedConsoleErrors());
    }

    private void shoot(int width, int height, boolean mobile, String scheme, String view, String file) throws IOException {
        page.emulate(width, height, mobile);
        page.prefersColorScheme(scheme);
        page.open(view);
        assertTrue(page.number("return document.scrollingElement.scrollWidth") <= width, file + ": no sideways scroll");
        byte[] png = browser.getScreenshotAs(OutputType.BYTES);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(List.of(width, height), List.of(image.getWidth(), image.getHeight()), file);
        int corner = image.getRGB(width - 3, height - 2);  // the footer's padding: the page's background
        int luminance = ((corner >> 16 & 255) + (corner >> 8 & 255) + (corner & 255)) / 3;
        assertTrue("dark".equals(scheme) ? luminance < 60 : luminance > 200, file + ": background " + luminance);
        Files.write(SCREENSHOTS.resolve(file), png);
    }

    private void touch(String type, int x, int y) {
        browser.executeCdpCommand("Input.dispatchTouchEvent", Map.of("type", type,
                "touchPoints", "touchEnd".equals(type) ? List.of() : List.of(Map.of("x", x, "y", y))));
    }

    private void addStudy(String search, String code) {
        int before = studiesListed().size();
        WebElement box = browser.findElement(By.id("study-search"));
        box.sendKeys(search);
        assertEquals(code, browser.findElement(By.cssSelector("#study-options [aria-selected=true] b")).getText(),
                "the first match for " + search);
        box.sendKeys(Keys.ENTER);
        new WebDriverWait(browser, ChartPage.LOAD).until(b -> studiesListed().size() == before + 1 && idle());
        page.frames();
    }

    /** No study request in flight. */
    private boolean idle() {
        return page.number("return chartfeed.loading()") == 0;
    }

    @SuppressWarnings("unchecked")
    private List<String> studiesListed() {
        return (List<String>) page.js("return [...document.querySelectorAll('#studies li')].map(li => li.dataset.study)");
    }

    private Object visibleRange() {
        return page.js("return JSON.stringify(chartfeed.chart.timeScale().getVisibleRange())");
    }

    private String swatch(String study) {
        return browser.findElement(By.cssSelector("#studies li[data-study=" + study + "] .swatch")).getCssValue("background-color");
    }

    private String interval() {
        return new Select(browser.findElement(By.id("interval"))).getFirstSelectedOption().getText();
    }

    private long candleSpacing() {
        return page.number("const d = chartfeed.chart.panes()[0].getSeries()[0].data();"
                + " return d[d.length - 1].time - d[d.length - 2].time");
    }

    /** Rows of the price pane's canvas with candle bodies or wicks in them (two pixels of the candles' colours). */
    private long candleRows() {
        return page.number("""
                const hex = (h) => [1, 3, 5].map(i => parseInt(h.slice(i, i + 2), 16));
                const candles = chartfeed.chart.panes()[0].getSeries()[0].options();
                const colours = [hex(candles.upColor), hex(candles.downColor)];
                const canvas = chartfeed.chart.panes()[0].getHTMLElement().querySelector('canvas');
                const d = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
                let rows = 0;
                for (let y = 0; y < canvas.height; y++) {
                  let n = 0;
                  for (let x = 0; x < canvas.width && n < 2; x++) {
                    const i = (y * canvas.width + x) * 4;
                    if (colours.some(c => Math.abs(d[i] - c[0]) <= 2 && Math.abs(d[i + 1] - c[1]) <= 2
                        && Math.abs(d[i + 2] - c[2]) <= 2)) n++;
                  }
                  if (n >= 2) rows++;
                }
                return rows;""");
    }

    /** The median brightness (0..255) of a pane canvas's left column, where no candle or label is drawn. */
    private long paneBackgroundLuminance(int pane) {
        return page.number("""
                const canvas = chartfeed.chart.panes()[arguments[0]].getHTMLElement().querySelector('canvas');
                const d = canvas.getContext('2d').getImageData(1, 0, 1, canvas.height).data;
                const values = [];
                for (let i = 0; i < d.length; i += 4) values.push((d[i] + d[i + 1] + d[i + 2]) / 3);
                values.sort((a, b) => a - b);
                return Math.round(values[values.length >> 1]);""", pane);
    }
}
