package com.chartfeed.load;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TickBenchTest {

    @Test
    void nearestRankPercentileIsAMeasuredValue() {
        double[] values = {5, 1, 4, 2, 3, 10, 9, 8, 7, 6};
        assertEquals(5, TickBench.percentile(values, 50));
        assertEquals(9, TickBench.percentile(values, 90));
        assertEquals(10, TickBench.percentile(values, 100));
        assertEquals(7, TickBench.percentile(new double[] {7}, 90));
    }

    @Test
    void symbolsNameTheirHistory() {
        assertEquals("TB1K", TickBench.symbol(1_000));
        assertEquals("TB100K", TickBench.symbol(100_000));
        assertEquals("TB1M", TickBench.symbol(1_000_000));
        assertEquals("TB1500", TickBench.symbol(1_500));
    }
}
