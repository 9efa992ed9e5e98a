import { Module } from '@nestjs/common';
import { FhirModule } from '../fhir/fhir.module';
import { ApiEhrAuthorizer } from './api-ehr-authorizer';
import { EhrFhirReader } from './ehr-fhir.reader';
import { PolledReferralReceiver } from './polled-referral.receiver';
import { ReferralPollService } from './referral-poll.service';
import { ReferralPollTicker } from './referral-poll.ticker';
import { ReferralPoller } from './referral-poller.service';

/** Polling EHRs that do not push referrals, into the same intake as `POST /fhir/R4`. */
@Module({
  imports: [FhirModule],
  providers: [
    ApiEhrAuthorizer, EhrFhirReader, PolledReferralReceiver, ReferralPollService, ReferralPoller, ReferralPollTicker,
  ],
  exports: [ReferralPoller],
})
export class InboundPollingModule {}
