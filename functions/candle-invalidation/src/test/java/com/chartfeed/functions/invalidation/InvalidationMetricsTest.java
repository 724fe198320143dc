package com.chartfeed.functions.invalidation;

import com.chartfeed.testing.EmfRecords;
import com.chartfeed.testing.IngestionEvents;
import com.chartfeed.testing.LogCapture;
import com.chartfeed.testing.TestServices;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static com.chartfeed.testing.EmfRecords.directive;
import static com.chartfeed.testing.EmfRecords.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The invalidation function's EMF record and log lines, for a real SQS batch through the real handler. */
class InvalidationMetricsTest {

    @Test
    void anSqsBatchIsOneRecordCountingItsRecordsFailuresAndScopes() {
        String symbol = TestServices.uniqueSymbol("INVEMF");
        String event = IngestionEvents.sqs(IngestionEvents.object(symbol, "1h"), IngestionEvents.object(symbol, "1d"),
                "{not json");
        try (InvalidationFunctionHarness function = new InvalidationFunctionHarness(TestServices.redisUri(), Map.of());
             LogCapture logs = LogCapture.start()) {
            Map<String, Object> record = EmfRecords.capture(() -> function.invoke(event)).only();
            assertEquals("Chartfeed", directive(record).get("Namespace"));
            assertEquals(List.of(List.of("Stack", "Function")), directive(record).get("Dimensions"));
            assertEquals("local", record.get("Stack"));
            assertEquals("candle-invalidation", record.get("Function"));
            assertEquals(3.0, value(record, "IngestionRecords"));
            assertEquals(1.0, value(record, "IngestionRecordsFailed"));
            assertEquals(2.0, value(record, "InvalidatedScopes"));
            assertEquals(1.0, value(record, "ColdStart"));
            assertEquals(0.0, value(record, "RedisBreakerOpen"));

            // Its log lines carry Lambda's request id (the malformed record's warning, the summary).
            List<Map<String, Object>> lines = logs.lines().stream()
                    .filter(line -> "candle-invalidation".equals(line.get("function"))).toList();
            assertTrue(lines.size() >= 2, logs.text());
            assertTrue(lines.stream().allMatch(line -> line.get("awsRequestId") != null), logs.text());
            // ...once, under that one name (not micronaut-function-aws's AWSRequestId beside it).
            assertTrue(lines.stream().noneMatch(line -> line.keySet().stream().anyMatch(key -> key.startsWith("AWS"))),
                    logs.text());
            assertTrue(lines.stream().anyMatch(line -> ((String) line.get("message")).startsWith("ingestion event:")));
        }
    }
}
