import { loadConfigOrExit } from '@keta/config';
import { migrate } from '@keta/db';
import { loadApiConfig } from './config/api-config';
import { createApp } from './create-app';

async function main(): Promise<void> {
  const config = loadConfigOrExit(() => loadApiConfig());
  if (config.MIGRATE_ON_START) await migrate(config.DATABASE_URL);
  const app = await createApp(config);
  await app.listen(config.PORT, config.HOST);
}

main().catch((error: unknown) => {
  process.stderr.write(`Keta API failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
