package com.chartfeed.local;

import com.chartfeed.lambda.LocalLambdaContext;
import com.chartfeed.testing.TestServices;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every sample event in {@code infra/events} (what {@code sam local invoke -e} and the local
 * invoker take) works: run through the handler {@code infra/template.yaml} routes it to, on the
 * local server's embedded sample candles and with the admin token {@code infra/local-env.json}
 * gives, each HTTP event is answered {@code 2xx} with its content, and each ingestion event
 * invalidates what it names. A sample that asks for a file that is gone, or a route that moved,
 * fails here.
 */
class SampleEventsTest {
    private static final JsonMapper JSON = JsonMapper.createDefault();
    /** The token the admin samples carry: infra/local-env.json's ADMIN_TOKEN. */
    private static final String LOCAL_ADMIN_TOKEN = "local-admin-token";

    private static Path root;
    private static Map<String, Object> template;
    /** One container per handler class, as Lambda would keep one warm. */
    private static final Map<String, Object> handlers = new LinkedHashMap<>();
    private static final List<ApplicationContext> contexts = new ArrayList<>();

    @BeforeAll
    static void load() throws IOException {
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null && root == null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("infra/events"))) {
                root = dir;
            }
        }
        assertNotNull(root, "no infra/events above " + Paths.get("").toAbsolutePath());
        template = TemplateTest.loadTemplate(root.resolve("infra/template.yaml"));
        assertEquals(LOCAL_ADMIN_TOKEN, localEnvAdminToken());
    }

    @AfterAll
    static void close() throws Exception {
        for (Object handler : handlers.values()) {
            if (handler instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
        contexts.stream().filter(ApplicationContext::isRunning).forEach(ApplicationContext::close);
    }

    @TestFactory
    Stream<DynamicTest> everySampleEventIsAnsweredByItsHandler() throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(root.resolve("infra/events"))) {
            files = listing.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertFalse(files.isEmpty());
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            byte[] event = Files.readAllBytes(file);
            Map<String, Object> parsed = map(event);
            String routeKey = (String) parsed.get("routeKey");
            String handler = routeKey != null ? httpHandler(routeKey) : eventHandler();
            Map<String, Object> answer = map(LocalInvoker.invoke(handler(handler), event,
                    new LocalLambdaContext("sample", LocalInvoker.BUDGET_MILLIS)));
            if (routeKey != null) {
                assertHttpAnswer(file, answer);
            } else {
                assertInvalidated(file, parsed, answer);
            }
        }));
    }

    @SuppressWarnings("unchecked")
    private static void assertHttpAnswer(Path file, Map<String, Object> answer) {
        int status = ((Number) answer.get("statusCode")).intValue();
        assertTrue(status >= 200 && status < 300, file.getFileName() + " answered " + answer);
        Map<String, String> headers = (Map<String, String>) answer.get("headers");
        String type = headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase("Content-Type"))
                .map(Map.Entry::getValue).findFirst().orElse("");
        assertFalse(type.contains("problem"), file.getFileName() + " answered a problem: " + answer);
        if (status == 200) {
            assertFalse(String.valueOf(answer.get("body")).isEmpty(), file.getFileName() + " answered no body");
        }
    }

    /** SNS and EventBridge: their record invalidated; SQS: every record but the sample's malformed one. */
    @SuppressWarnings("unchecked")
    private static void assertInvalidated(Path file, Map<String, Object> event, Map<String, Object> answer) {
        if (answer.containsKey("batchItemFailures")) {
            List<Object> records = (List<Object>) event.get("Records");
            List<Object> failures = (List<Object>) answer.get("batchItemFailures");
            assertEquals(1, failures.size(), file.getFileName() + ": " + answer);
            assertNotEquals(records.size(), failures.size());
        } else {
            assertEquals(List.of(), answer.get("failed"), file.getFileName() + ": " + answer);
            assertEquals(List.of(), answer.get("rejected"), file.getFileName() + ": " + answer);
            assertEquals(1, ((List<?>) answer.get("invalidated")).size(), file.getFileName() + ": " + answer);
        }
    }

    /** The handler of the template's function that has an HttpApi event on this route. */
    private static String httpHandler(String routeKey) {
        for (Map<String, Object> function : functions()) {
            for (Object e : map(function.get("Events")).values()) {
                Map<String, Object> properties = map(map(e).get("Properties"));
                if ("HttpApi".equals(map(e).get("Type"))
                        && routeKey.equals(properties.get("Method") + " " + properties.get("Path"))) {
                    return handlerClass(function);
                }
            }
        }
        throw new AssertionError("no function in infra/template.yaml serves " + routeKey);
    }

    /** The handler of the template's function that listens to SNS, SQS and EventBridge. */
    private static String eventHandler() {
        for (Map<String, Object> function : functions()) {
            for (Object e : map(function.get("Events")).values()) {
                if ("SNS".equals(map(e).get("Type"))) {
                    return handlerClass(function);
                }
            }
        }
        throw new AssertionError("no function in infra/template.yaml listens to SNS");
    }

    private static List<Map<String, Object>> functions() {
        List<Map<String, Object>> functions = new ArrayList<>();
        map(template.get("Resources")).values().forEach(resource -> {
            if ("AWS::Serverless::Function".equals(map(resource).get("Type"))) {
                functions.add(map(map(resource).get("Properties")));
            }
        });
        return functions;
    }

    private static String handlerClass(Map<String, Object> function) {
        return ((String) function.get("Handler")).split("::")[0];
    }

    /** The handler class on a context of its own: the embedded sample candles, the local admin token, the test Redis. */
    private static Object handler(String handlerClass) {
        return handlers.computeIfAbsent(handlerClass, name -> {
            ApplicationContext context = ApplicationContext.builder()
                    .environments(LocalEnvironment.NAME)
                    .properties(Map.of("admin.token", LOCAL_ADMIN_TOKEN, "redis.uri", TestServices.redisUri(),
                            // as InvalidationFunctionHarness: a loaded CI machine misses the 50 ms default
                            "cache.redis-command-timeout", "250ms"))
                    .start();
            contexts.add(context);
            try {
                return Class.forName(name).getConstructor(ApplicationContext.class).newInstance(context);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static String localEnvAdminToken() throws IOException {
        return (String) map(map(Files.readAllBytes(root.resolve("infra/local-env.json"))).get("Parameters"))
                .get("ADMIN_TOKEN");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    private static Map<String, Object> map(byte[] json) throws IOException {
        return JSON.readValue(json, Argument.mapOf(String.class, Object.class));
    }
}
