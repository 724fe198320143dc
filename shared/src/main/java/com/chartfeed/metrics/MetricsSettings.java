package com.chartfeed.metrics;

import com.chartfeed.settings.Setting;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;

/**
 * The Lambda functions' CloudWatch metrics (prefix {@code metrics}), defaulted in {@code application.yml}.
 *
 * @param enabled   whether each Lambda invocation prints its EMF record to stdout
 * @param namespace the CloudWatch namespace of the metrics ({@code METRICS_NAMESPACE})
 */
@Context
@ConfigurationProperties("metrics")
public record MetricsSettings(boolean enabled, String namespace) {

    public MetricsSettings {
        Setting.notBlank("metrics.namespace", namespace);
    }
}
