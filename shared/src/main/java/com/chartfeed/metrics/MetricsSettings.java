package com.chartfeed.metrics;

import com.chartfeed.settings.Setting;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;

/**
 * The Lambda functions' CloudWatch metrics (prefix {@code metrics}), defaulted in {@code application.yml}.
 *
 * @param enabled   whether each Lambda invocation prints its EMF record to stdout
 * @param namespace the CloudWatch namespace of the metrics ({@code METRICS_NAMESPACE})
 * @param stack     the {@code Stack} dimension of every metric ({@code METRICS_STACK}, which the
 *                  template sets to the stack's name): two stacks in one account and namespace
 *                  (dev and prod) then never read each other's figures
 */
@Context
@ConfigurationProperties("metrics")
public record MetricsSettings(boolean enabled, String namespace, String stack) {

    /** What a blank stack means: the default. CloudWatch refuses a blank dimension, and metrics never stop a function. */
    public static final String NO_STACK = "local";

    public MetricsSettings {
        Setting.notBlank("metrics.namespace", namespace);
        stack = stack == null || stack.isBlank() ? NO_STACK : stack.strip();
    }
}
