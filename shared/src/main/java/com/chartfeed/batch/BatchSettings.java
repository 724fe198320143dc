package com.chartfeed.batch;

import com.chartfeed.settings.Setting;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;

import java.time.Duration;

/**
 * Limits of {@code POST /v1/indicators/batch} (prefix {@code batch}), defaulted in {@code application.yml}.
 *
 * @param maxItems       most requests in one batch
 * @param deadline       after this, unfinished items answer 504 and the finished ones are returned
 * @param lambdaReserve  time kept back from a Lambda's remaining time, to write the response
 */
@Context
@ConfigurationProperties("batch")
public record BatchSettings(int maxItems, Duration deadline, Duration lambdaReserve) {

    public BatchSettings {
        Setting.positive("batch.max-items", maxItems);
        Setting.positive("batch.deadline", deadline);
        Setting.notNegative("batch.lambda-reserve", lambdaReserve);
    }
}
