package com.chartfeed.indicators;

import com.chartfeed.candles.CandleColumns;
import com.tictactec.ta.lib.CoreAnnotated;
import com.tictactec.ta.lib.MAType;
import com.tictactec.ta.lib.MInteger;
import com.tictactec.ta.lib.RetCode;
import com.tictactec.ta.lib.meta.annotation.FuncInfo;
import com.tictactec.ta.lib.meta.annotation.InputFlags;
import com.tictactec.ta.lib.meta.annotation.InputParameterInfo;
import com.tictactec.ta.lib.meta.annotation.InputParameterType;
import com.tictactec.ta.lib.meta.annotation.OptInputParameterInfo;
import com.tictactec.ta.lib.meta.annotation.OutputParameterInfo;
import com.tictactec.ta.lib.meta.annotation.OutputParameterType;

import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One function of TA-Lib's Java port, called over a whole history by reflection on {@link CoreAnnotated}
 * (the metadata's own generic call, {@code CoreMetaData.callFunc}, keeps its arguments in a handle shared
 * by all threads, so it cannot serve concurrent requests). The reflective call costs a few hundred
 * nanoseconds per series; the series is what costs.
 */
final class TaLibFunction {
    /** TA-Lib's functions keep no state between calls; its settings (unstable periods, candle settings) stay at their defaults. */
    private static final CoreAnnotated CORE = new CoreAnnotated();
    private static final Map<String, Method> METHODS = methods();
    private static final int[] PRICE_FLAGS = {InputFlags.TA_IN_PRICE_OPEN, InputFlags.TA_IN_PRICE_HIGH,
            InputFlags.TA_IN_PRICE_LOW, InputFlags.TA_IN_PRICE_CLOSE, InputFlags.TA_IN_PRICE_VOLUME};
    private static final List<String> PRICE_NAMES = List.of("open", "high", "low", "close", "volume");

    private final FuncInfo info;
    private final Method function;
    private final Method lookback;
    /** Per expanded input argument: index into open, high, low, close, volume, or -1 for the source series. */
    private final int[] inputs;
    private final OptInputParameterInfo[] options;
    private final boolean[] integerOutputs;

    private TaLibFunction(FuncInfo info, Method function, Method lookback, int[] inputs,
                          OptInputParameterInfo[] options, boolean[] integerOutputs) {
        this.info = info;
        this.function = function;
        this.lookback = lookback;
        this.inputs = inputs;
        this.options = options;
        this.integerOutputs = integerOutputs;
    }

    /** The function TA-Lib names {@code name} (e.g. {@code CDLENGULFING}). */
    static TaLibFunction named(String name) {
        Method function = METHODS.get(name);
        if (function == null) {
            throw new IllegalArgumentException("TA-Lib has no function " + name);
        }
        FuncInfo info = function.getAnnotation(FuncInfo.class);
        Method lookback;
        try {
            lookback = CoreAnnotated.class.getMethod(function.getName() + "Lookback",
                    optionTypes(function, info));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("TA-Lib's " + name + " has no lookback", e);
        }
        List<Integer> inputs = new ArrayList<>();
        List<OptInputParameterInfo> options = new ArrayList<>();
        List<Boolean> integerOutputs = new ArrayList<>();
        for (Annotation[] annotations : function.getParameterAnnotations()) {
            for (Annotation annotation : annotations) {
                if (annotation instanceof InputParameterInfo input) {
                    if (input.type() == InputParameterType.TA_Input_Price) {
                        for (int i = 0; i < PRICE_FLAGS.length; i++) {
                            if ((input.flags() & PRICE_FLAGS[i]) != 0) {
                                inputs.add(i);
                            }
                        }
                    } else if (input.type() == InputParameterType.TA_Input_Real) {
                        inputs.add(-1);
                    } else {
                        throw new IllegalArgumentException(name + " takes an integer series");
                    }
                } else if (annotation instanceof OptInputParameterInfo option) {
                    options.add(option);
                } else if (annotation instanceof OutputParameterInfo output) {
                    integerOutputs.add(output.type() == OutputParameterType.TA_Output_Integer);
                }
            }
        }
        boolean[] integers = new boolean[integerOutputs.size()];
        for (int i = 0; i < integers.length; i++) {
            integers[i] = integerOutputs.get(i);
        }
        return new TaLibFunction(info, function, lookback, inputs.stream().mapToInt(Integer::intValue).toArray(),
                options.toArray(OptInputParameterInfo[]::new), integers);
    }

    /** Every function TA-Lib's metadata describes, by its TA-Lib name. */
    static List<String> names() {
        return METHODS.keySet().stream().sorted().toList();
    }

    FuncInfo info() {
        return info;
    }

    /** Whether one input is a single series ({@code source=}) rather than candle columns. */
    boolean takesSource() {
        for (int input : inputs) {
            if (input < 0) {
                return true;
            }
        }
        return false;
    }

    /** The candle columns read, in open, high, low, close, volume order; {@code close} for a source series. */
    List<String> inputNames() {
        boolean[] used = new boolean[PRICE_NAMES.size()];
        for (int input : inputs) {
            used[input < 0 ? 3 : input] = true;
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < used.length; i++) {
            if (used[i]) {
                names.add(PRICE_NAMES.get(i));
            }
        }
        return names;
    }

    int lookback(double[] params) {
        try {
            return (Integer) lookback.invoke(CORE, options(params));
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("TA-Lib " + info.name() + " lookback", e);
        }
    }

    /**
     * Runs the function over the whole history: one column per output, NaN during the warm-up;
     * integer outputs (candlestick patterns, trend mode) as doubles.
     */
    double[][] compute(CandleColumns candles, double[] source, double[] params) {
        int n = candles.size();
        double[][] out = new double[integerOutputs.length][];
        if (n == 0) {
            Arrays.setAll(out, i -> new double[0]);
            return out;
        }
        Object[] outputs = new Object[integerOutputs.length];
        for (int i = 0; i < outputs.length; i++) {
            outputs[i] = integerOutputs[i] ? new int[n] : new double[n];
        }
        MInteger begin = new MInteger();
        MInteger count = new MInteger();
        Object[] args = new Object[2 + inputs.length + options.length + 2 + outputs.length];
        int a = 0;
        args[a++] = 0;
        args[a++] = n - 1;
        for (int input : inputs) {
            args[a++] = input < 0 ? source : column(candles, input);
        }
        Object[] options = options(params);
        System.arraycopy(options, 0, args, a, options.length);
        a += options.length;
        args[a++] = begin;
        args[a++] = count;
        System.arraycopy(outputs, 0, args, a, outputs.length);
        RetCode code;
        try {
            code = (RetCode) function.invoke(CORE, args);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("TA-Lib " + info.name(), e);
        }
        if (code != RetCode.Success) {
            throw new IllegalStateException("TA-Lib " + info.name() + " " + Arrays.toString(params) + ": " + code);
        }
        for (int i = 0; i < outputs.length; i++) {
            out[i] = aligned(outputs[i], begin.value, count.value, n);
        }
        return out;
    }

    /** TA-Lib writes its {@code count} values from index 0; move them to their candles, NaN before. */
    private static double[] aligned(Object output, int begin, int count, int n) {
        double[] column;
        if (output instanceof int[] integers) {
            column = new double[n];
            for (int i = 0; i < count; i++) {
                column[begin + i] = integers[i];
            }
        } else {
            column = (double[]) output;
            System.arraycopy(column, 0, column, begin, count);
        }
        Arrays.fill(column, 0, count == 0 ? n : begin, Double.NaN);
        return column;
    }

    private Object[] options(double[] params) {
        Object[] values = new Object[options.length];
        for (int i = 0; i < options.length; i++) {
            values[i] = switch (options[i].type()) {
                case TA_OptInput_IntegerRange -> (int) params[i];
                case TA_OptInput_IntegerList -> MAType.values()[(int) params[i]];
                case TA_OptInput_RealRange, TA_OptInput_RealList -> params[i];
            };
        }
        return values;
    }

    private static double[] column(CandleColumns candles, int index) {
        return switch (index) {
            case 0 -> candles.o();
            case 1 -> candles.h();
            case 2 -> candles.l();
            case 3 -> candles.c();
            default -> candles.v();
        };
    }

    private static Class<?>[] optionTypes(Method function, FuncInfo info) {
        Class<?>[] all = function.getParameterTypes();
        // (startIdx, endIdx, inputs..., options..., outBegIdx, outNBElement, outputs...)
        int end = all.length - 2 - info.nbOutput();
        return Arrays.copyOfRange(all, end - info.nbOptInput(), end);
    }

    private static Map<String, Method> methods() {
        Map<String, Method> methods = new HashMap<>();
        for (Method method : CoreAnnotated.class.getMethods()) {
            FuncInfo info = method.getAnnotation(FuncInfo.class);
            if (info != null) {
                methods.put(info.name(), method);
            }
        }
        return methods;
    }
}
