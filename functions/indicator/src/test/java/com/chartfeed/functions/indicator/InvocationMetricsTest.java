package com.chartfeed.functions.indicator;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.chartfeed.candles.Interval;
import com.chartfeed.testing.TestCandles;
import com.chartfeed.lambda.LocalLambdaContext;
import com.chartfeed.lambda.PrimingRequests;
import com.chartfeed.testing.ApiGatewayEvents;
import com.chartfeed.testing.Csv;
import com.chartfeed.testing.EmfRecords;
import com.chartfeed.testing.FunctionHarness;
import com.chartfeed.testing.LogCapture;
import com.chartfeed.testing.TestServices;
import com.chartfeed.logging.XRayTrace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.chartfeed.testing.EmfRecords.directive;
import static com.chartfeed.testing.EmfRecords.unit;
import static com.chartfeed.testing.EmfRecords.value;
import static com.chartfeed.testing.FunctionHarness.header;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What an operator sees of the indicator function in CloudWatch: one EMF record per invocation
 * that CloudWatch turns into metrics (the configured namespace, the {@code Stack} and {@code Function}
 * dimensions, what the invocation did), and JSON log lines with the request ids and the X-Ray trace
 * id, each under one name, one access line per request, no secret.
 */
class InvocationMetricsTest {
    private static final String DATABASE_PASSWORD = "db-password-" + UUID.randomUUID();
    /** What the template sets: METRICS_NAMESPACE and METRICS_STACK (the stack's name). */
    private static final String NAMESPACE = "ChartfeedTest";
    private static final String STACK = "chartfeed-test-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String TRACE_ROOT = "1-6745e5a1-0c5b8a1f2d3e4f5061728394";
    private static FunctionHarness<IndicatorFunction> container;

    @BeforeAll
    static void start() {
        container = new FunctionHarness<>(IndicatorFunction::new, Map.of("redis.uri", TestServices.redisUri(),
                "cache.redis-command-timeout", "250ms", "datasources.default.password", DATABASE_PASSWORD,
                "metrics.namespace", NAMESPACE, "metrics.stack", STACK));
    }

    @AfterEach
    void noTrace() {
        System.clearProperty(XRayTrace.PROPERTY);
    }

    @AfterAll
    static void stop() {
        container.close();
    }

    @Test
    void eachInvocationPrintsOneRecordOfWhatItDid() {
        String symbol = TestServices.uniqueSymbol("EMF");
        EmfRecords.capture(() -> container.putCsv(symbol, "1h", Csv.of(TestCandles.randomWalk(symbol, Interval.H1, 300, 100))));

        String path = "/v1/indicators/" + symbol + "/rsi?interval=1h&limit=50";
        APIGatewayV2HTTPEvent event = ApiGatewayEvents.get(path);
        LocalLambdaContext lambda = new LocalLambdaContext("indicator", 10_000);
        EmfRecords.Captured<APIGatewayV2HTTPResponse> miss =
                EmfRecords.capture(() -> container.handler.handleRequest(event, lambda));
        assertEquals("MISS", header(miss.result(), "X-Cache"));
        Map<String, Object> record = miss.only();

        Map<String, Object> directive = directive(record);
        assertEquals(NAMESPACE, directive.get("Namespace"));
        assertEquals(List.of(List.of("Stack", "Function")), directive.get("Dimensions"));
        assertEquals(STACK, record.get("Stack"));
        assertEquals("indicator", record.get("Function"));
        assertTrue(((Number) ((Map<?, ?>) record.get("_aws")).get("Timestamp")).longValue() > 0);
        for (String count : List.of("CacheHitL1", "CacheHitL2", "CacheMiss", "CacheStale", "DatabaseReads",
                "RedisBreakerOpen", "DatabaseBreakerOpen", "ColdStart")) {
            assertEquals("Count", unit(record, count), count);
        }
        for (String time : List.of("L1Time", "L2Time", "DatabaseTime", "ComputeTime")) {
            assertEquals("Milliseconds", unit(record, time), time);
        }
        // The series and, computing it, the candles: both looked up in vain, the candles read once.
        assertEquals(0.0, value(record, "CacheHitL1"));
        assertEquals(0.0, value(record, "CacheHitL2"));
        assertEquals(2.0, value(record, "CacheMiss"));
        assertEquals(1.0, value(record, "DatabaseReads"));
        assertTrue(value(record, "DatabaseTime") > 0, record.toString());
        assertTrue(value(record, "ComputeTime") > 0, record.toString());
        assertTrue(value(record, "L2Time") > 0, record.toString());
        assertEquals(0.0, value(record, "RedisBreakerOpen"));
        assertEquals(0.0, value(record, "DatabaseBreakerOpen"));
        assertEquals(0.0, value(record, "ColdStart"));
        // Request ids are properties, searchable in the log, not dimensions.
        assertEquals(lambda.getAwsRequestId(), record.get("awsRequestId"));
        assertEquals(event.getRequestContext().getRequestId(), record.get("apiRequestId"));
        assertFalse(record.containsKey("symbol"));

        EmfRecords.Captured<APIGatewayV2HTTPResponse> hit = EmfRecords.capture(() -> container.get(path));
        assertEquals("HIT-L1", header(hit.result(), "X-Cache"));
        Map<String, Object> again = hit.only();
        assertEquals(1.0, value(again, "CacheHitL1"));
        assertEquals(0.0, value(again, "CacheMiss"));
        assertEquals(0.0, value(again, "DatabaseReads"));
        assertEquals(0.0, value(again, "ComputeTime"));
        assertFalse(again.containsKey("BatchSize"));
    }

    /**
     * Without METRICS_STACK (the local invoker, a test), or with an empty one (an unresolved
     * template value), the records say so: Stack is "local"; a blank dimension would lose them all.
     */
    @Test
    void withoutAStackTheRecordsAreTheLocalStacks() {
        try (FunctionHarness<IndicatorFunction> local = new FunctionHarness<>(IndicatorFunction::new, Map.of("metrics.stack", " "))) {
            Map<String, Object> record = EmfRecords.capture(() -> local.get("/v1/indicators")).only();
            assertEquals("Chartfeed", directive(record).get("Namespace"));
            assertEquals(List.of(List.of("Stack", "Function")), directive(record).get("Dimensions"));
            assertEquals("local", record.get("Stack"));
        }
    }

    @Test
    void aContainersFirstInvocationIsTheColdStartAndSnapStartPrimingIsNotCounted() {
        try (FunctionHarness<IndicatorFunction> fresh = new FunctionHarness<>(IndicatorFunction::new, Map.of())) {
            // What SnapStart runs before the snapshot: handled, but no record, and the cold start is still ahead.
            assertEquals(List.of(), EmfRecords.capture(() -> {
                fresh.handler.prime();
                return null;
            }).records());
            String path = "/v1/indicators/" + PrimingRequests.SYMBOL + "/rsi?interval=1h";
            assertEquals(1.0, value(EmfRecords.capture(() -> fresh.get(path)).only(), "ColdStart"));
            assertEquals(0.0, value(EmfRecords.capture(() -> fresh.get(path)).only(), "ColdStart"));
        }
    }

    @Test
    void logLinesAreJsonWithTheRequestIdsAndOneAccessLineWithoutSecrets() {
        String symbol = TestServices.uniqueSymbol("LOG");
        APIGatewayV2HTTPEvent event = ApiGatewayEvents.get("/v1/indicators/" + symbol + "/rsi?interval=1h");
        LocalLambdaContext lambda = new LocalLambdaContext("indicator", 10_000);
        Map<String, Object> record;
        try (LogCapture logs = LogCapture.start()) {
            container.putCsv(symbol, "1h", Csv.of(TestCandles.randomWalk(symbol, Interval.H1, 100, 100)));
            // A wrong token in both headers the admin routes read, and the right one.
            String wrong = "wrong-token-" + UUID.randomUUID();
            assertEquals(401, container.invoke("PUT", "/v1/candles/" + symbol + "/1h", Map.of("Content-Type", "text/csv",
                    "Authorization", "Bearer " + wrong, "X-Admin-Token", wrong), "time,open,high,low,close,volume\n")
                    .getStatusCode());
            // Lambda's Java runtime puts each invocation's X-Ray header in this system property.
            System.setProperty(XRayTrace.PROPERTY, "Root=" + TRACE_ROOT + ";Parent=53995c3f42cd8ad8;Sampled=1");
            record = EmfRecords.capture(() -> container.handler.handleRequest(event, lambda)).only();

            List<Map<String, Object>> lines = logs.lines();
            List<Map<String, Object>> access = lines.stream()
                    .filter(line -> "com.chartfeed.access".equals(line.get("loggerName"))).toList();
            assertEquals(3, access.size(), logs.text());
            Map<String, Object> get = access.get(2);
            assertEquals("INFO", get.get("level"));
            assertEquals("indicator", get.get("function"));
            assertEquals(lambda.getAwsRequestId(), get.get("awsRequestId"));
            assertEquals(event.getRequestContext().getRequestId(), get.get("apiRequestId"));
            assertEquals("GET /v1/indicators/" + symbol + "/rsi", get.get("route"));
            assertEquals(200, get.get("status"));
            assertTrue(get.get("durationMs") instanceof Number, get.toString());
            assertEquals("MISS", get.get("xCache"));
            assertTrue(((String) get.get("message")).contains("200"), get.toString());
            assertEquals(401, access.get(1).get("status"));
            assertEquals(TRACE_ROOT, get.get("traceId"));
            assertFalse(access.get(1).containsKey("traceId"), "an untraced invocation has no trace id");

            // One field per meaning: Lambda's request id, API Gateway's and X-Ray's trace id each
            // once, under the names the EMF record uses too; micronaut-function-aws's copies are gone.
            for (Map<String, Object> line : access) {
                List<String> ids = line.keySet().stream().filter(key -> key.toLowerCase().contains("requestid")
                        || key.toLowerCase().contains("trace") || key.startsWith("AWS")).sorted().toList();
                assertEquals(line.containsKey("traceId") ? List.of("apiRequestId", "awsRequestId", "traceId")
                        : List.of("apiRequestId", "awsRequestId"), ids, line.toString());
            }
            assertEquals(get.get("awsRequestId"), record.get("awsRequestId"));
            assertEquals(get.get("apiRequestId"), record.get("apiRequestId"));
            assertEquals(TRACE_ROOT, record.get("traceId"));

            String everything = logs.text();
            assertFalse(everything.contains(TestServices.ADMIN_TOKEN), everything);
            assertFalse(everything.contains(wrong), everything);
            assertFalse(everything.contains(DATABASE_PASSWORD), everything);
        }
    }
}
