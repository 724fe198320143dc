package com.chartfeed.functions.indicator;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.chartfeed.candles.Interval;
import com.chartfeed.testing.Csv;
import com.chartfeed.testing.FunctionHarness;
import com.chartfeed.testing.RedisServerProcess;
import com.chartfeed.testing.TestCandles;
import com.chartfeed.testing.TestServices;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Nothing a request makes Redis hold outlives a bounded TTL, and anonymous requests for made-up
 * symbols do not make it hold more: 500 GETs of symbols nobody uploaded, through the real handler
 * on a {@code redis-server} of the test's own, beside the reads, uploads, read counts and fleet
 * stats of a real symbol. (With ElastiCache's {@code volatile-lru}, a key without a TTL is never
 * evicted: unbounded keys from unauthenticated requests would be a memory DoS.)
 */
class RedisKeysExpireTest {
    private static final int MADE_UP = 500;

    @Test
    void everyKeyExpiresAndMadeUpSymbolsLeaveNone() {
        try (RedisServerProcess redis = TestServices.startRedisServer();
             FunctionHarness<IndicatorFunction> function = new FunctionHarness<>(IndicatorFunction::new, Map.of(
                     "redis.uri", redis.uri(), "cache.redis-command-timeout", "250ms",
                     "cache.stats-flush-interval", "10ms",
                     "cache.refresh-ahead.enabled", true, "cache.refresh-ahead.flush-interval", "10ms"))) {
            String real = TestServices.uniqueSymbol("KEYS");
            assertEquals(200, function.putCsv(real, "1h", Csv.of(TestCandles.randomWalk(real, Interval.H1, 300, 80)))
                    .getStatusCode());
            for (String path : List.of("/v1/indicators/" + real + "/rsi?interval=1h", "/v1/candles/" + real + "?interval=1h",
                    "/v1/indicators/" + real + "/rsi?interval=1d", "/v1/candles/" + real + "?interval=1w")) {
                function.get(path);
            }
            Random random = new Random(16);
            for (int i = 0; i < MADE_UP; i++) {
                StringBuilder symbol = new StringBuilder("ZQ");
                for (int c = 0; c < 6; c++) {
                    symbol.append((char) ('A' + random.nextInt(26)));
                }
                APIGatewayV2HTTPResponse answer = function.get(i % 2 == 0
                        ? "/v1/indicators/" + symbol + "/rsi?interval=1d"
                        : "/v1/candles/" + symbol + "?interval=1h");
                assertEquals(404, answer.getStatusCode(), answer.getBody());
            }
            // What the requests left in flight (read counts, fleet stats, re-seeds) lands first.
            function.get("/v1/indicators/" + real + "/rsi?interval=1h");
            sleep(300);
            function.get("/v1/indicators/" + real + "/rsi?interval=1h");
            sleep(300);

            RedisClient client = RedisClient.create(redis.uri());
            try (StatefulRedisConnection<String, String> connection = client.connect()) {
                RedisCommands<String, String> commands = connection.sync();
                Map<String, Long> ttls = new TreeMap<>();
                for (String key : commands.keys("*")) {
                    ttls.put(key, commands.pttl(key));
                }
                assertTrue(ttls.keySet().stream().anyMatch(key -> key.contains(real)), "the real symbol is cached: " + ttls);
                List<String> forever = ttls.entrySet().stream().filter(e -> e.getValue() <= 0).map(Map.Entry::getKey).toList();
                assertTrue(forever.isEmpty(), forever.size() + " keys without a TTL, e.g. "
                        + forever.subList(0, Math.min(10, forever.size())));
                assertTrue(ttls.keySet().stream().noneMatch(key -> key.contains("{ZQ")),
                        "made-up symbols left keys: " + ttls.keySet().stream().filter(k -> k.contains("{ZQ")).limit(5).toList());
                assertTrue(ttls.size() < 20, ttls.size() + " keys after " + MADE_UP + " anonymous GETs");
            } finally {
                client.shutdown();
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
