package com.chartfeed.local;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code /api-docs} in a real browser (headless Chromium) against the local server on its embedded
 * default: the vendored Swagger UI renders every operation of {@code /openapi.yml}, with no console
 * error, and "Try it out" on {@code GET /v1/symbols} gets the server's answer. Skipped where Chromium
 * is not installed, as {@link ChartPageBrowserTest} is.
 */
class ApiDocsBrowserTest {
    private static final Duration LOAD = Duration.ofSeconds(30);
    private static EmbeddedServer server;
    private static String base;
    private ChromeDriver browser;

    @BeforeAll
    static void startServer() {
        HeadlessChromium.assumeInstalled();
        server = ApplicationContext.run(EmbeddedServer.class, Map.of("micronaut.server.port", -1), LocalServer.ENVIRONMENT,
                LocalEnvironment.NAME);
        base = "http://localhost:" + server.getPort();
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
    void rendersEveryOperationOfTheDocumentAndTriesOne() throws IOException {
        OpenApiDocument document;
        try (InputStream in = getClass().getResourceAsStream(OpenApiDocumentTest.RESOURCE)) {
            assertNotNull(in);
            document = OpenApiDocument.parse(in.readAllBytes());
        }
        browser.get(base + "/api-docs");
        WebDriverWait wait = new WebDriverWait(browser, LOAD);
        wait.until(b -> b.findElements(By.cssSelector(".opblock")).size() == document.operations().size());
        assertTrue(browser.findElement(By.cssSelector(".info .title")).getText().startsWith("chartfeed"));
        for (OpenApiDocument.Operation operation : document.operations()) {
            String tag = operation.node().path("tags").get(0).asText();
            assertEquals(1, browser.findElements(By.id("operations-" + tag + "-" + operation.id())).size(),
                    operation.key() + " is not rendered");
        }

        WebElement symbols = browser.findElement(By.id("operations-symbols-getSymbols"));
        symbols.findElement(By.cssSelector(".opblock-summary-control")).click();
        wait.until(b -> !symbols.findElements(By.cssSelector(".try-out__btn")).isEmpty());
        symbols.findElement(By.cssSelector(".try-out__btn")).click();
        symbols.findElement(By.cssSelector(".execute")).click();
        By answer = By.cssSelector(".live-responses-table tr.response");
        wait.until(b -> !symbols.findElements(answer).isEmpty());
        assertEquals("200", symbols.findElement(answer).findElement(By.cssSelector(".response-col_status")).getText().strip());
        assertTrue(symbols.findElement(answer).findElement(By.cssSelector(".response-col_description")).getText()
                .contains("AAPL"), "the sample symbols in the answer");

        List<String> errors = HeadlessChromium.consoleErrors(browser);
        assertEquals(List.of(), errors);
    }
}
