package com.chartfeed.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;

/**
 * Injects faults on a seeded schedule. The schedule ({@link #plan}) is a pure function of the seed
 * and the settings: each lane (Redis, PostgreSQL, the server processes) draws its own sequence of
 * faults, one at a time within a lane, so faults of different lanes overlap (Redis and PostgreSQL
 * both gone is one of the cases that matter). Replaying a seed replays the schedule; the workload's
 * timing around it is the machine's.
 */
final class Nemesis {
    /** Faults that are over as soon as they are made (the damage stays: a lost or rolled-back cache). */
    static final List<String> INSTANT = List.of("redis-restart-empty", "redis-flushall", "redis-snapshot-restart",
            "redis-save");

    /** One planned fault: when (from the schedule's start), which, how long, and a random draw for its target. */
    record Planned(String lane, long atMillis, String kind, long lengthMillis, long draw) {
        String describe() {
            return String.format(Locale.ROOT, "%8.3f s  %-8s %-24s %s", atMillis / 1e3, lane, kind,
                    lengthMillis == 0 ? "" : lengthMillis + " ms");
        }
    }

    /** A fault as begun: what it hit, what was done, and how to end it (nothing, for an instant fault). */
    record Begun(String target, String note, Runnable repair) {
    }

    /** Begins a fault of a lane; the returned begun fault is ended after the planned length. */
    @FunctionalInterface
    interface Injector {
        Begun begin(Planned fault, SplittableRandom random);
    }

    private Nemesis() {
    }

    /**
     * @param lanes      each lane's fault kinds (a lane with none is left out)
     * @param meanGap    mean quiet time between two faults of one lane
     * @param maxLength  longest fault; lengths are uniform from a tenth of it
     */
    static List<Planned> plan(long seed, Duration length, Map<String, List<String>> lanes, Duration meanGap,
                              Duration maxLength) {
        List<Planned> plan = new ArrayList<>();
        long end = length.toMillis();
        long max = maxLength.toMillis();
        long min = Math.max(100, max / 10);
        for (Map.Entry<String, List<String>> lane : new LinkedHashMap<>(lanes).entrySet()) {
            List<String> kinds = lane.getValue();
            if (kinds.isEmpty()) {
                continue;
            }
            // String.hashCode is specified, so a lane's stream is the same in every JVM.
            SplittableRandom random = new SplittableRandom(seed * 31 + lane.getKey().hashCode());
            long at = gap(random, meanGap.toMillis());
            while (at < end) {
                String kind = kinds.get(random.nextInt(kinds.size()));
                long lengthMillis = INSTANT.contains(kind) ? 0 : min + random.nextLong(max - min + 1);
                plan.add(new Planned(lane.getKey(), at, kind, lengthMillis, random.nextLong()));
                at += lengthMillis + gap(random, meanGap.toMillis());
            }
        }
        plan.sort(Comparator.comparingLong(Planned::atMillis));
        return List.copyOf(plan);
    }

    /** Exponential, at least a tenth of the mean: faults come at random but never back to back. */
    private static long gap(SplittableRandom random, long mean) {
        return mean / 10 + (long) (-Math.log(1 - random.nextDouble()) * mean * 0.9);
    }

    /**
     * Runs the plan: one thread per lane, each fault begun at its time (or as soon as the previous
     * one of its lane ended), recorded in the history when repaired. Returns when all are repaired.
     */
    static void run(List<Planned> plan, long startNanos, Map<String, Injector> injectors, History history,
                    LongSupplier nowMicros) throws InterruptedException {
        Map<String, List<Planned>> byLane = new LinkedHashMap<>();
        plan.forEach(p -> byLane.computeIfAbsent(p.lane(), l -> new ArrayList<>()).add(p));
        List<Thread> threads = new ArrayList<>();
        for (Map.Entry<String, List<Planned>> lane : byLane.entrySet()) {
            Thread thread = new Thread(() -> {
                for (Planned fault : lane.getValue()) {
                    Pause.until(startNanos + fault.atMillis() * 1_000_000);
                    SplittableRandom random = new SplittableRandom(fault.draw());
                    long begun = nowMicros.getAsLong();
                    Begun done;
                    try {
                        done = injectors.get(lane.getKey()).begin(fault, random);
                    } catch (RuntimeException e) {
                        System.out.printf("%8.3f s  %s failed to begin: %s%n", begun / 1e6, fault.kind(), e.getMessage());
                        history.add(new History.Fault(fault.kind(), "?", begun, begun, "failed: " + e.getMessage()));
                        continue;
                    }
                    System.out.printf(Locale.ROOT, "%8.3f s  %-24s %s (%s)%s%n", begun / 1e6, fault.kind(), done.target(),
                            done.note(), fault.lengthMillis() == 0 ? "" : " for " + fault.lengthMillis() + " ms");
                    if (fault.lengthMillis() > 0) {
                        Pause.millis(fault.lengthMillis());
                    }
                    String note = done.note();
                    try {
                        done.repair().run();
                    } catch (RuntimeException e) {
                        note += "; repair failed: " + e.getMessage();
                        System.out.printf("%8.3f s  %s repair failed: %s%n", nowMicros.getAsLong() / 1e6, fault.kind(),
                                e.getMessage());
                    }
                    history.add(new History.Fault(fault.kind(), done.target(), begun,
                            fault.lengthMillis() == 0 ? begun : nowMicros.getAsLong(), note));
                }
            }, "nemesis-" + lane.getKey());
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
    }
}
