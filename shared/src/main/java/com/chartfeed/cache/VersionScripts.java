package com.chartfeed.cache;

/**
 * The Lua scripts through which generations are read and written in Redis, and values stored. A generation is
 * stored as {@code <version>:<identity>}, where the identity is the Redis server's {@code run_id}
 * and {@code master_replid} when it was written: both are new after every restart and every
 * failover, so a generation that survived in a snapshot or on a replica that missed later writes
 * reads as unknown, never as current. ({@code FLUSHALL} and eviction make it absent: unknown too.)
 * An unknown generation is then read from PostgreSQL, which holds the versions.
 *
 * <p>{@code INFO} is allowed inside scripts (checked on Redis 7.0); a script's keys all carry one
 * symbol's hash tag, so in a cluster each script runs on the one node that owns them.
 */
final class VersionScripts {
    /** Lua: this server's identity, {@code run_id:master_replid}. */
    private static final String IDENTITY = """
            local server = redis.call('INFO', 'server')
            local replication = redis.call('INFO', 'replication')
            local id = string.match(server, 'run_id:(%x+)') .. ':' .. (string.match(replication, 'master_replid:(%x+)') or '')
            """;

    /**
     * KEYS: {@code ARGV[1]} generation keys, then value keys. Returns the identity, then each
     * generation's version ({@code -1} when absent or written by another identity), then each value
     * (nil when absent): one round trip for generations and values.
     */
    static final String READ = IDENTITY + """
            local n = tonumber(ARGV[1])
            local out = {id}
            local found = redis.call('MGET', unpack(KEYS))
            for i = 1, #KEYS do
              local v = found[i]
              if i <= n then
                local version, stamp = nil, nil
                if v then version, stamp = string.match(v, '^(%d+):(.*)$') end
                if version and stamp == id then out[i + 1] = version else out[i + 1] = '-1' end
              else
                out[i + 1] = v
              end
            end
            return out
            """;

    /**
     * KEYS: generation keys; ARGV: their versions, then the identity the caller saw ({@code ''}: any),
     * then how long a generation is kept (ms). Each generation becomes the larger of what it holds
     * and the new version (a slow writer never moves it back); one written by another identity is
     * replaced; either way it expires that long after this publication, so no generation outlives
     * the values that can carry it by more than that. Returns the number of replicas connected to
     * this server (whom the caller then {@code WAIT}s for), or -1, having written nothing, when the
     * server is no longer the one the caller saw: a version read from PostgreSQL before a restart
     * must not be stamped as current by the new server.
     */
    static final String PUBLISH = IDENTITY + """
            local expected = ARGV[#KEYS + 1]
            local keep = ARGV[#KEYS + 2]
            if expected ~= '' and expected ~= id then return -1 end
            for i = 1, #KEYS do
              local cur = redis.call('GET', KEYS[i])
              local version, stamp = nil, nil
              if cur then version, stamp = string.match(cur, '^(%d+):(.*)$') end
              if version and stamp == id and tonumber(version) >= tonumber(ARGV[i]) then
                redis.call('PEXPIRE', KEYS[i], keep)
              else
                redis.call('SET', KEYS[i], ARGV[i] .. ':' .. id, 'PX', keep)
              end
            end
            return tonumber(string.match(replication, 'connected_slaves:(%d+)') or '0')
            """;

    /**
     * KEYS: a value key, its scope's generation key; ARGV: the value, its version, its retention in
     * milliseconds. Writes the value unless its version is older than the one in the value stored
     * (the {@link ColumnCodec} header: format, kind, then the version as a little-endian int64) or
     * the one in the generation (whatever its stamp: versions never go back, so a value older than
     * any version ever published is not current). 1 if written.
     */
    static final String STORE = """
            local version = tonumber(ARGV[2])
            local gen = redis.call('GET', KEYS[2])
            if gen then
              local published = tonumber(string.match(gen, '^(%d+)'))
              if published and published > version then return 0 end
            end
            local held = redis.call('GET', KEYS[1])
            if held and #held >= 10 and (string.byte(held, 1) == 1 or string.byte(held, 1) == 2) then
              local stored = 0
              for i = 10, 3, -1 do stored = stored * 256 + string.byte(held, i) end
              if stored > version then return 0 end
            end
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3])
            return 1
            """;

    private VersionScripts() {
    }

    /** The version in a stored generation ({@code <version>:<identity>}), whatever its identity; 0 if none. */
    static long versionOf(byte[] stored) {
        if (stored == null) {
            return 0;
        }
        long version = 0;
        for (byte b : stored) {
            if (b < '0' || b > '9') {
                break;
            }
            version = version * 10 + (b - '0');
        }
        return version;
    }
}
