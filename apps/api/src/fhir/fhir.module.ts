import { Module } from '@nestjs/common';
import { FhirBinaryController } from './fhir-binary.controller';
import { FHIR_RESOURCE_CONTROLLERS } from './fhir.controller';
import { FhirMetadataController } from './fhir-metadata.controller';
import { ProjectionReader } from './projection-reader.service';
import { FhirTransactionController } from './fhir-transaction.controller';
import { ReceiveReferralBundleUseCase } from './receive-referral-bundle.use-case';
import { ReferralsModule } from '../referrals/referrals.module';

/** The FHIR R4 endpoint at /fhir/R4: read and search over the projection. Its errors are OperationOutcomes (http/send-problem.ts). */
@Module({
  imports: [ReferralsModule],
  controllers: [FhirMetadataController, FhirTransactionController, FhirBinaryController, ...FHIR_RESOURCE_CONTROLLERS],
  providers: [ProjectionReader, ReceiveReferralBundleUseCase],
  // Polling feeds referrals to the same intake (inbound-polling).
  exports: [ReceiveReferralBundleUseCase],
})
export class FhirModule {}
