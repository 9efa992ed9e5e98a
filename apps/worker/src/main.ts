import { loadConfigOrExit } from '@keta/config';
import { migrate } from '@keta/db';
import { stopOnSignals } from '@keta/lifecycle';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { loadWorkerConfig } from './config/worker-config';
import { WorkerModule } from './worker.module';

/** The worker process: an application context (no public HTTP) that stops cleanly on SIGTERM or SIGINT. */
async function main(): Promise<void> {
  const config = loadConfigOrExit(() => loadWorkerConfig());
  if (config.MIGRATE_ON_START) await migrate(config.DATABASE_URL);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { bufferLogs: true, abortOnError: false });
  const logger = app.get(Logger);
  app.useLogger(logger);
  await app.init();
  logger.log('Keta worker started', 'worker');
  stopOnSignals('Keta worker', () => app.close(), logger);
}

main().catch((error: unknown) => {
  process.stderr.write(`Keta worker failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
