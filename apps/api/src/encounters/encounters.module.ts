import { Module } from '@nestjs/common';
import { CheckInUseCase } from './check-in.use-case';
import { DischargeUseCase, NotInfusedUseCase } from './discharge.use-case';
import { EncountersController } from './encounters.controller';
import { EncountersService } from './encounters.service';
import { InfusionUseCase } from './infusion.use-case';
import { MonitoringUseCase } from './monitoring.use-case';

@Module({ controllers: [EncountersController], providers: [CheckInUseCase, InfusionUseCase, MonitoringUseCase, DischargeUseCase, NotInfusedUseCase, EncountersService] })
export class EncountersModule {}
