import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { AssertionReplayService } from './assertion-replay.service';
import { IssueClientTokenUseCase } from './issue-client-token.use-case';
import { SmartConfigurationController } from './smart-configuration.controller';
import { TokenController } from './token.controller';

/** SMART Backend Services: discovery and the client_credentials token endpoint for EHR clients. */
@Module({
  imports: [AuthModule],
  controllers: [TokenController, SmartConfigurationController],
  providers: [IssueClientTokenUseCase, AssertionReplayService],
})
export class SmartModule {}
