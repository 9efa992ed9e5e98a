import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import { pino } from 'pino';
import type { Options } from 'pino-http';
import type { KetaRequest } from '../auth/principal';

export interface HttpLogging {
  /** For the pino-http middleware that createApp mounts first, so body errors are logged too. */
  pinoHttp: Options;
  /** For nestjs-pino, which reuses that middleware's request logger. */
  nest: Params;
}

/**
 * JSON logs with the request id and the caller's user id (or EHR client id). Never bodies, headers or query strings:
 * they are where PHI and tokens travel.
 */
export function httpLogging(level: string): HttpLogging {
  const pinoHttp: Options = {
    logger: pino({ level }),
    genReqId: (req: IncomingMessage) => (req as KetaRequest).id as string,
    serializers: {
      req: (req: { id: unknown; method: string; url: string }) => ({
        id: req.id,
        method: req.method,
        path: req.url.split('?')[0],
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    customProps: (req: IncomingMessage, _res: ServerResponse) => ({
      userId: (req as KetaRequest).principal?.userId,
      clientId: (req as KetaRequest).ehrClient?.clientId,
    }),
    autoLogging: { ignore: (req: IncomingMessage) => (req.url ?? '').startsWith('/health') },
  };
  return { pinoHttp, nest: { pinoHttp, useExisting: true } };
}
