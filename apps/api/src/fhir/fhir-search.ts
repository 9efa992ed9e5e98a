import type { Bundle } from '@medplum/fhirtypes';
import type { Request } from 'express';
import { searchsetBundle } from './bundle.builder';
import { fhirBaseUrl, searchParams } from './fhir-request';
import type { ProjectionReader } from './projection-reader.service';
import { parseSearch, prefersLenient } from './search-parameter.parser';
import type { FhirType } from './supported-resources';

/** A search-type interaction: the request's parameters, one page of the projection, the Bundle. */
export async function bundleOf(projection: ProjectionReader, type: FhirType, req: Request): Promise<Bundle> {
  const search = parseSearch(type, searchParams(req), prefersLenient(req.get('prefer')));
  return searchsetBundle(fhirBaseUrl(req), type, search, await projection.search(type, search));
}
