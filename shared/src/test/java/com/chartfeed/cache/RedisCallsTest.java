package com.chartfeed.cache;

import com.chartfeed.testing.RedisServerProcess;
import com.chartfeed.testing.TestServices;
import io.lettuce.core.ScriptOutputType;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The breaker every Redis command goes through, against a real {@code redis-server} of the test's
 * own that is stopped and restarted: one failure opens it for {@code cache.breaker-open-for}, calls
 * meanwhile are skipped (and counted) without touching Redis, then one call probes it; whatever the
 * probe throws, even an {@link Error}, the breaker goes on probing until Redis answers.
 */
class RedisCallsTest {
    private static final Duration OPEN_FOR = Duration.ofMillis(300);
    private static final Duration TIMEOUT = Duration.ofMillis(500);

    private RedisServerProcess redis;
    private ApplicationContext context;
    private RedisCalls calls;
    private CacheStats stats;

    @BeforeEach
    void start() {
        redis = TestServices.startRedisServer();
        context = TestServices.startOnPostgres(Map.of("redis.uri", redis.uri(),
                "cache.breaker-open-for", OPEN_FOR.toMillis() + "ms"));
        calls = context.getBean(RedisCalls.class);
        stats = context.getBean(CacheStats.class);
        assertEquals(List.of("PONG"), ping(), "Redis answers");
    }

    @AfterEach
    void stop() {
        context.close();
        redis.close();
    }

    @Test
    void aFailureOpensItForTheIntervalThenOneCallProbes() throws InterruptedException {
        redis.stop();
        assertNull(ping(), "Redis is down");
        assertTrue(calls.breakerOpen());
        AtomicInteger sent = new AtomicInteger();
        long skippedBefore = stats.counters().get("l2Skipped");
        for (int i = 0; i < 5; i++) {
            assertNull(calls.call("PING", TIMEOUT, null, redis -> {
                sent.incrementAndGet();
                return List.of(redis.ping());
            }));
        }
        assertEquals(0, sent.get(), "nothing is sent while the breaker is open");
        assertEquals(skippedBefore + 5, stats.counters().get("l2Skipped"), "skipped calls are counted");

        redis.restart();
        Thread.sleep(OPEN_FOR.toMillis() + 100);
        assertEquals(List.of("PONG"), probeWhenConnected(), "the probe after the interval reaches Redis");
        assertFalse(calls.breakerOpen(), "and closes the breaker");
        assertTrue(calls.takeRecovery(), "the recovery is told to the version repair, once");
        assertFalse(calls.takeRecovery());
    }

    @Test
    void anErrorThrownInAProbeDoesNotKeepTheBreakerOpen() throws InterruptedException {
        // A failure that leaves Redis up (an error reply), so the probe finds a working connection.
        assertNull(calls.call("EVAL", TIMEOUT, null, redis -> List.of(
                redis.eval("return redis.error_reply('failing on purpose')", ScriptOutputType.STATUS))));
        assertTrue(calls.breakerOpen());
        Thread.sleep(OPEN_FOR.toMillis() + 100);

        // The probe's own code fails with an Error (a class that failed to initialise after a
        // restore, a stack overflow): it reaches the caller, and the breaker is not left waiting for
        // an outcome that never comes.
        assertThrows(ExceptionInInitializerError.class, () -> calls.call("PING", TIMEOUT, null, redis -> {
            throw new ExceptionInInitializerError("a probe that throws");
        }));
        assertTrue(calls.breakerOpen(), "the probe failed");

        Thread.sleep(OPEN_FOR.toMillis() + 100);
        assertEquals(List.of("PONG"), probeWhenConnected(), "Redis works, and a later probe finds out");
        assertFalse(calls.breakerOpen());
    }

    /** A PING through the breaker; the first may find the connection still being made (skipped, not failed). */
    private List<String> probeWhenConnected() {
        return await("an answer from Redis through the breaker").atMost(Duration.ofSeconds(3))
                .pollInterval(Duration.ofMillis(50)).until(this::ping, Objects::nonNull);
    }

    private List<String> ping() {
        return calls.call("PING", TIMEOUT, null, redis -> List.of(redis.ping()));
    }
}
