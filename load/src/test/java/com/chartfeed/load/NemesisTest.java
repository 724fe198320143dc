package com.chartfeed.load;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NemesisTest {
    private static final Map<String, List<String>> LANES = new LinkedHashMap<>(Map.of(
            "redis", List.of("redis-pause", "redis-flushall", "redis-save"),
            "postgres", List.of("pg-cut", "pg-stop"),
            "server", List.of("server-freeze")));

    private static List<Nemesis.Planned> plan(long seed) {
        return Nemesis.plan(seed, Duration.ofSeconds(60), LANES, Duration.ofSeconds(3), Duration.ofSeconds(4));
    }

    @Test
    void aSeedReplaysTheSameScheduleAndAnotherSeedMakesAnother() {
        assertEquals(plan(42), plan(42));
        assertNotEquals(plan(42), plan(43));
    }

    @Test
    void faultsOfOneLaneNeverOverlapAndInstantOnesLastNothing() {
        List<Nemesis.Planned> plan = plan(7);
        assertTrue(plan.size() > 10, "a minute of faults in three lanes: " + plan.size());
        for (String lane : LANES.keySet()) {
            List<Nemesis.Planned> ofLane = plan.stream().filter(p -> p.lane().equals(lane)).toList();
            assertTrue(!ofLane.isEmpty(), lane);
            for (int i = 1; i < ofLane.size(); i++) {
                Nemesis.Planned before = ofLane.get(i - 1);
                assertTrue(before.atMillis() + before.lengthMillis() < ofLane.get(i).atMillis(), before + " then " + ofLane.get(i));
            }
        }
        for (Nemesis.Planned p : plan) {
            assertTrue(p.atMillis() < 60_000, p.toString());
            assertEquals(Nemesis.INSTANT.contains(p.kind()), p.lengthMillis() == 0, p.toString());
            assertTrue(p.lengthMillis() <= 4_000, p.toString());
        }
    }

    @Test
    void aLaneWithoutFaultsIsLeftOut() {
        Map<String, List<String>> lanes = new LinkedHashMap<>(LANES);
        lanes.put("postgres", List.of());
        assertTrue(Nemesis.plan(1, Duration.ofSeconds(60), lanes, Duration.ofSeconds(3), Duration.ofSeconds(4))
                .stream().noneMatch(p -> p.lane().equals("postgres")));
    }
}
