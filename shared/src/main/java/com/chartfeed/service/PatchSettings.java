package com.chartfeed.service;

import com.chartfeed.settings.Setting;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;

/**
 * Tunables of patched loads (prefix {@code cache.patch}), defaulted in {@code application.yml}: a
 * container holding a (symbol, interval) at an older version reads only the candles changed since
 * and patches what it holds, rather than reading the whole history.
 *
 * @param enabled           off: every load reads the whole history, as before patching existed
 * @param maxRows           a delta of more rows is not patched; the history is read whole instead
 * @param l2BaseAfterRows   a patched history goes to Redis (as the new base) only once the rows
 *                          patched since the base this container last stored or started from pass
 *                          this; full loads always go
 * @param liveMaximumWeight bytes of live histories and series (the state patches start from) one
 *                          container keeps, besides L1
 */
@Context
@ConfigurationProperties("cache.patch")
public record PatchSettings(boolean enabled, int maxRows, int l2BaseAfterRows, long liveMaximumWeight) {

    public PatchSettings {
        Setting.notNegative("cache.patch.max-rows", maxRows);
        Setting.notNegative("cache.patch.l2-base-after-rows", l2BaseAfterRows);
        Setting.notNegative("cache.patch.live-maximum-weight", liveMaximumWeight);
    }
}
