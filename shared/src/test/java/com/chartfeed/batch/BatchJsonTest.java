package com.chartfeed.batch;

import com.chartfeed.problems.ProblemException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The batch answer is assembled from ready-made item bodies; it must still be one exact JSON value. */
class BatchJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final BatchJson writer = new BatchJson(JsonMapper.createDefault());

    @Test
    void itemBodiesProblemsAndMetaMakeOneJsonValueInRequestOrder() throws Exception {
        byte[] first = "{\"indicator\":\"rsi\",\"t\":[1,2]}".getBytes(StandardCharsets.UTF_8);
        byte[] third = "{\"indicator\":\"sma\",\"note\":\"é\"}".getBytes(StandardCharsets.UTF_8);
        BatchResponse response = new BatchResponse(List.of(
                new BatchResponse.Result(200, first, null),
                new BatchResponse.Result(400, null, ProblemException.badRequest("requests[1].period", "too small").toProblem()),
                new BatchResponse.Result(200, third, null),
                new BatchResponse.Result(504, null, ProblemException.gatewayTimeout("late").toProblem())),
                new BatchResponse.Meta(1, 1, 0, 0, 12));

        // Fails on anything after the value, such as zero bytes left unwritten at the end.
        JsonNode json = JSON.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .readTree(writer.write(response));

        assertEquals(4, json.get("results").size());
        List<Integer> statuses = new java.util.ArrayList<>();
        json.get("results").forEach(result -> statuses.add(result.get("status").asInt()));
        assertEquals(List.of(200, 400, 200, 504), statuses);
        assertEquals(JSON.readTree(first), json.get("results").get(0).get("data"));
        assertEquals("requests[1].period", json.get("results").get(1).get("error").get("errors").get(0).get("field").asText());
        assertEquals(JSON.readTree(third), json.get("results").get(2).get("data"));
        assertEquals(504, json.get("results").get(3).get("error").get("status").asInt());
        assertEquals(JSON.readTree("{\"l1Hits\":1,\"l2Hits\":1,\"misses\":0,\"stale\":0,\"durationMs\":12}"), json.get("meta"));
    }
}
