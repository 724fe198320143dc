package com.chartfeed.cache;

import com.chartfeed.testing.LogCapture;
import com.chartfeed.testing.TcpProxy;
import com.chartfeed.testing.TestServices;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A repair that fails is visible: a WARN, at most one per breaker interval however often it fails,
 * and a count in the stats. The database is cut through a proxy, so the repair's read of the
 * unpublished versions fails as it would in an outage.
 */
class VersionRepairTest {

    @Test
    void aFailingRepairLogsAWarningOncePerIntervalAndIsCounted() throws InterruptedException {
        URI postgres = URI.create(TestServices.postgresUrl().substring("jdbc:".length()));
        try (TcpProxy proxy = TcpProxy.to(postgres.getHost(), postgres.getPort());
             ApplicationContext context = TestServices.startOnPostgres(Map.of(
                     "datasources.default.url", "jdbc:postgresql://127.0.0.1:" + proxy.port() + postgres.getPath(),
                     "datasources.default.connection-timeout", "500",
                     "redis.uri", TestServices.redisUri(),
                     "cache.version-repair-interval", "10ms",
                     "cache.breaker-open-for", "1h"));
             LogCapture logs = LogCapture.start()) {
            VersionRepair repair = context.getBean(VersionRepair.class);
            CacheStats stats = context.getBean(CacheStats.class);
            proxy.cut();

            long failuresBefore = stats.counters().get("versionRepairFailures");
            for (int i = 0; i < 3; i++) {
                long failures = stats.counters().get("versionRepairFailures");
                await("a repair run that fails on the cut connection, counted").atMost(Duration.ofSeconds(5))
                        .pollInterval(Duration.ofMillis(20)).until(() -> {
                            repair.maybeRun();
                            return stats.counters().get("versionRepairFailures") > failures;
                        });
            }
            assertTrue(stats.counters().get("versionRepairFailures") >= failuresBefore + 3, "each failure is counted");
            List<Map<String, Object>> warnings = logs.lines().stream()
                    .filter(line -> VersionRepair.class.getName().equals(line.get("loggerName")))
                    .filter(line -> "WARN".equals(line.get("level")))
                    .toList();
            assertEquals(1, warnings.size(), "one warning per breaker interval: " + warnings);
            assertTrue(String.valueOf(warnings.get(0).get("message")).contains("version repair failed"),
                    String.valueOf(warnings.get(0)));
        }
    }
}
