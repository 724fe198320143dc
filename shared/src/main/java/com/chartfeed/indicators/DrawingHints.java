package com.chartfeed.indicators;

import io.micronaut.core.annotation.Nullable;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static java.util.Map.entry;

/**
 * How a chart draws each study (API.md, "How to draw it"): one {@link Plot} per series, the
 * reference {@code levels} of its pane and the {@code fills} between two series. Every study gets
 * a line per series (candlestick patterns: markers on the candles); {@link #HINTS}, keyed by study
 * name, says what differs. Kept apart from {@link Catalogue} so what a study computes and how it
 * looks change independently; checked against the catalogue when first used, so a misspelt name
 * fails at start-up rather than silently drawing a study plain.
 */
public final class DrawingHints {
    /** What a series is drawn as. */
    public enum Style {
        LINE, HISTOGRAM,
        /** On the candles of the price pane at each non-zero value (positive bullish, negative bearish). */
        MARKERS,
        /** A state that colours or switches another plot ({@link Plot#colorBy()}); never on a price scale. */
        HIDDEN;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
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

    /** A study's plots (one per series, in series order), fills and levels. */
    public record Drawing(List<Plot> plots, List<Fill> fills, List<Double> levels) {
    }

    private static final List<Double> ZERO = List.of(0.0);

    /**
     * What differs from a line per series, by study name. Levels are the ones chart packages and
     * trading texts draw by default; a study without a convention has none.
     */
    private static final Map<String, UnaryOperator<Builder>> HINTS = Map.ofEntries(
            // Channels: the band between the outer lines is shaded.
            entry("bbands", d -> d.fill("upper", "lower")),
            entry("keltner", d -> d.fill("upper", "lower")),
            entry("donchian", d -> d.fill("upper", "lower")),
            // Data undisplaced (README, Ichimoku): the cloud is drawn kijun candles ahead, the lagging span behind.
            entry("ichimoku", d -> d.offset("senkoua", "kijun").offset("senkoub", "kijun").offset("chikou", "-kijun")
                    .fill("senkoua", "senkoub")),
            entry("supertrend", d -> d.style("direction", Style.HIDDEN).colorBy("value", "direction")),
            entry("sar", d -> d.dots("value")),
            entry("sarext", d -> d.dots("value").abs("value")),
            entry("macd", d -> d.style("hist", Style.HISTOGRAM).levels(ZERO)),
            entry("macdext", d -> d.style("hist", Style.HISTOGRAM).levels(ZERO)),
            entry("macdfix", d -> d.style("hist", Style.HISTOGRAM).levels(ZERO)),
            entry("apo", d -> d.levels(ZERO)),
            entry("ppo", d -> d.levels(ZERO)),
            entry("rsi", d -> d.levels(List.of(30.0, 70.0))),
            entry("stoch", d -> d.levels(List.of(20.0, 80.0))),
            entry("stochf", d -> d.levels(List.of(20.0, 80.0))),
            entry("stochrsi", d -> d.levels(List.of(20.0, 80.0))),
            entry("cci", d -> d.levels(List.of(-100.0, 100.0))),
            entry("willr", d -> d.levels(List.of(-80.0, -20.0))),
            entry("mfi", d -> d.levels(List.of(20.0, 80.0))),
            entry("ultosc", d -> d.levels(List.of(30.0, 70.0))),
            entry("cmo", d -> d.levels(List.of(-50.0, 50.0))),
            // Wilder's threshold of a trending market.
            entry("adx", d -> d.levels(List.of(25.0))),
            entry("adxr", d -> d.levels(List.of(25.0))),
            entry("aroonosc", d -> d.levels(ZERO)),
            entry("bop", d -> d.levels(ZERO)),
            entry("mom", d -> d.levels(ZERO)),
            entry("roc", d -> d.levels(ZERO)),
            entry("rocp", d -> d.levels(ZERO)),
            entry("rocr", d -> d.levels(List.of(1.0))),
            entry("rocr100", d -> d.levels(List.of(100.0))),
            entry("trix", d -> d.levels(ZERO)),
            entry("adosc", d -> d.levels(ZERO)),
            // 1 (trend) or 0 (cycle): a state read best as columns.
            entry("ht_trendmode", d -> d.style("value", Style.HISTOGRAM)));

    static {
        for (String name : HINTS.keySet()) {
            Catalogue.find(name).ifPresentOrElse(DrawingHints::of, () -> {
                throw new IllegalStateException("drawing hints for " + name + ", which the catalogue lacks");
            });
        }
    }

    private DrawingHints() {
    }

    /** How to draw {@code type}. */
    public static Drawing of(IndicatorType type) {
        Builder builder = new Builder(type);
        UnaryOperator<Builder> hint = HINTS.get(type.code());
        return (hint == null ? builder : hint.apply(builder)).build();
    }

    /** A study's plots as they are being described: a line (or markers) per series to start with. */
    private static final class Builder {
        private final IndicatorType type;
        private final List<Plot> plots = new ArrayList<>();
        private final List<Fill> fills = new ArrayList<>();
        private List<Double> levels = List.of();

        Builder(IndicatorType type) {
            this.type = type;
            Style style = switch (type.kind()) {
                case "pattern" -> Style.MARKERS;
                case "histogram" -> Style.HISTOGRAM;
                default -> Style.LINE;
            };
            type.outputs().forEach(series -> plots.add(new Plot(series, style, null, null, false, false)));
        }

        Builder style(String series, Style style) {
            return change(series, p -> new Plot(p.series(), style, p.offset(), p.colorBy(), p.dots(), p.abs()));
        }

        Builder offset(String series, String offset) {
            String param = offset.startsWith("-") ? offset.substring(1) : offset;
            if (type.params().stream().noneMatch(spec -> spec.name().equals(param) && spec.type() == ParamSpec.Type.INTEGER)) {
                throw new IllegalStateException(type + " has no integer parameter " + param);
            }
            return change(series, p -> new Plot(p.series(), p.style(), offset, p.colorBy(), p.dots(), p.abs()));
        }

        Builder colorBy(String series, String state) {
            index(state);
            return change(series, p -> new Plot(p.series(), p.style(), p.offset(), state, p.dots(), p.abs()));
        }

        Builder dots(String series) {
            return change(series, p -> new Plot(p.series(), p.style(), p.offset(), p.colorBy(), true, p.abs()));
        }

        Builder abs(String series) {
            return change(series, p -> new Plot(p.series(), p.style(), p.offset(), p.colorBy(), p.dots(), true));
        }

        Builder fill(String from, String to) {
            index(from);
            index(to);
            fills.add(new Fill(from, to));
            return this;
        }

        Builder levels(List<Double> levels) {
            this.levels = levels;
            return this;
        }

        Drawing build() {
            return new Drawing(List.copyOf(plots), List.copyOf(fills), levels);
        }

        private Builder change(String series, UnaryOperator<Plot> change) {
            int at = index(series);
            plots.set(at, change.apply(plots.get(at)));
            return this;
        }

        private int index(String series) {
            int at = type.outputs().indexOf(series);
            if (at < 0) {
                throw new IllegalStateException(type + " has no series " + series);
            }
            return at;
        }
    }
}
