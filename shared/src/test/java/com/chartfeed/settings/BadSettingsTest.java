package com.chartfeed.settings;

import com.chartfeed.testing.TestServices;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A bad setting stops the application at start-up, and the error names the setting as an
 * operator wrote it (its {@code application.yml} key) and the value given: a Lambda function's
 * init fails with that line in its log, rather than a request failing later, elsewhere, or a zero
 * timeout silently meaning "wait forever".
 */
class BadSettingsTest {

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            cache.ttl-min                          | 2h    | cache.ttl-min (2h) must not exceed cache.ttl-max (1h)
            cache.ttl-max                          | 30s   | cache.ttl-min (1m) must not exceed cache.ttl-max (30s)
            cache.staleness-budget                 | 0s    | cache.staleness-budget (0s) must be at least 1ms
            cache.redis-command-timeout            | 0ms   | cache.redis-command-timeout (0s) must be at least 1ms
            cache.redis-bulk-timeout               | -2s   | cache.redis-bulk-timeout (-2s) must be at least 1ms
            cache.l1-maximum-weight                | -1    | cache.l1-maximum-weight (-1) must not be negative
            cache.stale-for                        | -1m   | cache.stale-for (-1m) must not be negative
            cache.unbumped-scopes-kept             | -5    | cache.unbumped-scopes-kept (-5) must not be negative
            cache.refresh-ahead.recent-for         | 0s    | cache.refresh-ahead.recent-for (0s) must be at least 1ms
            cache.refresh-ahead.kept-per-scope     | 0     | cache.refresh-ahead.kept-per-scope (0) must be positive
            cache.patch.max-rows                   | -1    | cache.patch.max-rows (-1) must not be negative
            candles.database.lock-timeout          | 0s    | candles.database.lock-timeout (0s) must be at least 1ms
            candles.symbols.known-ttl              | 0s    | candles.symbols.known-ttl (0s) must be at least 1ms
            batch.max-items                        | 0     | batch.max-items (0) must be positive
            batch.deadline                         | -5s   | batch.deadline (-5s) must be at least 1ms
            responses.gzip-level                   | 10    | responses.gzip-level (10) must be between 1 and 9
            responses.rendered-bodies-maximum-weight | -1  | responses.rendered-bodies-maximum-weight (-1) must not be negative
            metrics.namespace                      | '  '  | metrics.namespace must not be blank
            """)
    void stopsTheStartNamingTheSetting(String setting, String value, String message) {
        RuntimeException failure = assertThrows(RuntimeException.class, () -> {
            try (ApplicationContext ignored = TestServices.startOnPostgres(Map.of(setting, value))) {
                // started: the bad value was taken
            }
        }, setting + "=" + value + " was taken");
        assertTrue(messages(failure).contains(message), messages(failure));
    }

    private static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }
}
