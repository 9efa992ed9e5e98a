import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AuditEventsController } from './audit-events.controller';
import { AuditInterceptor } from './audit.interceptor';
import { AuditTrail } from './audit-trail.service';
import { AuditedChange } from './audited-change.service';

@Global()
@Module({
  controllers: [AuditEventsController],
  providers: [AuditTrail, AuditedChange, { provide: APP_INTERCEPTOR, useClass: AuditInterceptor }],
  exports: [AuditTrail, AuditedChange],
})
export class AuditModule {}
