import { Module } from '@nestjs/common';
import { EhrSyncProcessor } from './ehr-sync.processor';
import { OutboxRelay } from './outbox-relay.service';
import { SyncActivity } from './sync-activity';
import { SyncQueues } from './sync-queues.service';

@Module({ providers: [EhrSyncProcessor, SyncQueues, OutboxRelay, SyncActivity], exports: [SyncActivity, SyncQueues] })
export class SyncModule {}
