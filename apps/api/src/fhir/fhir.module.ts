import { Module } from '@nestjs/common';
import { FHIR_RESOURCE_CONTROLLERS } from './fhir.controller';
import { FhirMetadataController } from './fhir-metadata.controller';
import { ProjectionReader } from './projection-reader.service';

/** The FHIR R4 endpoint at /fhir/R4: read and search over the projection. Its errors are OperationOutcomes (http/send-problem.ts). */
@Module({ controllers: [FhirMetadataController, ...FHIR_RESOURCE_CONTROLLERS], providers: [ProjectionReader] })
export class FhirModule {}
