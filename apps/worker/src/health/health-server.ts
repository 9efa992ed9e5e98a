import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Registry, collectDefaultMetrics } from 'prom-client';
import type { DataSource } from 'typeorm';
import { WORKER_CONFIG, type WorkerConfig } from '../config/worker-config';
import { POSTGRES, REDIS } from '../connections/connections';
import { checkReadiness } from './readiness';
import { SyncMetrics } from './sync-metrics';

/** The worker's only HTTP: health for the orchestrator and metrics for Prometheus. No PHI, no routes to data. */
@Injectable()
export class HealthServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('health');
  private readonly metrics = new Registry();
  private server?: Server;

  constructor(
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
    @Inject(POSTGRES) private readonly db: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
    syncMetrics: SyncMetrics,
  ) {
    collectDefaultMetrics({ register: this.metrics, prefix: 'keta_worker_' });
    syncMetrics.register(this.metrics);
  }

  async onApplicationBootstrap(): Promise<void> {
    this.server = createServer((req, res) => void this.answer(req, res));
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject).listen(this.config.WORKER_HEALTH_PORT, this.config.WORKER_HEALTH_HOST, resolve);
    });
    const { address, port } = this.server.address() as AddressInfo;
    this.logger.log(`Health and metrics on http://${address}:${port}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'GET') return send(res, 405, { status: 'method not allowed' });
    if (path === '/health/live') return send(res, 200, { status: 'ok' });
    if (path === '/health/ready') {
      const readiness = await checkReadiness(this.db, this.redis);
      return send(res, readiness.ready ? 200 : 503, { status: readiness.ready ? 'ok' : 'unavailable', checks: readiness.checks });
    }
    if (path === '/metrics') {
      res.writeHead(200, { 'content-type': this.metrics.contentType }).end(await this.metrics.metrics());
      return;
    }
    send(res, 404, { status: 'not found' });
  }
}

function send(res: ServerResponse, status: number, body: object): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
