package com.chartfeed.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.chartfeed.api.CompressionSettings;
import com.chartfeed.api.HttpCaching;
import com.chartfeed.api.Problems;
import com.chartfeed.logging.RequestLog;
import com.chartfeed.problems.Problem;
import com.chartfeed.problems.ProblemException;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;
import io.micronaut.http.HttpHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * The base of the HTTP functions' Lambda handlers (API Gateway HTTP API, payload 2.0 events routed
 * to the controllers), on the {@link HandlerLifecycle} every handler has: SnapStart hooks that
 * prime the handler with the requests {@link #prime()} sends, the request ids in every log line's
 * MDC and one CloudWatch EMF record per invocation.
 *
 * <p>Its own around each invocation: gzip of large answers ({@link ResponseCompression}) and one
 * access-log line. It never throws: see {@link #handleRequest}.
 */
public abstract class HttpApiFunction extends APIGatewayV2HTTPEventFunction {
    private static final Logger LOG = LoggerFactory.getLogger(HttpApiFunction.class);
    private final HandlerLifecycle lifecycle;
    private volatile ResponseCompression compression;
    private volatile Problems problems;

    /** Used by the Lambda runtime: starts the application context once per container and registers the hooks. */
    protected HttpApiFunction() {
        super();
        lifecycle = HandlerLifecycle.registered(getApplicationContext(), this::prime);
    }

    /** For tests and the local invoker, with an application context configured by the caller. */
    protected HttpApiFunction(ApplicationContext context) {
        super(context);
        lifecycle = new HandlerLifecycle(getApplicationContext(), this::prime);
    }

    /** See {@link HandlerLifecycle#lazySingletons}. */
    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return HandlerLifecycle.lazySingletons(super.newApplicationContextBuilder());
    }

    /**
     * Never throws: an event the functions cannot route ({@link PayloadFormat}) is a {@code 501}, and
     * anything the API Gateway adapter itself throws (the controllers' exceptions are answered by
     * the exception handlers) a logged {@code 500}, both in problem+json. Thrown, it would reach
     * the caller as API Gateway's bare {@code 500 Internal Server Error}, with nothing in the access log.
     */
    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        long start = System.nanoTime();
        if (problems == null) {
            // On the first request rather than at init: both need the cache's beans, which a start creates lazily.
            compression = new ResponseCompression(getApplicationContext().getBean(CompressionSettings.class));
            problems = getApplicationContext().getBean(Problems.class);
        }
        String apiRequestId = event == null || event.getRequestContext() == null ? null
                : event.getRequestContext().getRequestId();
        HandlerLifecycle.Invocation invocation = lifecycle.begin(functionName(), context, apiRequestId);
        APIGatewayV2HTTPResponse response = null;
        try {
            ProblemException unsupported = PayloadFormat.unsupported(event);
            if (unsupported != null) {
                LOG.warn("an event the function cannot route: {}", unsupported.getMessage());
                response = answer(unsupported);
            } else {
                response = compression.apply(event, super.handleRequest(event, context));
            }
            return response;
        } catch (RuntimeException fault) {
            LOG.error("the API Gateway adapter failed on {}", route(event), fault);
            response = answer(ProblemException.internal());
            return response;
        } finally {
            RequestLog.access(route(event), response == null ? 0 : response.getStatusCode(), System.nanoTime() - start,
                    response == null ? null : Headers.get(response.getHeaders(), HttpCaching.X_CACHE));
            invocation.close();
        }
    }

    /** A problem as the adapter would have answered it: problem+json, no-store. */
    private APIGatewayV2HTTPResponse answer(ProblemException problem) {
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(problem.status().getCode())
                .withHeaders(Map.of(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE, HttpHeaders.CACHE_CONTROL, "no-store"))
                .withBody(problems.toJson(problem.toProblem()))
                .withIsBase64Encoded(false)
                .build();
    }

    /**
     * The {@code Function} dimension of this handler's metrics and the {@code function} of its log
     * lines: its name in {@code infra/template.yaml}'s terms ({@code indicator}, {@code batch}, {@code cache-stats}).
     */
    protected abstract String functionName();

    /** API Gateway's route key, or the method and path under a {@code $default} route. */
    private static String route(@Nullable APIGatewayV2HTTPEvent event) {
        if (event == null) {
            return "null event";
        }
        String key = event.getRouteKey();
        if (key != null && !key.isEmpty() && !key.equals("$default")) {
            return key;
        }
        APIGatewayV2HTTPEvent.RequestContext.Http http =
                event.getRequestContext() == null ? null : event.getRequestContext().getHttp();
        return http == null ? String.valueOf(event.getRawPath()) : http.getMethod() + " " + event.getRawPath();
    }

    /** The SnapStart hooks of this handler (registered with the JVM only by the Lambda constructor). */
    public SnapStartHooks snapStart() {
        return lifecycle.snapStart();
    }

    /** SnapStart's priming: requests answered before the snapshot, with no data needed (see {@link PrimingRequests}). */
    protected abstract void prime();
}
