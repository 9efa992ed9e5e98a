import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { pinoHttp } from 'pino-http';
import { AppModule } from './app.module';
import type { ApiConfig } from './config/api-config';
import { bodyParsers } from './http/body-parsers';
import { cors } from './http/cors';
import { httpLogging } from './http/logger-options';
import { opsConsole, OPS_CONSOLE_PATH } from './http/ops-console';
import { portal, PORTAL_PATH } from './http/portal';
import { PUBLIC_URL_SETTING } from './http/public-origin';
import { requestId } from './http/request-id';
import { securityHeaders } from './http/security-headers';
import { ApiMetrics } from './metrics/api-metrics';
import { serveOpenApi } from './openapi/openapi';
import { QUEUE_BOARD_PATH, QueueBoard } from './ops/queue-board';

/** The API as `main` runs it and as tests boot it: one place sets up the HTTP edge. */
export async function createApp(config: ApiConfig): Promise<NestExpressApplication> {
  const logging = httpLogging(config.LOG_LEVEL);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, logging), {
    bodyParser: false,
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.set('trust proxy', config.TRUST_PROXY);
  app.set(PUBLIC_URL_SETTING, config.PUBLIC_URL);
  app.disable('x-powered-by');
  app.use(app.get(ApiMetrics).timeHttp);
  app.use(requestId, securityHeaders(config.PUBLIC_URL), pinoHttp(logging.pinoHttp), cors(config.CORS_ORIGINS), ...bodyParsers(config.HTTP_BODY_LIMIT_BYTES, config.DOCUMENT_MAX_BYTES));
  app.use(PORTAL_PATH, portal());
  app.use(OPS_CONSOLE_PATH, opsConsole());
  app.use(QUEUE_BOARD_PATH, app.get(QueueBoard).router());
  serveOpenApi(app);
  return app;
}
