package com.chartfeed.candles;

import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** A row of {@code symbols}: candles refer to a symbol by this id. */
@MappedEntity("symbols")
public record SymbolRow(@Id @GeneratedValue Long id, String symbol) {
}
