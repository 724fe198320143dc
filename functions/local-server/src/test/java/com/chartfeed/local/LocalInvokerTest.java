package com.chartfeed.local;

import com.chartfeed.testing.ApiGatewayEvents;
import com.chartfeed.testing.EmfRecords;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The local invoker runs the real handlers on event files, configured like in Lambda (here: the
 * environment has no database URL, so the embedded default with sample candles).
 */
class LocalInvokerTest {
    private static final JsonMapper JSON = JsonMapper.createDefault();

    @TempDir
    Path dir;

    @Test
    void eachApiFunctionAnswersItsEvent() throws Exception {
        Map<String, Object> indicator = invoke("indicator", "GET", "/v1/indicators/AAPL/ema?interval=1d&limit=3", null);
        assertEquals(200, ((Number) indicator.get("statusCode")).intValue(), indicator.toString());
        Map<String, Object> body = JSON.readValue((String) indicator.get("body"), Argument.mapOf(String.class, Object.class));
        assertEquals(3, ((List<?>) body.get("t")).size());

        Map<String, Object> batch = invoke("batch", "POST", "/v1/indicators/batch",
                "{\"requests\":[{\"symbol\":\"MSFT\",\"indicator\":\"rsi\",\"interval\":\"1h\",\"limit\":2}]}");
        assertEquals(200, ((Number) batch.get("statusCode")).intValue(), batch.toString());
        assertTrue(((String) batch.get("body")).contains("\"status\":200"), batch.toString());

        Map<String, Object> health = invoke("cache-stats", "GET", "/v1/cache/health", null);
        assertEquals(200, ((Number) health.get("statusCode")).intValue(), health.toString());
        assertTrue(((String) health.get("body")).contains("\"status\":\"UP\""), health.toString());
    }

    @Test
    void theInvocationPrintsItsEmfRecordAsLambdaWould() {
        EmfRecords.Captured<Map<String, Object>> invoked = EmfRecords.capture(() -> {
            try {
                return invoke("indicator", "GET", "/v1/indicators/MSFT/rsi?interval=1d&limit=3", null);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertEquals(200, ((Number) invoked.result().get("statusCode")).intValue());
        Map<String, Object> record = invoked.only();
        assertEquals("Chartfeed", EmfRecords.directive(record).get("Namespace"));
        assertEquals("indicator", record.get("Function"));
        assertEquals(1.0, EmfRecords.value(record, "ColdStart"));
        assertEquals(1.0, EmfRecords.value(record, "DatabaseReads"));
    }

    @Test
    void anUnknownFunctionIsAUsageError() throws Exception {
        Path event = Files.writeString(dir.resolve("e.json"), "{}");
        assertEquals(2, LocalInvoker.invoke("nope", event, new PrintStream(new ByteArrayOutputStream())));
    }

    private Map<String, Object> invoke(String function, String method, String path, String body) throws Exception {
        Path event = Files.writeString(dir.resolve(function + ".json"), ApiGatewayEvents.json(method, path,
                body == null ? Map.of() : Map.of("content-type", "application/json"), body));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, LocalInvoker.invoke(function, event, new PrintStream(out, true, StandardCharsets.UTF_8)));
        return JSON.readValue(out.toByteArray(), Argument.mapOf(String.class, Object.class));
    }
}
