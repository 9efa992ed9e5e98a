import { databaseConfig, loadConfigOrExit, loadConfig, maskUrl } from '@keta/config';
import { migrate } from '../migrate';

/** `pnpm db:migrate`: applies pending migrations to DATABASE_URL. */
async function main(): Promise<void> {
  const config = loadConfigOrExit(() => loadConfig(databaseConfig));
  const applied = await migrate(config.DATABASE_URL);
  const target = maskUrl(config.DATABASE_URL);
  process.stdout.write(
    applied.length ? `Applied ${applied.join(', ')} to ${target}\n` : `${target} is up to date\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`Migration failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
