import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { SMART_CONFIGURATION_PATHS, sendSmartConfiguration } from '../auth/smart-configuration';
import { TOKEN_PATH, type TokenEndpoint } from '../auth/token-endpoint';
import type { SandboxControlHandler } from '../control/sandbox-control.handler';
import { FHIR_BASE, type FhirHandler } from './fhir.handler';
import { internalError, unknownPath } from './outcomes';
import { requestTarget, type RequestTarget } from './request-target';
import { sendFhir, sendJson } from './send';

interface Handlers {
  fhir: FhirHandler;
  control: SandboxControlHandler;
  token: TokenEndpoint;
  /** The bound address, for a request without a Host header. */
  origin: string;
  logger: Logger;
}

/** Routes by path prefix; logs method, path, status and duration of each request, never bodies or queries. */
export function sandboxListener(handlers: Handlers): RequestListener {
  const { logger } = handlers;
  return (req, res) => {
    const target = requestTarget(req);
    if (target.path !== '/health/live') logWhenClosed(req, res, target.path, logger);
    route(req, res, target, handlers).catch((error: unknown) => fail(res, error, logger));
  };
}

async function route(req: IncomingMessage, res: ServerResponse, target: RequestTarget, handlers: Handlers): Promise<void> {
  const { fhir, control, token, origin } = handlers;
  const { path } = target;
  if (path === '/health/live') return sendJson(res, 200, { status: 'ok' });
  if (path.startsWith('/$sandbox/')) return control.handle(req, res, path);
  if (SMART_CONFIGURATION_PATHS.has(path) && req.method === 'GET') return sendSmartConfiguration(req, res, origin);
  if (path === TOKEN_PATH) return token.handle(req, res);
  if (path === FHIR_BASE || path.startsWith(`${FHIR_BASE}/`)) return fhir.handle(req, res, target);
  sendFhir(res, 404, unknownPath(path));
}

function fail(res: ServerResponse, error: unknown, logger: Logger): void {
  logger.error({ err: error }, 'request failed');
  if (res.headersSent) res.destroy();
  else sendFhir(res, 500, internalError);
}

function logWhenClosed(req: IncomingMessage, res: ServerResponse, path: string, logger: Logger): void {
  const started = performance.now();
  res.once('close', () => {
    const durationMs = Math.round(performance.now() - started);
    logger.info({ method: req.method, path, status: res.statusCode, durationMs, completed: res.writableFinished }, 'request');
  });
}
