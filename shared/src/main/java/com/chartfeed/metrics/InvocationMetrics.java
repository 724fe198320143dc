package com.chartfeed.metrics;

import com.chartfeed.cache.CacheStats;
import com.chartfeed.cache.L2Cache;
import com.chartfeed.candles.DatabaseBreaker;
import com.chartfeed.logging.RequestLog;
import com.chartfeed.logging.XRayTrace;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.cloudwatchlogs.emf.environment.Environment;
import software.amazon.cloudwatchlogs.emf.environment.LambdaEnvironment;
import software.amazon.cloudwatchlogs.emf.logger.MetricsLogger;
import software.amazon.cloudwatchlogs.emf.model.DimensionSet;
import software.amazon.cloudwatchlogs.emf.model.MetricsContext;
import software.amazon.cloudwatchlogs.emf.model.Unit;
import software.amazon.cloudwatchlogs.emf.sinks.ISink;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One CloudWatch Embedded Metric Format record per Lambda invocation, printed to stdout (the
 * function's log, from which CloudWatch extracts the metrics) by AWS's own EMF library: namespace
 * {@code metrics.namespace}, two dimensions, {@code Stack} ({@code metrics.stack}, the stack's
 * name) and {@code Function}, and what the invocation did. Its properties (searchable in the log,
 * not dimensions) carry the same ids under the same names as the log lines ({@link RequestLog}):
 * {@code awsRequestId}, {@code apiRequestId}, {@code traceId}.
 *
 * <p>The counts come from the container's monotonic counters ({@link CacheStats}, {@link WorkCounters})
 * read at the start of the invocation and at its end: the cache's hot path bumps the striped
 * adders it bumps anyway, and nothing is allocated per lookup. A Lambda container handles one
 * invocation at a time, so the difference is the invocation's own. Cache outcomes count lookups,
 * as {@code GET /v1/cache/stats} does: an indicator computed on a miss is a miss of its series and,
 * unless its candles were cached, of its candles too.
 *
 * <p>The names and units are a contract: the template's alarms and dashboard use them.
 */
@Singleton
public final class InvocationMetrics {
    private static final Logger LOG = LoggerFactory.getLogger(InvocationMetrics.class);
    /** The first dimension of every metric: the stack's name ({@code metrics.stack}). */
    public static final String STACK = "Stack";
    /** The second dimension of every metric: the function's name, as in {@code infra/template.yaml}. */
    public static final String FUNCTION = "Function";

    private final MetricsSettings settings;
    private final CacheStats stats;
    private final WorkCounters work;
    private final L2Cache redis;
    private final DatabaseBreaker database;
    private final Environment lambda = new Invocation(new LambdaEnvironment(), false);
    private final Environment rehearsal = new Invocation(new LambdaEnvironment(), true);
    private final AtomicBoolean cold = new AtomicBoolean(true);

    public InvocationMetrics(MetricsSettings settings, CacheStats stats, WorkCounters work, L2Cache redis,
                             DatabaseBreaker database) {
        this.settings = settings;
        this.stats = stats;
        this.work = work;
        this.redis = redis;
        this.database = database;
    }

    /** What the counters say as an invocation starts. */
    public Started start() {
        return new Started(stats.totals(), work.totals());
    }

    /**
     * Prints the invocation's record (when {@code metrics.enabled}). Never throws: a metric that
     * cannot be written must not fail the request it describes.
     *
     * @param function     the {@code Function} dimension (beside {@code Stack}): {@code indicator}, {@code batch},
     *                     {@code cache-stats} or {@code candle-invalidation}
     * @param awsRequestId Lambda's request id, a property of the record (searchable, not a dimension)
     * @param apiRequestId API Gateway's request id, likewise; null for event sources
     * @param priming      a SnapStart priming invocation: the record is built (so its classes are in
     *                     the snapshot) but not printed, and the next real invocation is still the cold one
     */
    public void finish(Started started, String function, @Nullable String awsRequestId, @Nullable String apiRequestId,
                       boolean priming) {
        if (!settings.enabled()) {
            return;
        }
        try {
            CacheStats.Totals cache = stats.totals().since(started.cache());
            WorkCounters.Totals done = work.totals().since(started.work());
            MetricsLogger emf = new MetricsLogger(priming ? rehearsal : lambda);
            emf.setNamespace(settings.namespace());
            emf.setDimensions(DimensionSet.of(STACK, settings.stack(), FUNCTION, function));
            emf.putMetric("CacheHitL1", cache.l1Hits(), Unit.COUNT);
            emf.putMetric("CacheHitL2", cache.l2Hits(), Unit.COUNT);
            emf.putMetric("CacheMiss", cache.misses(), Unit.COUNT);
            emf.putMetric("CacheStale", cache.stale(), Unit.COUNT);
            emf.putMetric("L1Time", cache.l1Nanos() / 1e6, Unit.MILLISECONDS);
            emf.putMetric("L2Time", cache.l2Nanos() / 1e6, Unit.MILLISECONDS);
            emf.putMetric("DatabaseTime", cache.databaseNanos() / 1e6, Unit.MILLISECONDS);
            emf.putMetric("ComputeTime", cache.computeNanos() / 1e6, Unit.MILLISECONDS);
            emf.putMetric("DatabaseReads", cache.databaseReads(), Unit.COUNT);
            emf.putMetric("RedisBreakerOpen", redis.breakerOpen() ? 1 : 0, Unit.COUNT);
            emf.putMetric("DatabaseBreakerOpen", database.isOpen() ? 1 : 0, Unit.COUNT);
            if ("batch".equals(function)) {
                emf.putMetric("BatchSize", done.batchItems(), Unit.COUNT);
            }
            if ("candle-invalidation".equals(function)) {
                emf.putMetric("InvalidatedScopes", done.invalidatedScopes(), Unit.COUNT);
                emf.putMetric("IngestionRecords", done.ingestionRecords(), Unit.COUNT);
                emf.putMetric("IngestionRecordsFailed", done.ingestionRecordsFailed(), Unit.COUNT);
            }
            emf.putMetric("ColdStart", !priming && cold.getAndSet(false) ? 1 : 0, Unit.COUNT);
            if (awsRequestId != null) {
                emf.putProperty(RequestLog.AWS_REQUEST_ID, awsRequestId);
            }
            if (apiRequestId != null) {
                emf.putProperty(RequestLog.API_REQUEST_ID, apiRequestId);
            }
            emf.flush();
        } catch (RuntimeException e) {
            LOG.warn("metrics of the invocation not written: {}", e.toString());
        }
    }

    /** The counters at an invocation's start. */
    public record Started(CacheStats.Totals cache, WorkCounters.Totals work) {
    }

    /**
     * Lambda's environment, with this invocation's trace id. The EMF library's own {@code traceId}
     * comes from {@code _X_AMZN_TRACE_ID}, which Java's runtime never updates (its header is a system
     * property, {@link XRayTrace}); set after the library's, the current one wins. A rehearsal
     * (SnapStart's priming) serializes the record and drops it.
     */
    private record Invocation(Environment lambda, boolean rehearsal) implements Environment {
        @Override
        public boolean probe() {
            return !rehearsal && lambda.probe();
        }

        @Override
        public String getName() {
            return lambda.getName();
        }

        @Override
        public String getType() {
            return lambda.getType();
        }

        @Override
        public String getLogGroupName() {
            return lambda.getLogGroupName();
        }

        @Override
        public void configureContext(MetricsContext context) {
            lambda.configureContext(context);
            String traceId = XRayTrace.currentId();
            if (traceId != null) {
                context.putProperty(RequestLog.TRACE_ID, traceId);
            }
        }

        @Override
        public ISink getSink() {
            if (!rehearsal) {
                return lambda.getSink();
            }
            return new ISink() {
                @Override
                public void accept(MetricsContext context) {
                    try {
                        context.serialize();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }

                @Override
                public CompletableFuture<Void> shutdown() {
                    return CompletableFuture.completedFuture(null);
                }
            };
        }
    }
}
