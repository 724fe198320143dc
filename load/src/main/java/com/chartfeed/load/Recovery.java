package com.chartfeed.load;

import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;

/**
 * How long after a fault was repaired the service was back to normal, from two streams of
 * observations: the answers (normal: the right status, {@code HIT-*} or {@code MISS}, not
 * {@code STALE}, 503 or a timeout) and the health checks (normal: UP). Two readings:
 * <ul>
 *   <li>{@link #first}: the first health check that says UP while every answer sent from it
 *       until the next check is normal: when service was first whole again;</li>
 *   <li>{@link #stable}: the moment after which every answer and every check in the window is
 *       normal: later than the first when the service relapsed (a breaker that opened again).</li>
 * </ul>
 * Both are empty when the window holds no such moment.
 */
public final class Recovery {
    private Recovery() {
    }

    /** One observation: when it was sent (nanoTime) and whether it was normal. */
    public record Sample(long atNanos, boolean normal) {
    }

    public static OptionalLong first(long repaired, long end, List<Sample> answers, List<Sample> health) {
        List<Sample> checks = window(repaired, end, health);
        List<Sample> sent = window(repaired, end, answers);
        for (int i = 0; i < checks.size(); i++) {
            Sample check = checks.get(i);
            if (!check.normal()) {
                continue;
            }
            long until = i + 1 < checks.size() ? checks.get(i + 1).atNanos() : end;
            boolean allNormal = sent.stream()
                    .filter(s -> s.atNanos() >= check.atNanos() && s.atNanos() < until)
                    .allMatch(Sample::normal);
            if (allNormal) {
                return OptionalLong.of(check.atNanos() - repaired);
            }
        }
        return OptionalLong.empty();
    }

    public static OptionalLong stable(long repaired, long end, List<Sample> answers, List<Sample> health) {
        long recoveredAt = repaired;
        for (List<Sample> stream : List.of(answers, health)) {
            OptionalLong at = normalFrom(window(repaired, end, stream));
            if (at.isEmpty()) {
                return OptionalLong.empty();
            }
            recoveredAt = Math.max(recoveredAt, at.getAsLong());
        }
        return OptionalLong.of(recoveredAt - repaired);
    }

    /** The first sample after the last abnormal one (the first sample when none was abnormal). */
    private static OptionalLong normalFrom(List<Sample> window) {
        if (window.isEmpty() || !window.get(window.size() - 1).normal()) {
            return OptionalLong.empty();
        }
        int lastAbnormal = -1;
        for (int i = 0; i < window.size(); i++) {
            if (!window.get(i).normal()) {
                lastAbnormal = i;
            }
        }
        return OptionalLong.of(window.get(lastAbnormal + 1).atNanos());
    }

    private static List<Sample> window(long from, long end, List<Sample> samples) {
        return samples.stream()
                .filter(s -> s.atNanos() >= from && s.atNanos() < end)
                .sorted(Comparator.comparingLong(Sample::atNanos))
                .toList();
    }
}
