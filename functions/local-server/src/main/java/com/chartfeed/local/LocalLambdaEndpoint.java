package com.chartfeed.local;

import com.chartfeed.cache.CacheReport;
import com.chartfeed.lambda.LocalLambdaContext;
import io.micronaut.context.ApplicationContextProvider;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lambda's Invoke API on the local server, as {@code sam local start-lambda} offers it:
 * {@code POST /2015-03-31/functions/{function}/invocations} with an event as the body runs that
 * function's real handler on it, as {@link LocalInvoker} does for one event file. So a load driver
 * can deliver ingestion events to the candle-invalidation function as SNS would, many times over.
 *
 * <p>Each function is a container of its own: its handler is made on first use with the no-arg
 * constructor the Lambda runtime calls (its own application context, configured from this
 * process's environment) and shares nothing with this server's cache but Redis and the database.
 * Concurrent invocations run concurrently on that one handler, where Lambda would use several
 * containers: the event handlers here keep no state per invocation. A handler's exception is answered the way the Invoke API does:
 * {@code 200} with {@code X-Amz-Function-Error: Unhandled} and {@code errorMessage}/{@code errorType}.
 * Local only, {@code GET /2015-03-31/functions/{function}/cache-stats} answers that container's
 * own {@code GET /v1/cache/stats}, so a driver can count the database reads and refreshes it made.
 * Off unless {@code LOCAL_LAMBDA_ENDPOINT_ENABLED=true}: it is unauthenticated.
 */
@Controller("/2015-03-31/functions")
@Requires(property = "local.lambda-endpoint.enabled", value = "true")
public final class LocalLambdaEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(LocalLambdaEndpoint.class);

    private final Map<String, Object> handlers = new ConcurrentHashMap<>();
    private final JsonMapper json;

    public LocalLambdaEndpoint(JsonMapper json) {
        this.json = json;
    }

    @Post(uri = "/{function}/invocations", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> invoke(@PathVariable String function, @Body byte[] event) {
        if (!LocalInvoker.FUNCTIONS.containsKey(function)) {
            return HttpResponse.notFound(error("ResourceNotFoundException", "no function " + function));
        }
        Object handler = handlers.computeIfAbsent(function, LocalLambdaEndpoint::newHandler);
        try {
            return HttpResponse.ok(LocalInvoker.invoke(handler, event, new LocalLambdaContext(function, LocalInvoker.BUDGET_MILLIS)));
        } catch (Exception e) {
            LOG.warn("{} failed: {}", function, e.toString());
            return HttpResponse.ok(error(e.getClass().getSimpleName(), String.valueOf(e.getMessage())))
                    .header("X-Amz-Function-Error", "Unhandled");
        }
    }

    @Get(uri = "/{function}/cache-stats", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<Map<String, Object>> cacheStats(@PathVariable String function) {
        Object handler = LocalInvoker.FUNCTIONS.containsKey(function)
                ? handlers.computeIfAbsent(function, LocalLambdaEndpoint::newHandler) : null;
        if (!(handler instanceof ApplicationContextProvider container)) {
            return HttpResponse.notFound();
        }
        return HttpResponse.ok(container.getApplicationContext().getBean(CacheReport.class).report());
    }

    private static Object newHandler(String function) {
        LocalEnvironment.activate();
        try {
            return Class.forName(LocalInvoker.FUNCTIONS.get(function)).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot make the handler of " + function, e);
        }
    }

    private byte[] error(String type, String message) {
        try {
            return json.writeValueAsBytes(Map.of("errorType", type, "errorMessage", message));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @PreDestroy
    void close() throws Exception {
        for (Object handler : handlers.values()) {
            if (handler instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
    }
}
