package com.chartfeed.indicators;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Validated parameters in canonical form: every parameter of the indicator present (defaults
 * filled in) in the indicator's fixed order, so equal requests make equal cache keys.
 *
 * @param values one value per {@link IndicatorType#params()}, in that order
 * @param source the price series, or {@code null} for indicators that read OHLCV themselves
 */
public record IndicatorParams(IndicatorType type, double[] values, PriceSource source) {

    /** The parameter {@code name} as a whole number (a period, the index of a choice). */
    public int intValue(String name) {
        return (int) values[index(name)];
    }

    /** The parameter {@code name}. */
    public double value(String name) {
        return values[index(name)];
    }

    /** The {@code period} most studies take. */
    public int period() {
        return intValue("period");
    }

    private int index(String name) {
        List<ParamSpec> specs = type.params();
        for (int i = 0; i < specs.size(); i++) {
            if (specs.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException(type.code() + " has no parameter " + name);
    }

    /**
     * The canonical text, e.g. {@code fast=12,slow=26,signal=9,source=close}; part of cache keys.
     * An anchor at its default is left out (see {@link #shown}).
     */
    public String canonical() {
        StringBuilder text = new StringBuilder(48);
        List<ParamSpec> specs = type.params();
        for (int i = 0; i < values.length; i++) {
            ParamSpec spec = specs.get(i);
            if (!shown(spec, values[i])) {
                continue;
            }
            if (!text.isEmpty()) {
                text.append(',');
            }
            text.append(spec.name()).append('=');
            text.append(!spec.type().choices().isEmpty() ? spec.type().choices().get((int) values[i])
                    : spec.integer() ? Integer.toString((int) values[i]) : Double.toString(values[i]));
        }
        if (source != null) {
            text.append(text.isEmpty() ? "" : ",").append("source=").append(source.code());
        }
        return text.toString();
    }

    /** The parameters as the response's {@code params} object. */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            ParamSpec spec = type.params().get(i);
            if (!shown(spec, values[i])) {
                continue;
            }
            map.put(spec.name(), switch (spec.type()) {
                case INTEGER -> (Object) (int) values[i];
                case REAL -> (Object) values[i];
                case MATYPE, ANCHOR -> spec.type().choices().get((int) values[i]);
            });
        }
        if (source != null) {
            map.put("source", source.code());
        }
        return map;
    }

    /**
     * VWAP's anchor came after VWAP shipped: at its default (the UTC day, VWAP's only anchor before)
     * it stays out of the cache key and the answer, so those of {@code vwap} without it are unchanged.
     */
    private static boolean shown(ParamSpec spec, double value) {
        return spec.type() != ParamSpec.Type.ANCHOR || value != spec.defaultValue();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IndicatorParams p && p.type == type && canonical().equals(p.canonical());
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + canonical().hashCode();
    }

    @Override
    public String toString() {
        return type.code() + "(" + canonical() + ")";
    }
}
