package com.chartfeed.indicators;

import com.chartfeed.indicators.kernels.Vwap;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One parameter of an indicator: its name in the query string, its type, TA-Lib's default and the
 * accepted bounds (inclusive). A {@link Type#MATYPE} holds the index into {@link #MA_TYPES}, which
 * is TA-Lib's own {@code MAType} order; an {@link Type#ANCHOR} the index into {@link #ANCHORS}.
 */
public record ParamSpec(String name, Type type, double defaultValue, double min, double max) {
    /** Moving-average kinds, in TA-Lib's {@code MAType} order (the index is what TA-Lib takes). */
    public static final List<String> MA_TYPES = List.of("sma", "ema", "wma", "dema", "tema", "trima", "kama",
            "mama", "t3");
    /** VWAP's anchors, in {@link Vwap.Anchor}'s order. */
    public static final List<String> ANCHORS = Arrays.stream(Vwap.Anchor.values())
            .map(anchor -> anchor.name().toLowerCase(Locale.ROOT)).toList();

    /** The value kinds a parameter can have, named as the catalogue names them. */
    public enum Type {
        INTEGER("integer"), REAL("real"), MATYPE("matype"), ANCHOR("anchor");

        private final String code;

        Type(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        /** The names a value of this type is chosen from (its index is the value), or none. */
        public List<String> choices() {
            return switch (this) {
                case MATYPE -> MA_TYPES;
                case ANCHOR -> ANCHORS;
                default -> List.of();
            };
        }
    }

    /** Whether values are whole numbers (integers and the indices of choices). */
    public boolean integer() {
        return type != Type.REAL;
    }

    static ParamSpec period(String name, int defaultValue, int min, int max) {
        return new ParamSpec(name, Type.INTEGER, defaultValue, min, max);
    }

    static ParamSpec real(String name, double defaultValue, double min, double max) {
        return new ParamSpec(name, Type.REAL, defaultValue, min, max);
    }

    static ParamSpec maType(String name, int defaultValue) {
        return new ParamSpec(name, Type.MATYPE, defaultValue, 0, MA_TYPES.size() - 1);
    }

    static ParamSpec anchor(String name) {
        return new ParamSpec(name, Type.ANCHOR, 0, 0, ANCHORS.size() - 1);
    }
}
