package com.chartfeed.testing;

import io.micronaut.context.ApplicationContext;
import org.opentest4j.TestAbortedException;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Where the tests find the real PostgreSQL and Redis: {@code TEST_POSTGRES_URL} (default
 * {@code jdbc:postgresql://127.0.0.1:5432/test}), {@code TEST_POSTGRES_USER} ({@code postgres}),
 * {@code TEST_POSTGRES_PASSWORD} (empty) and {@code TEST_REDIS_URI} ({@code redis://127.0.0.1:6379}).
 */
public final class TestServices {
    public static final String ADMIN_TOKEN = "test-admin-token";
    /**
     * {@code cache.redis-command-timeout} for tests of what the fleet reads, not of deadlines (those
     * set their own 50-200 ms): at 250 ms, a store or read on CI's loaded 2 cores timed out and
     * another container answered MISS where the entry was in L2.
     */
    public static final String COHERENCE_REDIS_TIMEOUT = "2s";

    private TestServices() {
    }

    public static String postgresUrl() {
        return env("TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    }

    public static String redisUri() {
        return env("TEST_REDIS_URI", "redis://127.0.0.1:6379");
    }

    /** Application properties for a context on the test PostgreSQL. */
    public static Map<String, Object> postgres() {
        Map<String, Object> properties = new HashMap<>();
        properties.put("datasources.default.url", postgresUrl());
        properties.put("datasources.default.username", env("TEST_POSTGRES_USER", "postgres"));
        properties.put("datasources.default.password", env("TEST_POSTGRES_PASSWORD", ""));
        properties.put("admin.token", ADMIN_TOKEN);
        return properties;
    }

    /** A started context on the test PostgreSQL, with {@code extra} properties on top. */
    public static ApplicationContext startOnPostgres(Map<String, Object> extra) {
        Map<String, Object> properties = postgres();
        properties.putAll(extra);
        return ApplicationContext.run(properties, "test");
    }

    /** A {@link RedisServerProcess} of the test's own, which the test may stop and restart; skips the test where none is installed. */
    public static RedisServerProcess startRedisServer() {
        return skippedWithoutRedisServer(RedisServerProcess::start);
    }

    /** A three-node {@link RedisClusterProcess} of the test's own; skips the test where {@code redis-server} is not installed. */
    public static RedisClusterProcess startRedisCluster() {
        return skippedWithoutRedisServer(RedisClusterProcess::start);
    }

    /**
     * What {@code start} starts, or a skipped test where {@code redis-server} is not installed: such
     * a machine cannot run the test, which says nothing about the code. Package-private so that a
     * test can check the skip on a machine that has one.
     */
    static <T> T skippedWithoutRedisServer(Supplier<T> start) {
        try {
            return start.get();
        } catch (RedisServerProcess.NotInstalledException e) {
            throw new TestAbortedException(e.getMessage(), e);
        }
    }

    /** A symbol no other test (or earlier run) uses, so tests share one database without cleaning it. */
    public static String uniqueSymbol(String prefix) {
        return (prefix + UUID.randomUUID().toString().replace("-", "")).substring(0, 20).toUpperCase();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
