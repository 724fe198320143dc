package com.chartfeed.candles;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.Optional;

/** The {@code symbols} table. Only {@link SymbolDirectory} uses it, so that lookups are cached. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface SymbolRepository extends CrudRepository<SymbolRow, Long> {

    Optional<SymbolRow> findBySymbol(String symbol);
}
