import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { OpsActions } from './ops-actions.service';
import { OpsController } from './ops.controller';
import { OpsQueues } from './ops-queues.service';
import { OpsService } from './ops.service';
import { QueueBoard } from './queue-board';

@Module({ imports: [AuthModule], controllers: [OpsController], providers: [OpsQueues, OpsService, OpsActions, QueueBoard], exports: [OpsQueues, QueueBoard] })
export class OpsModule {}
