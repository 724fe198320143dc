package com.chartfeed.batch;

import com.chartfeed.problems.Problem;
import com.chartfeed.problems.ProblemException;
import com.chartfeed.candles.Interval;
import com.chartfeed.indicators.IndicatorType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a batch body may look like, read without a server: JSON to validated items or problems. */
class BatchParserTest {
    private final BatchParser parser = new BatchParser(new BatchSettings(10, Duration.ofSeconds(5), Duration.ZERO));

    @Test
    void numbersAreReadAsAQueryStringWouldCarryThem() {
        BatchItem item = parse("{\"requests\":[{\"symbol\":\"aapl\",\"indicator\":\"BBANDS\",\"interval\":\"1h\","
                + "\"params\":{\"period\":20.0,\"stddev\":2.5},\"limit\":50.0,\"from\":0}]}").get(0);
        assertTrue(item.isValid());
        assertEquals("AAPL", item.request().symbol());
        assertEquals(IndicatorType.BBANDS, item.request().params().type());
        assertEquals(Interval.H1, item.request().interval());
        assertEquals(20, item.request().params().intValue("period"));
        assertEquals(2.5, item.request().params().value("stddev"));
        assertEquals(50, item.request().window().limit());
        assertEquals(0, item.request().window().from());
    }

    @Test
    void aBadItemIsAProblemNamingItsFieldAndTheOthersStillParse() {
        List<BatchItem> items = parse("{\"requests\":["
                + "{\"symbol\":\"AAPL\",\"indicator\":\"sma\",\"interval\":\"1h\",\"params\":{\"period\":{\"x\":1}}},"
                + "{\"symbol\":\"AAPL\",\"indicator\":\"sma\",\"interval\":\"1h\",\"params\":[20]},"
                + "{\"symbol\":[\"AAPL\"],\"indicator\":\"sma\",\"interval\":\"1h\"},"
                + "{\"symbol\":\"AAPL\",\"indicator\":\"sma\",\"interval\":\"1h\",\"colour\":\"red\"},"
                + "\"sma\","
                + "{\"symbol\":\"AAPL\",\"indicator\":\"sma\",\"interval\":\"1h\",\"params\":null}]}");
        assertEquals(List.of("requests[0].period"), fields(items.get(0)));
        assertEquals(List.of("requests[1].params"), fields(items.get(1)));
        assertEquals(List.of("requests[2].symbol"), fields(items.get(2)));
        assertEquals(List.of("requests[3].colour"), fields(items.get(3)));
        assertEquals(List.of("requests[4]"), fields(items.get(4)));
        assertTrue(items.get(5).isValid());
        assertEquals(30, items.get(5).request().params().intValue("period"), "the default period");
    }

    @Test
    void theBodyMustBeExactlyOneObjectWithOneToTenRequests() {
        String item = "{\"symbol\":\"AAPL\",\"indicator\":\"sma\",\"interval\":\"1h\"}";
        for (String body : List.of("", "null", "[]", "{}", "{\"requests\":null}", "{\"requests\":{}}",
                "{\"requests\":[]}", "{\"requests\":[" + item + "]} {}", "{\"requests\":[" + item + "]}x",
                "{\"requests\":[" + item + "]", "{\"requests\":[" + String.join(",", java.util.Collections.nCopies(11, item)) + "]}")) {
            ProblemException problem = assertThrows(ProblemException.class, () -> parse(body), body);
            assertEquals(400, problem.status().getCode(), body);
            assertEquals(List.of("requests"), problem.toProblem().errors().stream().map(Problem.FieldError::field).toList(), body);
        }
        assertThrows(ProblemException.class, () -> parser.parse(null));
        assertEquals(1, parse("{\"other\":[1,{\"a\":2}],\"requests\":[" + item + "]}").size(), "other fields are ignored");
    }

    private List<BatchItem> parse(String body) {
        return parser.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> fields(BatchItem item) {
        assertFalse(item.isValid());
        return item.invalid().toProblem().errors().stream().map(Problem.FieldError::field).toList();
    }
}
