package com.chartfeed.local;

import com.chartfeed.candles.CandleColumns;
import com.chartfeed.candles.Interval;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The Quick start's server takes requests while the sample candles load ({@link SampleDataGate}):
 * requests sent the moment it runs get whole series and the whole symbol list, never a part.
 */
@MicronautTest(environments = LocalEnvironment.NAME, transactional = false)
@Property(name = SampleDataGate.IN_BACKGROUND, value = "true")
@Property(name = "micronaut.server.port", value = "-1")
// A database of its own: the other tests' (same JVM, same in-memory name) already holds the candles.
@Property(name = "datasources.default.url",
        value = "jdbc:h2:mem:background;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1")
class SampleDataInBackgroundTest {
    @Inject
    @Client("/")
    HttpClient http;

    @Test
    void requestsSentAtOnceGetWholeSeries() {
        // First what the README asks for, then what waits for every symbol, then the last symbol loaded.
        Map<String, Object> rsi = get("/v1/indicators/AAPL/rsi?interval=1h&limit=5000");
        // RSI(14) over the whole series: every candle's point but the 14 of its warm-up.
        assertEquals(SampleDataLoader.CANDLES_PER_SERIES - 14, ((List<?>) rsi.get("t")).size(), "AAPL 1h RSI");

        Map<String, Object> symbols = get("/v1/symbols");
        assertEquals(List.of("AAPL", "BTCUSD", "MSFT"), ((List<?>) symbols.get("symbols")).stream()
                .map(listing -> ((Map<?, ?>) listing).get("symbol")).toList());

        for (SampleCandles.Market market : SampleDataLoader.MARKETS.reversed()) {
            Map<Interval, CandleColumns> generated = SampleCandles.generate(market, SampleDataLoader.CANDLES_PER_SERIES);
            for (Interval interval : Interval.values()) {
                Map<String, Object> candles = get("/v1/candles/" + market.symbol().toLowerCase()
                        + "?interval=" + interval.code() + "&limit=5000");
                assertEquals(Arrays.stream(generated.get(interval).t()).boxed().toList(),
                        ((List<?>) candles.get("t")).stream().map(t -> ((Number) t).longValue()).toList(),
                        market.symbol() + " " + interval.code());
            }
        }
    }

    private Map<String, Object> get(String uri) {
        return http.toBlocking().retrieve(HttpRequest.GET(uri), Argument.mapOf(String.class, Object.class));
    }
}
