package com.chartfeed.functions.cache;

import com.chartfeed.testing.DeployedWithoutDatabase;
import org.junit.jupiter.api.Test;

/** Deployed without {@code DATASOURCES_DEFAULT_URL}, the function refuses to start (docs/operations.md, "Fail closed"). */
class FailsClosedTest {

    @Test
    void refusesToStartWithoutADatabaseUrl() {
        DeployedWithoutDatabase.assertRefusesToStart(CacheFunction::new);
    }
}
