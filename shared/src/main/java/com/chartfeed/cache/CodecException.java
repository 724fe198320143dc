package com.chartfeed.cache;

/**
 * A cached byte value that {@link ColumnCodec} cannot read: unknown format, wrong kind, truncated
 * or otherwise corrupt. Unchecked, and the only thing decoding throws, so the cache can treat any
 * unreadable Redis value as a miss (and recompute) with a single catch.
 */
final class CodecException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CodecException(String message) {
        super(message);
    }
}
