import { Module } from '@nestjs/common';
import { FeeScheduleController } from './fee-schedule.controller';
import { FeeScheduleService } from './fee-schedule.service';
import { SuperbillController } from './superbill.controller';
import { SuperbillService } from './superbill.service';

/** The fee schedule and the superbill (issue 8). */
@Module({ controllers: [FeeScheduleController, SuperbillController], providers: [FeeScheduleService, SuperbillService] })
export class BillingModule {}
