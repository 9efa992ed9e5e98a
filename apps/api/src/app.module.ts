import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { ClinicSettingsModule } from './clinic-settings/clinic-settings.module';
import type { ApiConfig } from './config/api-config';
import { ApiConfigModule } from './config/api-config.module';
import { DatabaseModule } from './database/database.module';
import { FhirModule } from './fhir/fhir.module';
import { HealthModule } from './health/health.module';
import type { HttpLogging } from './http/logger-options';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { ReferralsModule } from './referrals/referrals.module';
import { UsersModule } from './users/users.module';
import { EhrClientsModule } from './ehr-clients/ehr-clients.module';
import { ConsentsModule } from './consents/consents.module';
import { MedicationsModule } from './medications/medications.module';
import { OutcomesModule } from './outcomes/outcomes.module';
import { SchedulingModule } from './scheduling/scheduling.module';
import { EncountersModule } from './encounters/encounters.module';
import { PatientsModule } from './patients/patients.module';
import { DeadLettersModule } from './dead-letters/dead-letters.module';
import { EhrConnectionsModule } from './ehr-connections/ehr-connections.module';
import { SmartModule } from './smart/smart.module';
import { BillingModule } from './billing/billing.module';
import { OpsModule } from './ops/ops.module';
import { MetricsModule } from './metrics/metrics.module';
import { InboundPollingModule } from './inbound-polling/inbound-polling.module';

@Module({})
export class AppModule {
  static forRoot(config: ApiConfig, logging: HttpLogging): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ApiConfigModule.forRoot(config),
        LoggerModule.forRoot(logging.nest),
        DatabaseModule,
        AuditModule,
        AuthModule,
        UsersModule,
        ClinicSettingsModule,
        HealthModule,
        ReferralsModule,
        EhrConnectionsModule,
        DeadLettersModule,
        OpsModule,
        InboundPollingModule,
        ConsentsModule,
        PatientsModule,
        MedicationsModule,
        OutcomesModule,
        SchedulingModule,
        EncountersModule,
        BillingModule,
        EhrClientsModule,
        SmartModule,
        FhirModule,
        MetricsModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: ProblemDetailsFilter }],
    };
  }
}
