package com.chartfeed.batch;

import com.chartfeed.api.JsonBodies;
import com.chartfeed.api.Problem;
import com.chartfeed.api.ProblemException;
import com.chartfeed.api.QueryParser;
import com.chartfeed.candles.Interval;
import com.chartfeed.indicators.IndicatorParams;
import com.chartfeed.indicators.IndicatorType;
import com.chartfeed.indicators.Window;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code {"requests":[{symbol, indicator, interval, params, limit, from, to}, ...]}}. A body
 * that is not this shape, or has too many items, is a {@code 400} for the whole batch; a bad item
 * only makes that item's result a problem (fields named {@code requests[i].field}).
 */
@Singleton
public final class BatchParser {
    private static final Set<String> ITEM_FIELDS = Set.of("symbol", "indicator", "interval", "params", "limit",
            "from", "to");

    private final JsonMapper json;
    private final BatchSettings settings;

    public BatchParser(JsonMapper json, BatchSettings settings) {
        this.json = json;
        this.settings = settings;
    }

    public List<BatchItem> parse(byte[] body) {
        Map<String, Object> root;
        try {
            root = body == null || !JsonBodies.isSingleValue(body) ? null
                    : json.readValue(body, Argument.mapOf(String.class, Object.class));
        } catch (IOException | RuntimeException e) {
            root = null;
        }
        if (root == null || !(root.get("requests") instanceof List<?> requests)) {
            throw ProblemException.badRequest("requests", "the body must be {\"requests\": [ ... ]}");
        }
        if (requests.isEmpty() || requests.size() > settings.maxItems()) {
            throw ProblemException.badRequest("requests", "must hold 1 to " + settings.maxItems()
                    + " items, holds " + requests.size());
        }
        List<BatchItem> items = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            try {
                items.add(item(requests.get(i)));
            } catch (ProblemException problem) {
                items.add(BatchItem.invalid(prefixed(problem, i)));
            }
        }
        return items;
    }

    private static BatchItem item(Object raw) {
        if (!(raw instanceof Map<?, ?> fields)) {
            throw ProblemException.badRequest("", "must be an object");
        }
        for (Object name : fields.keySet()) {
            if (!ITEM_FIELDS.contains(String.valueOf(name))) {
                throw ProblemException.badRequest(String.valueOf(name), "is not a field of a batch request");
            }
        }
        String symbol = QueryParser.symbol(text(fields.get("symbol")));
        IndicatorType type = QueryParser.indicator(text(fields.get("indicator")));
        Interval interval = QueryParser.interval(text(fields.get("interval")));
        Map<String, String> window = new LinkedHashMap<>();
        for (String name : List.of("limit", "from", "to")) {
            if (fields.get(name) != null) {
                window.put(name, text(fields.get(name)));
            }
        }
        Map<String, String> params = new LinkedHashMap<>();
        Object rawParams = fields.get("params");
        if (rawParams != null && !(rawParams instanceof Map<?, ?>)) {
            throw ProblemException.badRequest("params", "must be an object");
        }
        if (rawParams instanceof Map<?, ?> map) {
            map.forEach((name, value) -> params.put(String.valueOf(name), text(value)));
        }
        IndicatorParams parsed = QueryParser.params(type, params);
        Window parsedWindow = QueryParser.window(window);
        return BatchItem.valid(symbol, interval, parsed, parsedWindow);
    }

    /** JSON scalars as the text a query string would carry: 12 and 12.0 both become "12". */
    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
            double number = ((Number) value).doubleValue();
            return number == Math.rint(number) && Math.abs(number) < 1e15
                    ? Long.toString((long) number) : Double.toString(number);
        }
        return value instanceof Map || value instanceof List ? "(" + value.getClass().getSimpleName() + ")"
                : value.toString();
    }

    private static ProblemException prefixed(ProblemException problem, int index) {
        List<Problem.FieldError> errors = new ArrayList<>();
        Problem original = problem.toProblem();
        if (original.errors() != null) {
            for (Problem.FieldError error : original.errors()) {
                String field = error.field().isEmpty() ? "requests[" + index + "]"
                        : "requests[" + index + "]." + error.field();
                errors.add(new Problem.FieldError(field, error.message()));
            }
        }
        return problem.withErrors(errors);
    }
}
