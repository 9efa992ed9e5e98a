import { Module } from '@nestjs/common';
import { EhrConnectionsController } from './ehr-connections.controller';
import { EhrConnectionsService } from './ehr-connections.service';

@Module({ controllers: [EhrConnectionsController], providers: [EhrConnectionsService] })
export class EhrConnectionsModule {}
