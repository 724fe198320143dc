package com.chartfeed.batch;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Limits of {@code POST /v1/indicators/batch}.
 *
 * @param maxItems       most requests in one batch
 * @param deadline       after this, unfinished items answer 504 and the finished ones are returned
 * @param lambdaReserve  time kept back from a Lambda's remaining time, to write the response
 */
@ConfigurationProperties("batch")
public record BatchSettings(
        @Bindable(defaultValue = "10") int maxItems,
        @Bindable(defaultValue = "5s") Duration deadline,
        @Bindable(defaultValue = "300ms") Duration lambdaReserve) {
}
