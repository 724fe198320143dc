package com.chartfeed.functions.indicator;

import com.chartfeed.lambda.HttpApiFunction;
import com.chartfeed.lambda.PrimingRequests;
import io.micronaut.context.ApplicationContext;

/**
 * Lambda handler of the single-indicator function: API Gateway HTTP API (payload 2.0) events in,
 * routed to {@link IndicatorController} and {@link CandleController}, and its SnapStart priming.
 */
public final class IndicatorFunction extends HttpApiFunction {

    /** Used by the Lambda runtime. */
    public IndicatorFunction() {
        super();
    }

    /** For tests and the local invoker, with an application context configured by the caller. */
    public IndicatorFunction(ApplicationContext context) {
        super(context);
    }

    /**
     * SnapStart's priming requests: an indicator and candles of a symbol no one stores (404s), and
     * the catalogue (built once, from TA-Lib's metadata).
     */
    @Override
    protected void prime() {
        handleRequest(PrimingRequests.get("/v1/indicators", ""), PrimingRequests.context());
        handleRequest(PrimingRequests.get("/v1/indicators/" + PrimingRequests.SYMBOL + "/macd", "interval=1h&limit=5"),
                PrimingRequests.context());
        handleRequest(PrimingRequests.get("/v1/candles/" + PrimingRequests.SYMBOL, "interval=1h&limit=5"),
                PrimingRequests.context());
    }

    @Override
    protected String functionName() {
        return "indicator";
    }
}
