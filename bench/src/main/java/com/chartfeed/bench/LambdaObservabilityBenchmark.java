package com.chartfeed.bench;

import ch.qos.logback.classic.Level;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.chartfeed.functions.indicator.IndicatorFunction;
import com.chartfeed.lambda.LocalLambdaContext;
import com.chartfeed.logging.RequestLog;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * What the CloudWatch EMF record and the JSON access-log line cost an L1 hit through the real
 * indicator handler ({@code IndicatorFunction}, as Lambda constructs it: embedded H2 with the
 * sample candles, no Redis): an API Gateway event of the last 500 RSI(14) points of AAPL 1h,
 * answered {@code HIT-L1}, with neither, either or both. Both go to /dev/null, written as on
 * Lambda (one write per line), so their serialization and the write are counted.
 *
 * <p>Not final because JMH generates a subclass of it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Dchartfeed.log.format=json"})
public class LambdaObservabilityBenchmark {
    /** {@code none}: no EMF, no access line; {@code logs}: the access line; {@code metrics}: the EMF record. */
    @Param({"none", "logs", "metrics", "logs+metrics"})
    public String observability;

    private IndicatorFunction handler;
    private APIGatewayV2HTTPEvent event;
    private final Context lambda = new LocalLambdaContext("indicator", 30_000);

    @Setup
    public void setUp() {
        Events.silenceConsole();
        System.setProperty("metrics.enabled", String.valueOf(observability.contains("metrics")));
        if (!observability.contains("logs")) {
            ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(RequestLog.ACCESS_LOGGER)).setLevel(Level.OFF);
        }
        handler = new IndicatorFunction();
        event = Events.get("/v1/indicators/AAPL/rsi", "interval=1h&limit=500", null);
        handler.handleRequest(event, lambda);
        APIGatewayV2HTTPResponse hit = handler.handleRequest(event, lambda);
        if (hit.getStatusCode() != 200 || !"HIT-L1".equals(hit.getHeaders().get("X-Cache"))) {
            throw new IllegalStateException("expected a 200 HIT-L1, got " + hit.getStatusCode() + " " + hit.getHeaders());
        }
    }

    @TearDown
    public void tearDown() {
        handler.close();
    }

    @Benchmark
    public APIGatewayV2HTTPResponse l1Hit() {
        return handler.handleRequest(event, lambda);
    }
}
