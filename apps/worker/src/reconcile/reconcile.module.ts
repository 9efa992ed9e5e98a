import { Module } from '@nestjs/common';
import { EhrReconcileQueue } from './ehr-reconcile-queue.service';
import { EhrReconciliation } from './ehr-reconciliation.service';

@Module({ providers: [EhrReconciliation, EhrReconcileQueue], exports: [EhrReconciliation, EhrReconcileQueue] })
export class ReconcileModule {}
