package com.chartfeed.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API's OpenAPI document and the checks a client relying on it would make of a real exchange:
 * the request is an operation of the document with its parameters and body as documented, and the
 * answer has a status the operation lists, a content type that status lists, a JSON body valid
 * against its schema (JSON Schema 2020-12 in OpenAPI 3.1's dialect, by networknt's validator) and
 * every header it lists as required, each valid. Strict: an object schema that does not say whether
 * it takes other properties is closed ({@code unevaluatedProperties: false}), so a field the service
 * sends that the document does not name is caught; maps, which say so, stay open.
 */
final class OpenApiDocument {
    private static final String BASE = "https://chartfeed.test/openapi.yml";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    private static final Set<String> JSON_TYPES = Set.of("application/json", "application/problem+json");

    /** The document as written. */
    final JsonNode root;
    private final SchemaRegistry registry;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    /**
     * An operation: {@code GET /v1/indicators/{symbol}/{indicator}} and where it is in the document
     * (the checks read it there, so an operation of one document can be checked against a changed copy).
     */
    record Operation(String method, String path, String id, JsonNode node, String pointer) {
        String key() {
            return method.toUpperCase(Locale.ROOT) + " " + path;
        }
    }

    private OpenApiDocument(JsonNode root) {
        this.root = root;
        JsonNode strict = root.deepCopy();
        close(strict);
        String text = strict.toString();
        this.registry = SchemaRegistry.withDialect(Dialects.getOpenApi31(),
                builder -> builder.schemas(Map.of(BASE, text)));
    }

    static OpenApiDocument parse(byte[] yaml) {
        try {
            return new OpenApiDocument(YAML.readTree(yaml));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A copy of this document changed by {@code edit}: to show that a drift is caught. */
    OpenApiDocument with(Consumer<ObjectNode> edit) {
        ObjectNode copy = root.deepCopy();
        edit.accept(copy);
        return new OpenApiDocument(copy);
    }

    List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        root.path("paths").properties().forEach(path -> path.getValue().properties().forEach(method -> {
            if (METHODS.contains(method.getKey())) {
                operations.add(new Operation(method.getKey(), path.getKey(), method.getValue().path("operationId").asText(null),
                        method.getValue(), "/paths/" + escape(path.getKey()) + "/" + method.getKey()));
            }
        }));
        return operations;
    }

    /** The operation answering {@code method} on the concrete {@code path}: literal segments before templates, as OpenAPI says. */
    Operation operation(String method, String path) {
        Operation best = null;
        int fewestVariables = Integer.MAX_VALUE;
        for (Operation operation : operations()) {
            int variables = operation.path().split("\\{", -1).length - 1;
            if (operation.method().equalsIgnoreCase(method) && pathPattern(operation.path()).matcher(path).matches()
                    && variables < fewestVariables) {
                best = operation;
                fewestVariables = variables;
            }
        }
        if (best == null) {
            throw new AssertionError(method + " " + path + " is not an operation of the document");
        }
        return best;
    }

    /** The node a {@code $ref} names, or the node itself. */
    JsonNode resolve(JsonNode node) {
        return node.has("$ref") ? resolve(root.at(node.get("$ref").asText().substring(1))) : node;
    }

    /**
     * What is wrong with a request the test means to be valid: the path's, query's and headers'
     * parameters against the operation's (an unknown name only where a free-form parameter takes
     * it), the body's media type and, for JSON, the body against its schema.
     */
    List<String> checkRequest(Operation operation, String pathAndQuery, Map<String, String> headers,
                              String contentType, String body) {
        List<String> problems = new ArrayList<>();
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        Map<String, String> query = query(q < 0 ? "" : pathAndQuery.substring(q + 1));
        Map<String, String> pathValues = pathValues(operation.path(), path);
        Map<String, String> freeForm = new LinkedHashMap<>(query);
        JsonNode freeFormSchema = null;
        JsonNode node = root.at(operation.pointer());
        for (JsonNode reference : node.path("parameters")) {
            JsonNode parameter = resolve(reference);
            String name = parameter.path("name").asText();
            String in = parameter.path("in").asText();
            JsonNode schema = parameter.path("schema");
            boolean freeFormQuery = "query".equals(in) && parameter.path("explode").asBoolean(false)
                    && resolve(schema).has("additionalProperties");
            if (freeFormQuery) {
                freeFormSchema = schema;
                continue;
            }
            String value = switch (in) {
                case "path" -> pathValues.get(name);
                case "query" -> query.get(name);
                case "header" -> header(headers, name);
                default -> null;
            };
            freeForm.remove(name);
            if (value == null) {
                if (parameter.path("required").asBoolean(false)) {
                    problems.add("the required " + in + " parameter " + name + " is missing");
                }
            } else if (!schema.isMissingNode() && !validText(schema, value)) {
                problems.add(in + " parameter " + name + "=" + value + " is not valid: " + errors(schema, textOrNumber(value)));
            }
        }
        if (!freeForm.isEmpty()) {
            if (freeFormSchema == null) {
                problems.add("query parameters " + freeForm.keySet() + " are not parameters of " + operation.key());
            } else {
                ObjectNode values = JsonNodeFactory.instance.objectNode();
                freeForm.forEach((name, value) -> values.set(name, textOrNumber(value)));
                List<String> errors = errors(freeFormSchema, values);
                if (!errors.isEmpty()) {
                    problems.add("query parameters " + freeForm + " are not valid: " + errors);
                }
            }
        }
        JsonNode requestBody = resolve(node.path("requestBody"));
        if (body == null) {
            if (requestBody.path("required").asBoolean(false)) {
                problems.add("the request body is required");
            }
        } else {
            String media = mediaType(contentType);
            JsonNode content = requestBody.path("content").path(media);
            if (content.isMissingNode()) {
                problems.add("the request's " + media + " is not one of " + names(requestBody.path("content")));
            } else if (JSON_TYPES.contains(media)) {
                problems.addAll(errors(content.path("schema"), readJson(body.getBytes(StandardCharsets.UTF_8))));
            } else if (content.has("schema")) {
                problems.addAll(errors(content.path("schema"), JsonNodeFactory.instance.textNode(body)));
                // JSON sent as text: the schema names it (contentMediaType) and its schema (contentSchema).
                JsonNode text = resolve(content.path("schema"));
                if (JSON_TYPES.contains(text.path("contentMediaType").asText()) && text.has("contentSchema")) {
                    problems.addAll(errors(text.get("contentSchema"), readJson(body.getBytes(StandardCharsets.UTF_8))));
                }
            }
        }
        return problems;
    }

    /** What is wrong with an answer to {@code operation}: nothing when it is as documented. */
    List<String> checkResponse(Operation operation, int status, Map<String, String> headers, byte[] body) {
        JsonNode responses = root.at(operation.pointer()).path("responses");
        if (!responses.has(Integer.toString(status))) {
            return List.of("status " + status + " is not one of " + names(responses));
        }
        JsonNode response = resolve(responses.get(Integer.toString(status)));
        List<String> problems = new ArrayList<>();
        response.path("headers").properties().forEach(entry -> {
            JsonNode header = resolve(entry.getValue());
            String value = header(headers, entry.getKey());
            if (value == null) {
                if (header.path("required").asBoolean(false)) {
                    problems.add("the required header " + entry.getKey() + " is missing");
                }
            } else if (header.has("schema") && !validText(header.get("schema"), value)) {
                problems.add("header " + entry.getKey() + ": " + value + " is not valid: "
                        + errors(header.get("schema"), JsonNodeFactory.instance.textNode(value)));
            }
        });
        JsonNode content = response.path("content");
        String contentType = header(headers, "Content-Type");
        if (content.isMissingNode() || content.isEmpty()) {
            if (body.length > 0) {
                problems.add("a body (" + contentType + ") where the document lists none");
            }
            return problems;
        }
        String media = mediaType(contentType);
        if (!content.has(media)) {
            problems.add("Content-Type " + contentType + " is not one of " + names(content));
        } else if (JSON_TYPES.contains(media)) {
            JsonNode json;
            try {
                json = JSON.readTree(body);
            } catch (IOException e) {
                return List.of("the " + media + " body is not JSON: " + e.getMessage());
            }
            problems.addAll(errors(content.get(media).path("schema"), json));
        }
        return problems;
    }

    /** The schema's complaints about {@code value}: a schema {@code $ref} is validated where it points, in the strict copy. */
    List<String> errors(JsonNode schema, JsonNode value) {
        String pointer = schema.has("$ref") && schema.size() == 1 ? schema.get("$ref").asText().substring(1) : null;
        Schema validator = pointer != null
                ? schemas.computeIfAbsent(pointer, p -> registry.getSchema(SchemaLocation.of(BASE + "#" + p)))
                : schemas.computeIfAbsent(schema.toString(), text -> registry.getSchema(
                        SchemaLocation.of(BASE + "#/x-inline/" + schemas.size()), inline(schema)));
        List<Error> errors = validator.validate(value);
        return errors.stream().map(Error::toString).toList();
    }

    private boolean validText(JsonNode schema, String value) {
        return errors(schema, JsonNodeFactory.instance.textNode(value)).isEmpty()
                || errors(schema, textOrNumber(value)).isEmpty();
    }

    /** {@code 14} as a number, {@code 1h} as text: a query string does not say which it means. */
    private static JsonNode textOrNumber(String value) {
        try {
            return JsonNodeFactory.instance.numberNode(Long.parseLong(value));
        } catch (NumberFormatException notAnInteger) {
            try {
                double number = Double.parseDouble(value);
                if (Double.isFinite(number)) {
                    return JsonNodeFactory.instance.numberNode(number);
                }
            } catch (NumberFormatException notANumber) {
                // text
            }
            return JsonNodeFactory.instance.textNode(value);
        }
    }

    /** An inline schema on its own: closed, its references pointing into the document. */
    private static JsonNode inline(JsonNode schema) {
        JsonNode copy = schema.deepCopy();
        close(copy);
        absolute(copy);
        return copy;
    }

    private static void absolute(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if (object.path("$ref").asText().startsWith("#")) {
                object.put("$ref", BASE + object.get("$ref").asText());
            }
            object.elements().forEachRemaining(OpenApiDocument::absolute);
        } else if (node != null && node.isArray()) {
            node.forEach(OpenApiDocument::absolute);
        }
    }

    /** Closes every object schema that lists properties and says nothing of others. */
    private static void close(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if (object.path("properties").isObject() && !object.has("additionalProperties")
                    && !object.has("unevaluatedProperties") && !object.has("patternProperties")) {
                object.put("unevaluatedProperties", false);
            }
            for (Iterator<JsonNode> children = object.elements(); children.hasNext(); ) {
                close(children.next());
            }
        } else if (node != null && node.isArray()) {
            node.forEach(OpenApiDocument::close);
        }
    }

    private static JsonNode readJson(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JsonNodeFactory.instance.textNode(new String(body, StandardCharsets.UTF_8));
        }
    }

    private static Pattern pathPattern(String template) {
        return Pattern.compile(Pattern.quote(template).replaceAll("\\{[^}/]+}", "\\\\E[^/]+\\\\Q"));
    }

    private static Map<String, String> pathValues(String template, String path) {
        List<String> names = new ArrayList<>();
        Matcher variable = Pattern.compile("\\{([^}/]+)}").matcher(template);
        StringBuilder regex = new StringBuilder();
        int at = 0;
        while (variable.find()) {
            regex.append(Pattern.quote(template.substring(at, variable.start()))).append("([^/]+)");
            names.add(variable.group(1));
            at = variable.end();
        }
        regex.append(Pattern.quote(template.substring(at)));
        Matcher match = Pattern.compile(regex.toString()).matcher(path);
        Map<String, String> values = new LinkedHashMap<>();
        if (match.matches()) {
            for (int i = 0; i < names.size(); i++) {
                values.put(names.get(i), URLDecoder.decode(match.group(i + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    private static Map<String, String> query(String query) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (!pair.isEmpty()) {
                int eq = pair.indexOf('=');
                values.putIfAbsent(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    private static String header(Map<String, String> headers, String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }

    private static String mediaType(String contentType) {
        return contentType == null ? "" : contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
    }

    private static Set<String> names(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** A JSON pointer's escaping of one segment. */
    private static String escape(String segment) {
        return segment.replace("~", "~0").replace("/", "~1");
    }
}
