package com.chartfeed.indicators;

/**
 * One numeric parameter of an indicator: its name in the query string, TA-Lib's default and the
 * accepted bounds (inclusive).
 */
public record ParamSpec(String name, double defaultValue, double min, double max, boolean integer) {

    static ParamSpec period(String name, int defaultValue, int min) {
        return new ParamSpec(name, defaultValue, min, 10_000, true);
    }

    static ParamSpec real(String name, double defaultValue, double min, double max) {
        return new ParamSpec(name, defaultValue, min, max, false);
    }
}
