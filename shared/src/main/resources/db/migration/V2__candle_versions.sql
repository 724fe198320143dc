-- The version of each (symbol, interval): the authority on whether a cached value is current.
-- Versions come from one sequence, so a number is never reused (a cache that forgot or rolled back
-- can never make an old value current again). Runs unchanged on PostgreSQL and on the embedded H2.
CREATE SEQUENCE candle_version_seq START WITH 1;

CREATE TABLE candle_versions (
    symbol     VARCHAR(20) NOT NULL,
    "interval" VARCHAR(3)  NOT NULL,
    version    BIGINT      NOT NULL,
    PRIMARY KEY (symbol, "interval")
);

-- Versions not yet known to have reached Redis (it was unreachable when they were made): any
-- container publishes them once Redis answers again. Usually empty.
CREATE TABLE unpublished_versions (
    symbol     VARCHAR(20) NOT NULL,
    "interval" VARCHAR(3)  NOT NULL,
    version    BIGINT      NOT NULL,
    PRIMARY KEY (symbol, "interval")
);
