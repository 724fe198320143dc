package com.chartfeed.batch;

import com.chartfeed.problems.Problem;
import com.chartfeed.problems.ProblemException;
import com.chartfeed.api.QueryParser;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import jakarta.inject.Singleton;

import java.io.IOException;
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
    private static final Object NOT_AN_OBJECT = new Object();
    private static final JsonFactory FACTORY = new JsonFactory();

    private final BatchSettings settings;

    public BatchParser(BatchSettings settings) {
        this.settings = settings;
    }

    public List<BatchItem> parse(byte[] body) {
        List<Object> requests = body == null ? null : requests(body);
        if (requests == null) {
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

    /**
     * The items of {@code {"requests":[...]}}, each an object's fields (see {@link #fields}) or
     * {@link #NOT_AN_OBJECT}; {@code null} unless the body is exactly one such JSON value. Read
     * with Jackson's streaming parser: a generic data-binding pass to maps, and a second pass to
     * check that nothing follows the value, cost more than the rest of a cached batch together.
     */
    private static List<Object> requests(byte[] body) {
        try (JsonParser parser = FACTORY.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            List<Object> requests = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                boolean isRequests = "requests".equals(parser.currentName());
                JsonToken value = parser.nextToken();
                if (isRequests) {
                    requests = value == JsonToken.START_ARRAY ? items(parser) : null;
                }
                parser.skipChildren();
            }
            return parser.nextToken() == null ? requests : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static List<Object> items(JsonParser parser) throws IOException {
        List<Object> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (parser.currentToken() == JsonToken.START_OBJECT) {
                items.add(fields(parser));
            } else {
                parser.skipChildren();
                items.add(NOT_AN_OBJECT);
            }
        }
        return items;
    }

    /**
     * An object's fields, read up to its end: scalars as the text a query string would carry,
     * objects as maps of those texts, arrays as {@code "(array)"}; later duplicates win.
     */
    private static Map<String, Object> fields(JsonParser parser) throws IOException {
        Map<String, Object> fields = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            fields.put(name, value == JsonToken.START_OBJECT ? texts(parser) : text(parser));
        }
        return fields;
    }

    private static Map<String, String> texts(JsonParser parser) throws IOException {
        Map<String, String> texts = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            texts.put(name, text(parser));
        }
        return texts;
    }

    /** JSON scalars as the text a query string would carry: 12 and 12.0 both become "12". */
    private static String text(JsonParser parser) throws IOException {
        switch (parser.currentToken()) {
            case VALUE_NULL:
                return null;
            case VALUE_NUMBER_FLOAT:
                double number = parser.getDoubleValue();
                return number == Math.rint(number) && Math.abs(number) < 1e15
                        ? Long.toString((long) number) : Double.toString(number);
            case START_OBJECT:
                parser.skipChildren();
                return "(object)";
            case START_ARRAY:
                parser.skipChildren();
                return "(array)";
            default:
                return parser.getText();
        }
    }

    @SuppressWarnings("unchecked")
    private static BatchItem item(Object raw) {
        if (!(raw instanceof Map<?, ?>)) {
            throw ProblemException.badRequest("", "must be an object");
        }
        Map<String, Object> fields = (Map<String, Object>) raw;
        for (String name : fields.keySet()) {
            if (!ITEM_FIELDS.contains(name)) {
                throw ProblemException.badRequest(name, "is not a field of a batch request");
            }
        }
        Map<String, String> texts = new LinkedHashMap<>();
        fields.forEach((name, value) -> texts.put(name, text(value)));
        Object params = fields.get("params") == null ? Map.of() : fields.get("params");
        // Params that are no object go on as null: the parse names them after symbol, indicator and interval.
        return BatchItem.valid(QueryParser.request(texts.get("symbol"), texts.get("indicator"), texts.get("interval"),
                params instanceof Map<?, ?> ? (Map<String, String>) params : null, texts));
    }

    private static String text(Object value) {
        return value instanceof Map<?, ?> ? "(object)" : (String) value;
    }

    /** {@code problem} with its fields named {@code requests[index].<field>}. */
    static ProblemException prefixed(ProblemException problem, int index) {
        Problem original = problem.toProblem();
        if (original.errors() == null) {
            return problem; // a fault (503, 504) names no field
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        for (Problem.FieldError error : original.errors()) {
            String field = error.field().isEmpty() ? "requests[" + index + "]"
                    : "requests[" + index + "]." + error.field();
            errors.add(new Problem.FieldError(field, error.message()));
        }
        return problem.withErrors(errors);
    }
}
