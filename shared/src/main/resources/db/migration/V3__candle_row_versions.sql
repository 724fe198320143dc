-- What changed since a version (for readers that patch what they hold instead of reading the whole
-- history). Runs unchanged on PostgreSQL and on the embedded H2.
--
-- Each candle row carries the version of its (symbol, interval) that last wrote it, set in the same
-- transaction as that version (CandleWriter). A version is taken under the scope's row lock in
-- candle_versions (CandleVersions), so per scope the commit order is the version order, and
-- "version > v" finds every row an upload changed after v. Rows written before this migration, or by
-- someone other than CandleWriter (the ingestion side), are at 0. On PostgreSQL the migration V4
-- indexes the stamped rows (H2 has no partial index; there the primary key's prefix serves).
ALTER TABLE candles ADD COLUMN version BIGINT DEFAULT 0 NOT NULL;

-- The version of the last change that no candle row records: an ingestion event (someone else wrote
-- the candles, without versions) or DELETE /v1/cache. A reader holding an older version cannot learn
-- what changed from the rows, and must read the whole history. Every version made so far was such a
-- change.
ALTER TABLE candle_versions ADD COLUMN full_read_version BIGINT DEFAULT 0 NOT NULL;
UPDATE candle_versions SET full_read_version = version;
