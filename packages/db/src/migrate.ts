import { createDataSource } from './data-source';
import { ensureDatabase } from './ensure-database';

/** Any constant works; it only has to be the same for every Keta process on a database. */
const MIGRATION_LOCK_KEY = 4_242_001;

/**
 * Applies pending migrations, each in its own transaction. An advisory lock makes concurrent starts
 * (api, worker, replicas) safe: the first applies, the others wait and then find nothing to do.
 * Returns the names of the migrations this call applied.
 */
export async function migrate(url: string): Promise<string[]> {
  await ensureDatabase(url);
  const dataSource = createDataSource({ url, poolSize: 2, applicationName: 'keta-migrate' });
  await dataSource.initialize();
  const lock = dataSource.createQueryRunner();
  try {
    await lock.connect();
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lock.release();
    await dataSource.destroy();
  }
}
