import { Module } from '@nestjs/common';
import { ReferralsModule } from '../referrals/referrals.module';
import { ClinicSettingsController } from './clinic-settings.controller';
import { ClinicSettingsService } from './clinic-settings.service';

@Module({ imports: [ReferralsModule], controllers: [ClinicSettingsController], providers: [ClinicSettingsService], exports: [ClinicSettingsService] })
export class ClinicSettingsModule {}
