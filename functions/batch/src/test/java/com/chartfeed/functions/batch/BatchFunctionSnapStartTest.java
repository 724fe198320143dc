package com.chartfeed.functions.batch;

import com.chartfeed.candles.Interval;
import com.chartfeed.service.CandleWriter;
import com.chartfeed.testing.FunctionHarness;
import com.chartfeed.testing.TestCandles;
import com.chartfeed.testing.TestServices;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * SnapStart's hooks, called as Lambda calls them around a snapshot (priming with a batch on a
 * symbol no one stores, disconnecting, reconnecting): the batch answers as before.
 */
class BatchFunctionSnapStartTest {

    @Test
    void answersTheSameAfterTheHooks() throws Exception {
        try (FunctionHarness<BatchFunction> function = new FunctionHarness<>(BatchFunction::new,
                Map.of("redis.uri", TestServices.redisUri(), "cache.redis-command-timeout", "250ms"))) {
            String symbol = TestServices.uniqueSymbol("BSNAP");
            function.context.getBean(CandleWriter.class).upsert(symbol, Interval.H1,
                    TestCandles.randomWalk(symbol, Interval.H1, 200, 40));
            String body = "{\"requests\":[{\"symbol\":\"" + symbol + "\",\"indicator\":\"rsi\",\"interval\":\"1h\",\"limit\":3}]}";
            Map<String, Object> before = function.body(batch(function, body));

            function.handler.snapStart().beforeCheckpoint(null);
            function.handler.snapStart().afterRestore(null);

            Map<String, Object> after = function.body(batch(function, body));
            assertEquals(1, ((List<?>) after.get("results")).size(), after.toString());
            assertEquals(before.get("results"), after.get("results"));
        }
    }

    private static APIGatewayV2HTTPResponse batch(FunctionHarness<BatchFunction> target, String body) {
        APIGatewayV2HTTPResponse response = target.invoke("POST", "/v1/indicators/batch",
                Map.of("Content-Type", "application/json"), body);
        assertEquals(200, response.getStatusCode(), response.getBody());
        return response;
    }
}
