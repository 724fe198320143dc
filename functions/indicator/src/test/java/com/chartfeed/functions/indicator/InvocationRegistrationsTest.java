package com.chartfeed.functions.indicator;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.chartfeed.lambda.CurrentInvocation;
import com.chartfeed.lambda.LocalLambdaContext;
import com.chartfeed.testing.ApiGatewayEvents;
import com.chartfeed.testing.FunctionHarness;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A warm container serves requests without piling up state: micronaut-function-aws registers each
 * invocation's Lambda context as a new singleton, which {@link CurrentInvocation} replaces.
 */
class InvocationRegistrationsTest {

    @Test
    void invocationsAddNoBeanDefinitionsAndTheCurrentContextIsTheLatest() {
        try (FunctionHarness<IndicatorFunction> function = new FunctionHarness<>(IndicatorFunction::new, Map.of())) {
            for (int i = 0; i < 200; i++) {
                assertEquals(400, function.get("/v1/indicators/-bad/sma?interval=1h").getStatusCode());
            }
            assertTrue(function.context.getBeanDefinitions(Context.class).isEmpty(),
                    "Lambda contexts registered as beans: " + function.context.getBeanDefinitions(Context.class).size());
            assertTrue(function.context.getBeanDefinitions(LambdaLogger.class).isEmpty());

            LocalLambdaContext last = new LocalLambdaContext("test", "the-last-one", 1_000);
            function.handler.handleRequest(ApiGatewayEvents.request("GET", "/v1/cache/health", Map.of(), null), last);
            assertSame(last, function.context.getBean(CurrentInvocation.class).context().orElseThrow());
        }
    }
}
