package com.chartfeed.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * N clients, each sending its next request as soon as the previous one is answered, through a
 * warm-up phase (not recorded) and a measured phase, each bounded in time and optionally in count.
 *
 * <p>A closed loop measures service time at the load it creates; it does not show the queueing a
 * fixed arrival rate would meet when the server stalls (coordinated omission). That suits these
 * scenarios, which compare paths through the server at a given concurrency; {@link FaultRun},
 * where stalls are the point, sends at a fixed rate instead.
 */
public final class ClosedLoop {
    private ClosedLoop() {
    }

    /** How long a phase lasts: until {@code maxTime} or {@code maxRequests} (0: no count limit), whichever first. */
    public record Phase(Duration maxTime, long maxRequests) {
        public static Phase time(Duration time) {
            return new Phase(time, 0);
        }

        public static Phase count(long requests, Duration cap) {
            return new Phase(cap, requests);
        }
    }

    /**
     * Sends request number {@code ticket} (numbered across both phases, so a source of fresh keys
     * never repeats one) and returns its answer, or {@code null} when the source is used up.
     */
    @FunctionalInterface
    public interface Call {
        Answer issue(long ticket);
    }

    /** Looks at a measured answer beyond what {@link Tally#record} counts (a batch's per-item meta). */
    @FunctionalInterface
    public interface Inspect {
        void inspect(Answer answer, Tally tally);
    }

    /** What the measured phase recorded, and how long it took. */
    public record Run(Tally tally, double seconds) {
    }

    public static Run run(int clients, Phase warmup, Phase measure, Call call) {
        return run(clients, warmup, measure, call, (answer, tally) -> { });
    }

    public static Run run(int clients, Phase warmup, Phase measure, Call call, Inspect inspect) {
        AtomicLong tickets = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(clients, r -> {
            Thread thread = new Thread(r, "client");
            thread.setDaemon(true);
            return thread;
        });
        try {
            runPhase(pool, clients, warmup, tickets, call, null, inspect);
            Tally tally = new Tally();
            long start = System.nanoTime();
            runPhase(pool, clients, measure, tickets, call, tally, inspect);
            return new Run(tally, (System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void runPhase(ExecutorService pool, int clients, Phase phase, AtomicLong tickets, Call call,
                                 Tally tally, Inspect inspect) {
        long deadline = System.nanoTime() + phase.maxTime().toNanos();
        long firstTicket = tickets.get();
        long lastTicket = phase.maxRequests() > 0 ? firstTicket + phase.maxRequests() : Long.MAX_VALUE;
        List<Future<?>> workers = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            workers.add(pool.submit(() -> {
                while (System.nanoTime() < deadline) {
                    long ticket = tickets.getAndIncrement();
                    if (ticket >= lastTicket) {
                        return;
                    }
                    Answer answer = call.issue(ticket);
                    if (answer == null) {
                        return;
                    }
                    if (tally != null) {
                        tally.record(answer);
                        inspect.inspect(answer, tally);
                    }
                }
            }));
        }
        // Tickets taken past the phase's end were never sent; the next phase starts right after them.
        for (Future<?> worker : workers) {
            try {
                // Each request is bounded by the client timeout, so this only guards against a bug.
                worker.get(Math.max(0, deadline - System.nanoTime()) + TimeUnit.SECONDS.toNanos(60), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                throw new IllegalStateException("a client failed", e.getCause());
            } catch (TimeoutException e) {
                throw new IllegalStateException("a client did not finish", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        if (lastTicket != Long.MAX_VALUE) {
            tickets.set(Math.max(Math.min(tickets.get(), lastTicket), firstTicket));
        }
    }
}
