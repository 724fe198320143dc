package com.chartfeed.metrics;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * The Lambda functions' CloudWatch metrics (prefix {@code metrics}), defaulted in {@code application.yml}.
 *
 * @param enabled   whether each Lambda invocation prints its EMF record to stdout
 * @param namespace the CloudWatch namespace of the metrics ({@code METRICS_NAMESPACE})
 * @param stack     the {@code Stack} dimension of every metric ({@code METRICS_STACK}, which the
 *                  template sets to the stack's name): two stacks in one account and namespace
 *                  (dev and prod) then never read each other's figures
 */
@ConfigurationProperties("metrics")
public record MetricsSettings(@Bindable(defaultValue = "true") boolean enabled,
                              @Bindable(defaultValue = "Chartfeed") String namespace,
                              @Bindable(defaultValue = MetricsSettings.NO_STACK) String stack) {

    /** What a blank stack means: the default. CloudWatch refuses a blank dimension, and metrics never stop a function. */
    public static final String NO_STACK = "local";

    public MetricsSettings {
        stack = stack == null || stack.isBlank() ? NO_STACK : stack.strip();
    }
}
