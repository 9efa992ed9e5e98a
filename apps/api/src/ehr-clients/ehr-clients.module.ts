import { Module } from '@nestjs/common';
import { EhrClientsController } from './ehr-clients.controller';
import { EhrClientsService } from './ehr-clients.service';

@Module({ controllers: [EhrClientsController], providers: [EhrClientsService] })
export class EhrClientsModule {}
