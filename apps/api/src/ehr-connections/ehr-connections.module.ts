import { Module } from '@nestjs/common';
import { EhrConnectionsController } from './ehr-connections.controller';
import { EhrConnectionsService } from './ehr-connections.service';
import { JwksController } from './jwks.controller';

@Module({ controllers: [EhrConnectionsController, JwksController], providers: [EhrConnectionsService] })
export class EhrConnectionsModule {}
