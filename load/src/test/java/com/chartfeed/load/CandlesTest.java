package com.chartfeed.load;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CandlesTest {

    /** The server rejects a whole upload for one bad candle; the generator must never make one. */
    @Test
    void randomWalkPassesTheServersUploadRules() throws Exception {
        Candles candles = Candles.randomWalk(7, 3_600, Candles.LAST_OPEN, 5_000);
        JsonNode json = ChartApi.JSON.readTree(candles.toJson());
        long previous = -1;
        for (int i = 0; i < 5_000; i++) {
            long t = json.get("t").get(i).asLong();
            double o = json.get("o").get(i).asDouble();
            double h = json.get("h").get(i).asDouble();
            double l = json.get("l").get(i).asDouble();
            double c = json.get("c").get(i).asDouble();
            assertEquals(0, t % 3_600);
            assertTrue(t > previous);
            assertTrue(h >= Math.max(o, c) && h >= l && l <= Math.min(o, c) && l > 0, "candle " + i);
            previous = t;
        }
        assertEquals(Candles.LAST_OPEN, previous);
    }

    @Test
    void sameSeedSameCandlesSoRerunsRewriteTheSameRows() {
        assertArrayEquals(Candles.randomWalk(3, 60, Candles.LAST_OPEN, 100).toJson(),
                Candles.randomWalk(3, 60, Candles.LAST_OPEN, 100).toJson());
    }

    @Test
    void chunksCoverEveryCandleOnce() {
        Candles candles = Candles.randomWalk(1, 60, Candles.LAST_OPEN, 120_001);
        assertEquals(3, candles.chunks(Candles.MAX_PER_REQUEST).size());
        assertEquals(120_001, candles.chunks(Candles.MAX_PER_REQUEST).stream().mapToInt(Candles::size).sum());
    }

    @Test
    void liveCandleIsValid() {
        for (long seed = 0; seed < 1_000; seed++) {
            Candles next = Candles.next(seed, Candles.LAST_OPEN + 60, 123.4567);
            assertEquals(1, next.size());
            assertTrue(next.lastClose() > 0);
        }
    }

    @Test
    void copyRowsHoldEveryCandleExactly() {
        Candles candles = Candles.randomWalk(5, 60, Candles.LAST_OPEN, 3);
        StringBuilder rows = new StringBuilder();
        candles.appendCopyRows(rows, 42, "1m", 1, 3);
        String[] lines = rows.toString().split("\n");
        assertEquals(2, lines.length);
        String[] last = lines[1].split("\t");
        assertEquals("42", last[0]);
        assertEquals("1m", last[1]);
        assertEquals(Candles.LAST_OPEN, Long.parseLong(last[2]));
        assertEquals(candles.lastClose(), Double.parseDouble(last[6]));
        assertEquals(candles.volume(), Double.parseDouble(last[7]));
    }
}
