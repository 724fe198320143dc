package com.chartfeed.load;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RecoveryTest {
    private static Recovery.Sample ok(long at) {
        return new Recovery.Sample(at, true);
    }

    private static Recovery.Sample bad(long at) {
        return new Recovery.Sample(at, false);
    }

    @Test
    void recoveredWhenHealthIsUpAndAnswersAreNormalAgain() {
        List<Recovery.Sample> answers = List.of(bad(105), bad(120), ok(130), ok(150), ok(170));
        List<Recovery.Sample> health = List.of(bad(100), bad(125), ok(140), ok(160));
        assertEquals(OptionalLong.of(40), Recovery.first(100, 200, answers, health));
        assertEquals(OptionalLong.of(40), Recovery.stable(100, 200, answers, health));
    }

    @Test
    void healthUpIsNotEnoughWhileAnswersAreStillAbnormal() {
        List<Recovery.Sample> answers = List.of(bad(110), bad(135), ok(150));
        List<Recovery.Sample> health = List.of(ok(130), ok(145));
        assertEquals(OptionalLong.of(45), Recovery.first(100, 200, answers, health));
    }

    @Test
    void aRelapseMovesTheStableMomentButNotTheFirst() {
        List<Recovery.Sample> answers = List.of(ok(110), ok(130), ok(150), ok(170));
        List<Recovery.Sample> health = List.of(ok(105), bad(140), ok(160), ok(180));
        assertEquals(OptionalLong.of(5), Recovery.first(100, 200, answers, health));
        assertEquals(OptionalLong.of(60), Recovery.stable(100, 200, answers, health));
    }

    @Test
    void stillAbnormalAtTheEndIsNoRecovery() {
        List<Recovery.Sample> answers = List.of(ok(110), bad(190));
        List<Recovery.Sample> health = List.of(bad(105), bad(150));
        assertEquals(OptionalLong.empty(), Recovery.first(100, 200, answers, health));
        assertEquals(OptionalLong.empty(), Recovery.stable(100, 200, answers, health));
    }

    @Test
    void samplesOutsideTheWindowDoNotCount() {
        List<Recovery.Sample> answers = List.of(bad(50), ok(120), bad(250));
        List<Recovery.Sample> health = List.of(bad(90), ok(110), bad(210));
        assertEquals(OptionalLong.of(10), Recovery.first(100, 200, answers, health));
        assertEquals(OptionalLong.of(20), Recovery.stable(100, 200, answers, health));
    }
}
