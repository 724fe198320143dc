package com.chartfeed.indicators;

import io.micronaut.core.annotation.Nullable;

import java.util.List;
import java.util.Locale;

/**
 * How a chart draws a study (docs/api.md, "How to draw it"): one {@link Plot} per series, in series
 * order, the {@code fills} between two series and the reference {@code levels} of its pane. Given
 * with the study's definition ({@link IndicatorType.Builder}); a line per series unless it says otherwise.
 */
public record Drawing(List<Plot> plots, List<Fill> fills, List<Double> levels) {

    /** What a series is drawn as. */
    public enum Style {
        LINE, HISTOGRAM,
        /** On the candles of the price pane at each non-zero value (positive bullish, negative bearish). */
        MARKERS,
        /** A state that colours or switches another plot ({@link Plot#colorBy()}); never on a price scale. */
        HIDDEN;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One series as drawn. {@code offset}: candles to shift it by (positive ahead), a number or an
     * integer parameter's name with an optional {@code -}. {@code colorBy}: the hidden series whose
     * sign colours it. {@code dots}: a dot per candle rather than a joined line (parabolic SAR).
     * {@code abs}: draw the absolute value (SAREXT reports the SAR negated while short).
     */
    public record Plot(String series, Style style, @Nullable String offset, @Nullable String colorBy, boolean dots,
                       boolean abs) {
    }

    /** Two series whose area between is shaded. */
    public record Fill(String from, String to) {
    }
}
