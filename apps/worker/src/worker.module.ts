import { Module, type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { WorkerConfig } from './config/worker-config';
import { AlertChecker } from './alerts/alert-checker';
import { ConnectionsModule } from './connections/connections.module';
import { HealthServer } from './health/health-server';
import { SyncMetrics } from './health/sync-metrics';
import { ReconcileModule } from './reconcile/reconcile.module';
import { SyncModule } from './sync/sync.module';

@Module({})
export class WorkerModule {
  static forRoot(config: WorkerConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [LoggerModule.forRoot({ pinoHttp: { level: config.LOG_LEVEL } }), ConnectionsModule.forRoot(config), SyncModule, ReconcileModule],
      providers: [HealthServer, SyncMetrics, AlertChecker],
    };
  }
}
