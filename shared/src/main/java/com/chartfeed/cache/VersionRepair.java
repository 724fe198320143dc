package com.chartfeed.cache;

/**
 * Publishes the versions that did not reach Redis when they were made ({@link RedisVersionRepair});
 * without Redis there is nothing to publish them to ({@link NoRedis}).
 */
interface VersionRepair {

    /** Starts a repair in the background if Redis just came back or the interval has passed; one comparison otherwise. */
    void maybeRun();
}
