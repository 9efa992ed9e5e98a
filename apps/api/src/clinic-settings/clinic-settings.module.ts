import { Module } from '@nestjs/common';
import { ClinicSettingsController } from './clinic-settings.controller';
import { ClinicSettingsService } from './clinic-settings.service';

@Module({ controllers: [ClinicSettingsController], providers: [ClinicSettingsService], exports: [ClinicSettingsService] })
export class ClinicSettingsModule {}
