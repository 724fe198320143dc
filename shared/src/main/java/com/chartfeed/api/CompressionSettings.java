package com.chartfeed.api;

import com.chartfeed.settings.Setting;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;

/**
 * When answers are gzipped (prefix {@code responses}), defaulted in {@code application.yml}; the
 * local server's Netty compression takes the same threshold.
 *
 * @param gzipThreshold bytes from which a body is gzipped for a client that accepts it; smaller
 *                      ones gain too little to pay for the compression; negative: never
 * @param gzipLevel     zlib's level, 1 (fastest) to 9 (smallest)
 */
@Context
@ConfigurationProperties("responses")
public record CompressionSettings(int gzipThreshold, int gzipLevel) {

    public CompressionSettings {
        Setting.between("responses.gzip-level", gzipLevel, 1, 9);
    }
}
