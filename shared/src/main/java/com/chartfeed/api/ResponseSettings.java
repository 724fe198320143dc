package com.chartfeed.api;

import com.chartfeed.settings.Setting;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;

/**
 * Tunables of the answers' bodies (prefix {@code responses}), defaulted in {@code application.yml}.
 *
 * @param renderedBodiesMaximumWeight bytes of recent JSON bodies a container keeps to send again
 *                                    ({@link RenderedBodies}); 0 writes every body afresh
 */
@Context
@ConfigurationProperties("responses")
public record ResponseSettings(long renderedBodiesMaximumWeight) {

    public ResponseSettings {
        Setting.notNegative("responses.rendered-bodies-maximum-weight", renderedBodiesMaximumWeight);
    }
}
