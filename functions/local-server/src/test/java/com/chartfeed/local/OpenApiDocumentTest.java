package com.chartfeed.local;

import com.chartfeed.api.CandleUpload;
import com.chartfeed.batch.BatchSettings;
import com.chartfeed.cache.CacheSource;
import com.chartfeed.candles.Interval;
import com.chartfeed.candles.SymbolCatalog;
import com.chartfeed.candles.SymbolName;
import com.chartfeed.indicators.PriceSource;
import com.chartfeed.indicators.Window;
import com.chartfeed.testing.TestServices;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.annotation.Controller;
import io.micronaut.web.router.Router;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The OpenAPI document the service serves ({@code META-INF/swagger/openapi.yml} of the indicator
 * function, written by micronaut-openapi at compile time) against the code: a valid OpenAPI 3.1
 * document, every reference resolving; its operations exactly the routes the controllers of all
 * three functions declare, and exactly the routes API Gateway sends them (admin ones signed);
 * the values it lists by hand (intervals, price sources, X-Cache, limits and bounds) the code's.
 * The answers themselves are {@link OpenApiContractTest}'s.
 */
class OpenApiDocumentTest {
    static final String RESOURCE = "/META-INF/swagger/openapi.yml";
    private static OpenApiDocument document;
    private static ApplicationContext context;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = OpenApiDocumentTest.class.getResourceAsStream(RESOURCE)) {
            assertNotNull(in, RESOURCE + " is not on the classpath: the indicator function's build writes it");
            document = OpenApiDocument.parse(in.readAllBytes());
        }
        // Every controller of the three functions is on this module's classpath, as on the local server.
        context = TestServices.startOnPostgres(Map.of());
    }

    @AfterAll
    static void close() {
        if (context != null) {
            context.close();
        }
    }

    @Test
    void isAValidOpenApi31Document() {
        assertTrue(document.root.path("openapi").asText().startsWith("3.1."), document.root.path("openapi").asText());
        // The OpenAPI Initiative's schema of 3.1 documents, its Schema Objects included (src/test/resources/oas).
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaIdResolvers(resolvers -> resolvers
                        .mapPrefix("https://spec.openapis.org/oas/3.1", "classpath:oas/3.1")));
        List<Error> errors = registry.getSchema(SchemaLocation.of("https://spec.openapis.org/oas/3.1/schema-base/2022-10-07"))
                .validate(document.root);
        assertEquals(List.of(), errors.stream().map(Error::toString).toList());
    }

    /**
     * {@code functions/indicator/src/main/openapi/components.yaml} is in the document as written: not
     * lost or changed in micronaut-openapi's merge, and not stale (the compiler sees only Java sources,
     * so a change to that file alone needs a clean build, see the API docs).
     */
    @Test
    void theSharedComponentsAreInTheDocumentAsWritten() throws IOException {
        JsonNode written = sortedRequired(new ObjectMapper(new YAMLFactory()).readTree(TemplateTest.repositoryRoot()
                .resolve("functions/indicator/src/main/openapi/components.yaml").toFile()).path("components"));
        JsonNode served = sortedRequired(document.root.path("components").deepCopy());
        Comparator<JsonNode> numbersByValue = (a, b) -> a.isNumber() && b.isNumber()
                ? a.decimalValue().compareTo(b.decimalValue()) : a.equals(b) ? 0 : 1;
        written.properties().forEach(section -> section.getValue().properties().forEach(component ->
                assertTrue(component.getValue().equals(numbersByValue, served.path(section.getKey()).path(component.getKey())),
                        section.getKey() + "/" + component.getKey() + " differs: written " + component.getValue()
                                + ", served " + served.path(section.getKey()).path(component.getKey()))));
    }

    @Test
    void everyReferenceResolvesInTheDocument() {
        List<String> refs = new ArrayList<>();
        collectRefs(document.root, refs);
        assertFalse(refs.isEmpty());
        for (String ref : refs) {
            assertTrue(ref.startsWith("#/"), "a reference outside the document: " + ref);
            assertFalse(document.root.at(ref.substring(1)).isMissingNode(), "nothing at " + ref);
        }
    }

    @Test
    void everyOperationHasAUniqueIdASummaryATagAndItsErrorsAsProblems() {
        Set<String> ids = new HashSet<>();
        Set<String> tags = new HashSet<>();
        document.root.path("tags").forEach(tag -> tags.add(tag.path("name").asText()));
        for (OpenApiDocument.Operation operation : document.operations()) {
            assertNotNull(operation.id(), operation.key());
            assertTrue(ids.add(operation.id()), "operationId " + operation.id() + " twice");
            assertFalse(operation.node().path("summary").asText().isBlank(), operation.key() + " has no summary");
            assertEquals(1, operation.node().path("tags").size(), operation.key());
            assertTrue(tags.contains(operation.node().path("tags").get(0).asText()), operation.key() + ": an undeclared tag");
            operation.node().path("responses").properties().forEach(response -> {
                int status = Integer.parseInt(response.getKey());
                JsonNode content = document.resolve(response.getValue()).path("content");
                if (status >= 400 && !operation.path().equals("/v1/cache/health")) {
                    assertEquals(Set.of("application/problem+json"), names(content), operation.key() + " " + status);
                }
            });
        }
    }

    /**
     * The controllers' routes in the router of a context holding every function's controllers. Not
     * the HEAD Micronaut adds to each GET (API Gateway routes GET only). micronaut-management, whose
     * endpoints micronaut-flyway would bring, is left out (shared/pom.xml).
     */
    @Test
    void listsExactlyTheRoutesTheControllersDeclare() {
        Set<String> declared = context.getBean(Router.class).uriRoutes()
                .filter(route -> route.getHttpMethod() != HttpMethod.HEAD
                        && route.getTargetMethod().getDeclaringType().isAnnotationPresent(Controller.class))
                .map(route -> route.getHttpMethodName() + " " + path(route.getUriMatchTemplate().toPathString()))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> documented = document.operations().stream().map(OpenApiDocument.Operation::key)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(declared, documented);
        // One of each function's, so neither side is missing a function.
        assertTrue(documented.containsAll(List.of("GET /v1/indicators/{symbol}/{indicator}", "POST /v1/indicators/batch",
                "DELETE /v1/cache/{symbol}")), documented.toString());
    }

    /**
     * The HttpApi events of {@code infra/template.yaml}: every operation routed, nothing else, and
     * AWS_IAM exactly where the document asks for the admin token ({@code {proxy+}} is a file name).
     */
    @Test
    void listsExactlyTheRoutesApiGatewaySendsToTheFunctions() throws IOException {
        Map<String, Object> template = TemplateTest.loadTemplate(TemplateTest.repositoryRoot().resolve("infra/template.yaml"));
        Map<String, Boolean> routed = new TreeMap<>();
        map(template.get("Resources")).values().forEach(resource -> map(map(resource).get("Properties")).entrySet().stream()
                .filter(property -> property.getKey().equals("Events"))
                .forEach(events -> map(events.getValue()).values().forEach(event -> {
                    if ("HttpApi".equals(map(event).get("Type"))) {
                        Map<String, Object> properties = map(map(event).get("Properties"));
                        routed.put(properties.get("Method") + " " + variables((String) properties.get("Path")),
                                "AWS_IAM".equals(map(properties.get("Auth")).get("Authorizer")));
                    }
                })));
        Map<String, Boolean> documented = new TreeMap<>();
        document.operations().forEach(operation -> documented.put(
                operation.method().toUpperCase() + " " + variables(operation.path()),
                operation.node().has("security")));
        assertEquals(documented, routed);
    }

    @Test
    void theValuesItListsAreTheCodes() {
        JsonNode schemas = document.root.path("components").path("schemas");
        JsonNode parameters = document.root.path("components").path("parameters");
        assertEquals(Arrays.stream(Interval.values()).map(Interval::code).toList(), texts(schemas.path("Interval").path("enum")));
        assertEquals(Arrays.stream(PriceSource.values()).map(PriceSource::code).toList(),
                texts(schemas.path("PriceSource").path("enum")));
        assertEquals(Arrays.stream(CacheSource.values()).map(CacheSource::header).collect(Collectors.toSet()),
                new HashSet<>(texts(schemas.path("XCache").path("enum"))));
        for (JsonNode limit : List.of(parameters.path("Limit").path("schema"),
                schemas.path("BatchItemRequest").path("properties").path("limit"))) {
            assertEquals(1, limit.path("minimum").asInt());
            assertEquals(Window.MAX_LIMIT, limit.path("maximum").asInt());
            assertEquals(Window.DEFAULT_LIMIT, limit.path("default").asInt());
        }
        JsonNode symbolsLimit = parameters.path("SymbolsLimit").path("schema");
        assertEquals(SymbolCatalog.MAX_LIMIT, symbolsLimit.path("maximum").asInt());
        assertEquals(SymbolCatalog.DEFAULT_LIMIT, symbolsLimit.path("default").asInt());
        assertEquals(context.getBean(BatchSettings.class).maxItems(),
                schemas.path("BatchRequest").path("properties").path("requests").path("maxItems").asInt());
        assertEquals(CandleUpload.MAX_CANDLES, schemas.path("CandleUpload").path("properties").path("t").path("maxItems").asInt());
        assertEquals(CandleUpload.MAX_CANDLES, schemas.path("UploadPrices").path("maxItems").asInt());
        document.operations().forEach(operation -> operation.node().path("parameters").forEach(parameter -> {
            if (parameter.path("name").asText().equals("symbol")) {
                assertEquals(SymbolName.PATTERN, parameter.path("schema").path("pattern").asText(), operation.key());
            }
        }));
    }

    /** The {@code required} lists in name order, as micronaut-openapi writes them. */
    private static JsonNode sortedRequired(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if (object.path("required").isArray()) {
                List<String> names = texts(object.path("required")).stream().sorted().toList();
                ArrayNode sorted = object.putArray("required");
                names.forEach(sorted::add);
            }
            object.elements().forEachRemaining(OpenApiDocumentTest::sortedRequired);
        } else if (node.isArray()) {
            node.forEach(OpenApiDocumentTest::sortedRequired);
        }
        return node;
    }

    /** {@code /chart/{file}} and {@code /chart/{proxy+}} alike: {@code /chart/{}}. */
    private static String variables(String path) {
        return path.replaceAll("\\{[^}]+}", "{}");
    }

    private static String path(String template) {
        return template.isEmpty() ? "/" : template;
    }

    private static void collectRefs(JsonNode node, List<String> into) {
        if (node.isObject()) {
            node.properties().forEach(field -> {
                if (field.getKey().equals("$ref")) {
                    into.add(field.getValue().asText());
                } else {
                    collectRefs(field.getValue(), into);
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> collectRefs(child, into));
        }
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static Set<String> names(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
