package db.migration;

import io.steadfast.store.internal.ResultsToBlocks;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Steadfast store, version 6: results in blocks. Flyway finds this class by its package and name
 * (version 6, after the SQL migrations V1 to V5); the work is {@link ResultsToBlocks}.
 */
public final class V6__Results_in_blocks extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        ResultsToBlocks.migrate(context.getConnection());
    }
}
