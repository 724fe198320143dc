package com.chartfeed.candles;

import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SymbolNameTest {

    @Test
    void acceptsExactlyWhatThePatternInErrorMessagesDescribes() {
        Pattern pattern = Pattern.compile(SymbolName.PATTERN);
        String alphabet = "AZaz09.-_ /:é\u0000{}\"";
        Random random = new Random(7);
        for (int i = 0; i < 50_000; i++) {
            StringBuilder raw = new StringBuilder();
            int length = random.nextInt(24);
            for (int j = 0; j < length; j++) {
                raw.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String text = raw.toString();
            assertEquals(pattern.matcher(text).matches(), SymbolName.canonical(text).isPresent(), text);
        }
    }

    @Test
    void theCanonicalFormIsUpperCase() {
        assertEquals(Optional.of("BRK.B"), SymbolName.canonical("brk.b"));
        assertEquals(Optional.of("BTC-USD_1"), SymbolName.canonical("btc-usd_1"));
        assertEquals(Optional.empty(), SymbolName.canonical(".AAPL"));
        assertEquals(Optional.empty(), SymbolName.canonical(null));
        assertEquals(Optional.empty(), SymbolName.canonical("A".repeat(21)));
    }
}
