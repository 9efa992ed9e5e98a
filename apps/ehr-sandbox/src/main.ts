import { loadConfigOrExit } from '@keta/config';
import { stopOnSignals } from '@keta/lifecycle';
import { pino } from 'pino';
import { loadSandboxConfig } from './config/sandbox-config';
import { startSandbox } from './start-sandbox';

/** The sandbox EHR as a process: a FHIR R4 server in memory that stops cleanly on SIGTERM or SIGINT. */
async function main(): Promise<void> {
  const config = loadConfigOrExit(() => loadSandboxConfig());
  const logger = pino({ level: config.LOG_LEVEL });
  const sandbox = await startSandbox({
    host: config.SANDBOX_HOST,
    port: config.SANDBOX_PORT,
    latencyMs: config.SANDBOX_LATENCY_MS,
    logLevel: config.LOG_LEVEL,
  });
  logger.info(`Keta EHR sandbox listening on ${sandbox.baseUrl}`);
  stopOnSignals('Keta EHR sandbox', () => sandbox.close(), { log: (message) => logger.info(message) });
}

main().catch((error: unknown) => {
  process.stderr.write(`Keta EHR sandbox failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
