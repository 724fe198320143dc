package com.chartfeed.load;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The fault-schedule check, short: three servers on one Redis and one PostgreSQL (a throwaway one
 * of the test's own where {@code initdb} can run, else {@code TEST_POSTGRES_URL} without the
 * stop and freeze faults), 60 s of seeded faults, and the history judged. Fails with the checker's
 * summary (violations by kind, the first few of each) on any violation. The seed is fixed, so a
 * failure replays; {@code -DfaultSchedule.seed=N} runs another one (printed either way).
 */
class FaultScheduleCheckTest {
    private static final long SEED = 20261206L;

    @Test
    void aSeededFaultScheduleLeavesNoReadStaleNoVersionBackAndNoWaitOnRedis() {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/redis-server")) || onPath("redis-server"),
                "redis-server is not installed");
        String seed = System.getProperty("faultSchedule.seed", Long.toString(SEED));
        String postgresUrl = Objects.requireNonNullElse(System.getenv("TEST_POSTGRES_URL"),
                "jdbc:postgresql://127.0.0.1:5432/test");
        List<String> args = List.of("--seed", seed, "--duration", "60s", "--settle", "3s",
                "--postgres", "own", "--postgres-url", postgresUrl,
                "--postgres-user", Objects.requireNonNullElse(System.getenv("TEST_POSTGRES_USER"), "postgres"),
                "--postgres-password", Objects.requireNonNullElse(System.getenv("TEST_POSTGRES_PASSWORD"), ""),
                "--history", "target/fault-schedule/history-" + seed + ".jsonl",
                "--logs", "target/load-logs");
        FaultScheduleCheck check = new FaultScheduleCheck();
        int code = new CommandLine(check).registerConverter(Duration.class, Durations::parse)
                .execute(args.toArray(String[]::new));
        assertNotNull(check.verdict(), "the run did not get as far as a verdict; see its output above");
        // Enough work to mean something, on a machine of any load: at load 22 on 2 cores a run
        // acknowledged 88 writes and judged 523 reads (about half of an idle machine's).
        assertTrue(check.verdict().acknowledged() >= 40, check.verdict().summary());
        assertTrue(check.verdict().checkedReadItems() >= 250, check.verdict().summary());
        assertTrue(check.verdict().faults().size() >= 6, "too few kinds of fault: " + check.verdict().faults());
        assertEquals(0, code, "seed " + seed + ":\n" + check.verdict().summary());
    }

    private static boolean onPath(String executable) {
        String path = System.getenv("PATH");
        return path != null && java.util.Arrays.stream(path.split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, executable)));
    }
}
