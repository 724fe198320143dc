package com.chartfeed.indicators.kernels;

import com.tictactec.ta.lib.Core;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kernel and parameter set against TA-Lib on 100,000-candle random walks. */
class KernelsVersusTaLibTest {

    private static final int CANDLES = 100_000;
    private static final Core TA_LIB = new Core();

    private static final List<Series> WALKS = List.of(
            MarketData.randomWalk("continuous walk", 20240601L, CANDLES, 100.0, 0.002, 0),
            MarketData.randomWalk("tick-rounded walk", 77L, CANDLES, 25.0, 0.003, 0.01));

    static Stream<Arguments> casesOnWalks() {
        return KernelCase.all().stream()
                .flatMap(kernel -> WALKS.stream().map(walk -> Arguments.of(kernel, walk)));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("casesOnWalks")
    void matchesTaLib(KernelCase kernel, Series walk) {
        TaLibComparison.assertMatches(kernel, walk, TA_LIB, -1);
    }
}
