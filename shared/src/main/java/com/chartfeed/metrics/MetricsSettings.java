package com.chartfeed.metrics;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * The Lambda functions' CloudWatch metrics (prefix {@code metrics}), defaulted in {@code application.yml}.
 *
 * @param enabled   whether each Lambda invocation prints its EMF record to stdout
 * @param namespace the CloudWatch namespace of the metrics ({@code METRICS_NAMESPACE})
 */
@ConfigurationProperties("metrics")
public record MetricsSettings(@Bindable(defaultValue = "true") boolean enabled,
                              @Bindable(defaultValue = "Chartfeed") String namespace) {
}
