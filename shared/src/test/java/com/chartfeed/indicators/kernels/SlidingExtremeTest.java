package com.chartfeed.indicators.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The deque's extreme index equals a scan of the whole window at every step: random values drawn
 * from a handful of levels (so most windows hold equal extremes) and -0.0 beside 0.0, every
 * window length from 1 to 40 and some long ones, both tie rules, highest and lowest.
 */
class SlidingExtremeTest {

    private static final double[] LEVELS = {-0.0, 0.0, 1, 2, 3, -1};

    @ParameterizedTest
    @EnumSource(SlidingExtreme.Ties.class)
    void theIndexIsTheScansAtEveryStep(SlidingExtreme.Ties ties) {
        Random random = new Random(42);
        for (int round = 0; round < 400; round++) {
            int window = round < 200 ? 1 + round % 40 : 1 + random.nextInt(600);
            double[] values = values(random, 50 + random.nextInt(2_000), round % 3 == 0);
            SlidingExtreme highest = SlidingExtreme.highest(values, window, ties);
            SlidingExtreme lowest = SlidingExtreme.lowest(values, window, ties);
            for (int today = 0; today < values.length; today++) {
                int trailing = Math.max(0, today - window + 1);
                String at = ties + " window " + window + " round " + round + " at " + today;
                assertEquals(scan(values, trailing, today, true, ties), highest.advance(trailing, today), "highest, " + at);
                assertEquals(scan(values, trailing, today, false, ties), lowest.advance(trailing, today), "lowest, " + at);
            }
        }
    }

    @Test
    void theFirstCallTakesInAWholeWindowAndLaterCallsMaySkipBars() {
        Random random = new Random(7);
        double[] values = values(random, 5_000, false);
        for (SlidingExtreme.Ties ties : SlidingExtreme.Ties.values()) {
            int window = 50;
            SlidingExtreme highest = SlidingExtreme.highest(values, window, ties);
            int today = window - 1;
            while (today < values.length) {
                int trailing = today - window + 1;
                assertEquals(scan(values, trailing, today, true, ties), highest.advance(trailing, today), ties + " at " + today);
                today += 1 + random.nextInt(3 * window);
            }
        }
    }

    @Test
    void aWindowLongerThanTheOneGivenIsRefused() {
        SlidingExtreme highest = SlidingExtreme.highest(new double[10], 3, SlidingExtreme.Ties.NEWEST);
        assertThrows(IllegalArgumentException.class, () -> highest.advance(0, 3));
        assertThrows(IllegalArgumentException.class, () -> SlidingExtreme.lowest(new double[10], 0,
                SlidingExtreme.Ties.OLDEST));
    }

    /** Levels with many ties, or a continuous walk. */
    private static double[] values(Random random, int n, boolean continuous) {
        double[] values = new double[n];
        double walk = 0;
        for (int i = 0; i < n; i++) {
            walk += random.nextGaussian();
            values[i] = continuous ? walk : LEVELS[random.nextInt(LEVELS.length)];
        }
        return values;
    }

    /** The naive answer: the window scanned from its oldest bar. */
    private static int scan(double[] values, int trailing, int today, boolean highest, SlidingExtreme.Ties ties) {
        int best = trailing;
        for (int i = trailing + 1; i <= today; i++) {
            double v = values[i];
            double b = values[best];
            boolean better = highest ? v > b : v < b;
            boolean equal = v == b;
            if (better || equal && ties == SlidingExtreme.Ties.NEWEST) {
                best = i;
            }
        }
        return best;
    }
}
