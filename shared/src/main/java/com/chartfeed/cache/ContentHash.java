package com.chartfeed.cache;

/**
 * The 64-bit content hash behind ETags: the xxHash64 round function folded over a sequence of
 * longs in one lane, finished with the xxHash64 avalanche. Not xxHash64 itself (no stripes, no
 * seed), because all it has to be is fast, deterministic across JVMs and well mixed; it is not
 * cryptographic, and an ETag collision only costs a stale 304 with odds of 2^-64.
 */
final class ContentHash {
    private static final long P1 = 0x9E3779B185EBCA87L;
    private static final long P2 = 0xC2B2AE3D27D4EB4FL;
    private static final long P3 = 0x165667B19E3779F9L;

    private ContentHash() {
    }

    static long start(long domain) {
        return round(P3, domain);
    }

    static long round(long acc, long input) {
        return Long.rotateLeft(acc + input * P2, 31) * P1;
    }

    static long longs(long acc, long[] values, int from, int to) {
        for (int i = from; i < to; i++) {
            acc = round(acc, values[i]);
        }
        return acc;
    }

    /** Raw bits, so NaN payloads and -0.0 hash as what is stored, like the codec keeps them. */
    static long doubles(long acc, double[] values, int from, int to) {
        for (int i = from; i < to; i++) {
            acc = round(acc, Double.doubleToRawLongBits(values[i]));
        }
        return acc;
    }

    static long finish(long acc) {
        acc ^= acc >>> 33;
        acc *= P2;
        acc ^= acc >>> 29;
        acc *= P3;
        acc ^= acc >>> 32;
        return acc;
    }
}
