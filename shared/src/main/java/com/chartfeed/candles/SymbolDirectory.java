package com.chartfeed.candles;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.micronaut.context.annotation.Value;
import io.micronaut.data.exceptions.DataAccessException;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * Maps canonical symbols to their ids, remembering both hits and misses (see
 * {@link SymbolDirectorySettings}) so repeated chart requests don't query {@code symbols}. A miss
 * is remembered no longer than the staleness budget (whatever {@code candles.symbols.unknown-ttl}
 * says), counted from before the query that found it, so a symbol another container uploads is
 * known here within the budget, as its candles are.
 */
@Singleton
public class SymbolDirectory {
    private static final long UNKNOWN = -1;

    private final SymbolRepository repository;
    private final Cache<String, Found> ids;

    public SymbolDirectory(SymbolRepository repository, SymbolDirectorySettings settings,
                           @Value("${cache.staleness-budget:1s}") Duration stalenessBudget) {
        this.repository = repository;
        // The budget is a deploy parameter (StalenessBudget): a lower one shortens misses with it.
        long unknownNanos = Math.min(settings.unknownTtl().toNanos(), stalenessBudget.toNanos());
        this.ids = Caffeine.newBuilder()
                .maximumSize(settings.maximumSize())
                .expireAfter(Expiry.creating((String symbol, Found found) -> found.id() != UNKNOWN
                        ? settings.knownTtl()
                        : Duration.ofNanos(Math.max(0, unknownNanos - (System.nanoTime() - found.askedAtNanos())))))
                .build();
    }

    /** What a lookup found, and when it asked (a miss counts from then: the symbol may have come since). */
    private record Found(long id, long askedAtNanos) {
    }

    /** The id of a canonical symbol, or empty if no candles were ever stored for it. */
    public OptionalLong find(String symbol) {
        long id = ids.get(symbol, s -> {
            long asked = System.nanoTime();
            return new Found(repository.findBySymbol(s).map(SymbolRow::id).orElse(UNKNOWN), asked);
        }).id();
        return id == UNKNOWN ? OptionalLong.empty() : OptionalLong.of(id);
    }

    /** Forgets every remembered id and miss (SnapStart's priming leaves none in the snapshot). */
    public void forgetAll() {
        ids.invalidateAll();
    }

    /** Every registered symbol, straight from the database. */
    public java.util.List<String> all() {
        java.util.List<String> all = new java.util.ArrayList<>();
        repository.findAll().forEach(row -> all.add(row.symbol()));
        return all;
    }

    /** The id of a canonical symbol, registering it first if it is new. */
    public long findOrCreate(String symbol) {
        OptionalLong known = find(symbol);
        if (known.isPresent()) {
            return known.getAsLong();
        }
        long id;
        try {
            id = repository.save(new SymbolRow(null, symbol)).id();
        } catch (DataAccessException raced) {
            // Another writer registered it between our lookup and insert: the unique key kept one row.
            id = repository.findBySymbol(symbol).map(SymbolRow::id).orElseThrow(() -> raced);
        }
        ids.put(symbol, new Found(id, System.nanoTime()));
        return id;
    }
}
