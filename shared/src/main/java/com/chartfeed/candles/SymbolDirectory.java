package com.chartfeed.candles;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.micronaut.data.exceptions.DataAccessException;
import jakarta.inject.Singleton;

import java.util.OptionalLong;

/**
 * Maps canonical symbols to their ids, remembering both hits and misses (see
 * {@link SymbolDirectorySettings}) so repeated chart requests don't query {@code symbols}.
 */
@Singleton
public class SymbolDirectory {
    private static final long UNKNOWN = -1;

    private final SymbolRepository repository;
    private final Cache<String, Long> ids;

    public SymbolDirectory(SymbolRepository repository, SymbolDirectorySettings settings) {
        this.repository = repository;
        this.ids = Caffeine.newBuilder()
                .maximumSize(settings.maximumSize())
                .expireAfter(Expiry.creating((String symbol, Long id) ->
                        id == UNKNOWN ? settings.unknownTtl() : settings.knownTtl()))
                .build();
    }

    /** The id of a canonical symbol, or empty if no candles were ever stored for it. */
    public OptionalLong find(String symbol) {
        long id = ids.get(symbol, s -> repository.findBySymbol(s).map(SymbolRow::id).orElse(UNKNOWN));
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
        ids.put(symbol, id);
        return id;
    }
}
