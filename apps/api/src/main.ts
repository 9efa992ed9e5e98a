import { loadConfigOrExit } from '@keta/config';
import { migrate } from '@keta/db';
import { stopOnSignals } from '@keta/lifecycle';
import { Logger } from 'nestjs-pino';
import { loadApiConfig } from './config/api-config';
import { createApp } from './create-app';

async function main(): Promise<void> {
  const config = loadConfigOrExit(() => loadApiConfig());
  if (config.MIGRATE_ON_START) await migrate(config.DATABASE_URL);
  const app = await createApp(config);
  await app.listen(config.PORT, config.HOST);
  const logger = app.get(Logger);
  logger.log(`Keta API listening on http://${config.HOST}:${config.PORT}`, 'api');
  stopOnSignals('Keta API', () => app.close(), logger);
}

main().catch((error: unknown) => {
  process.stderr.write(`Keta API failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
