package com.chartfeed.local;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Holds each request until the sample candles it may read are loaded, so that the local server can
 * take requests while {@link SampleDataLoader} still writes them and never answers from a part of
 * them: a request naming a sample symbol in its path ({@code /v1/candles/AAPL},
 * {@code /v1/indicators/AAPL/rsi}) waits for that symbol's series, every other request (the symbol
 * list, a batch, the admin routes, an unknown symbol) for all of them.
 * Exists only where {@link SampleDataLoader} loads in the background (its conditions and
 * {@code candles.sample-data.in-background=true}, which {@link LocalServer} sets): anywhere else
 * nothing would open it.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Requires(property = "datasources.default.url", pattern = "jdbc:h2:.*")
@Requires(property = "candles.sample-data.enabled", notEquals = "false")
@Requires(property = SampleDataGate.IN_BACKGROUND, value = "true")
final class SampleDataGate {
    static final String IN_BACKGROUND = "candles.sample-data.in-background";
    private static final Pattern SYMBOL_PATH = Pattern.compile("^/v1/(?:candles|indicators)/([^/]+)");

    private final Map<String, CompletableFuture<Void>> symbols = SampleDataLoader.MARKETS.stream()
            .collect(Collectors.toUnmodifiableMap(SampleCandles.Market::symbol, market -> new CompletableFuture<>()));
    private final CompletableFuture<Void> all = CompletableFuture.allOf(symbols.values().toArray(CompletableFuture[]::new));

    /** Everything is there (loaded before, or in the database already): no request waits. */
    void openAll() {
        symbols.values().forEach(loaded -> loaded.complete(null));
    }

    /** The symbol's series are all written: its requests go on. */
    void open(String symbol) {
        symbols.get(symbol).complete(null);
    }

    /** Loading failed: every request still waiting, and every later one, fails with the cause. */
    void fail(Throwable cause) {
        symbols.values().forEach(loaded -> loaded.completeExceptionally(cause));
    }

    /**
     * The request itself once what it may read is loaded: a filter's later answer of {@code null}
     * would be taken for no response at all (an empty {@code 503}), the request is taken to go on.
     */
    @RequestFilter
    CompletableFuture<HttpRequest<?>> awaitSampleData(HttpRequest<?> request) {
        Matcher path = SYMBOL_PATH.matcher(request.getPath());
        CompletableFuture<Void> loaded = path.find()
                ? symbols.getOrDefault(path.group(1).toUpperCase(Locale.ROOT), all)
                : all;
        return loaded.thenApply(done -> request);
    }
}
