package com.chartfeed.local;

import com.chartfeed.cache.CacheInvalidator;
import com.chartfeed.candles.CandleColumns;
import com.chartfeed.candles.CandleStore;
import com.chartfeed.candles.CandleVersions;
import com.chartfeed.candles.Interval;
import com.chartfeed.candles.SymbolDirectory;
import com.chartfeed.service.CandleWriter;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Versions on the embedded H2, where bumps run as plain SQL rather than PostgreSQL's function:
 * concurrent uploads of one (symbol, interval) each get a version of their own and the last one
 * committed is the version kept; rows are stamped, and an invalidation asks readers for a full read.
 */
// Not in a test transaction: the uploads run on threads of their own, and commit.
@MicronautTest(environments = LocalEnvironment.NAME, transactional = false)
@Property(name = "micronaut.server.port", value = "-1")
@Property(name = "candles.sample-data.enabled", value = "false")
// Writers queue for one row here, on a machine that may be busy: this test is not about timeouts.
@Property(name = "candles.database.lock-timeout", value = "30s")
class EmbeddedVersionsTest {
    @Inject
    CandleWriter writer;
    @Inject
    CandleVersions versions;
    @Inject
    CandleStore store;
    @Inject
    SymbolDirectory symbols;
    @Inject
    CacheInvalidator invalidator;

    @Test
    void concurrentUploadsOfOneScopeAreSerialized() throws Exception {
        String symbol = ("H2" + UUID.randomUUID().toString().replace("-", "")).substring(0, 16).toUpperCase();
        writer.upsert(symbol, Interval.H1, candles(0, 1));
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> uploads = new ArrayList<>();
            for (int i = 1; i <= 40; i++) {
                CandleColumns one = candles(i, 1);
                uploads.add(threads.submit(() -> writer.upsert(symbol, Interval.H1, one)));
            }
            for (Future<?> upload : uploads) {
                upload.get(30, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        long id = symbols.find(symbol).orElseThrow();
        CandleVersions.ScopeVersion scope = versions.scope(symbol, Interval.H1);
        CandleColumns all = store.readAll(id, Interval.H1);
        assertEquals(41, all.size());
        // The version kept is the newest any upload took: none committed after a larger one.
        assertEquals(0, store.changedSince(id, Interval.H1, scope.version()).size());
        assertEquals(1, store.changedSince(id, Interval.H1, scope.version() - 1).size());
        assertTrue(scope.rowsTellChangesSince(0));

        invalidator.invalidate(symbol, null, CacheInvalidator.Waiting.REQUEST);
        CandleVersions.ScopeVersion invalidated = versions.scope(symbol, Interval.H1);
        assertTrue(invalidated.version() > scope.version());
        assertFalse(invalidated.rowsTellChangesSince(scope.version()));
        assertArrayEquals(new long[0], store.changedSince(id, Interval.H1, invalidated.version()).t());
    }

    private static CandleColumns candles(int hour, int count) {
        long[] t = new long[count];
        double[] price = new double[count];
        for (int i = 0; i < count; i++) {
            t[i] = 1_700_006_400L + (hour + i) * 3_600L;
            price[i] = 10 + hour + i;
        }
        return new CandleColumns(t, price, price, price, price, price);
    }
}
