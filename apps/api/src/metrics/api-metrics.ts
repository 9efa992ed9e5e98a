import { Injectable } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The API's figures for Prometheus: the process's defaults and a histogram of HTTP requests by method, route
 * template (`/referrals/:id`, never the URL with its ids) and status. No PHI: routes are templates only.
 */
@Injectable()
export class ApiMetrics {
  readonly registry = new Registry();
  private readonly requests = new Histogram({
    name: 'keta_api_http_request_duration_seconds',
    help: 'HTTP requests by method, route template and status: time to the last byte of the answer, in seconds',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'keta_api_' });
  }

  /** Express middleware: times each request until its answer is sent. Installed once, first, by createApp. */
  readonly timeHttp = (req: Request, res: Response, next: NextFunction): void => {
    const end = this.requests.startTimer();
    res.once('finish', () => end({ method: req.method, route: routeOf(req), status: String(res.statusCode) }));
    next();
  };
}

/** The matched route's template; requests no route matched (static files, 404s) share one label. */
function routeOf(req: Request): string {
  const path = (req.route as { path?: unknown } | undefined)?.path;
  return typeof path === 'string' ? `${req.baseUrl}${path}` : 'unmatched';
}
