package com.chartfeed.load;

import com.chartfeed.testing.RedisServerProcess;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

class RedisTrafficTest {

    /** What a client reads shows in the output bytes, and the reader's own INFO replies do not. */
    @Test
    void countsWhatClientsReadButNotItsOwnInfo() {
        try (RedisServerProcess redis = RedisServerProcess.start();
             RedisTraffic traffic = RedisTraffic.connect(redis.uri())) {
            redis.command("SET", "k", "x".repeat(10_000));
            RedisTraffic.Bytes before = traffic.read();
            traffic.read();
            traffic.read();
            redis.command("GET", "k");
            RedisTraffic.Bytes delta = traffic.read().minus(before);
            // The GET's reply is "$10000\r\n", the value and "\r\n"; the three INFO replies (about
            // 1 KB each) are not counted.
            assertTrue(delta.output() >= 10_010 && delta.output() < 10_200, "output " + delta.output());
            assertTrue(delta.input() > 0 && delta.input() < 200, "input " + delta.input());
        }
    }
}
