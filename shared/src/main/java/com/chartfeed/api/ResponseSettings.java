package com.chartfeed.api;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Tunables of the answers' bodies (prefix {@code responses}), defaulted in {@code application.yml}.
 *
 * @param renderedBodiesMaximumWeight bytes of recent JSON bodies a container keeps to send again
 *                                    ({@link RenderedBodies}); 0 writes every body afresh
 */
@ConfigurationProperties("responses")
public record ResponseSettings(@Bindable(defaultValue = "16777216") long renderedBodiesMaximumWeight) {
}
