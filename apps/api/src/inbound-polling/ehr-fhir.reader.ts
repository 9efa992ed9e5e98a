import type { EhrConnectionEntity } from '@keta/db';
import type { Resource } from '@medplum/fhirtypes';
import { Inject, Injectable } from '@nestjs/common';
import { API_CONFIG, type ApiConfig } from '../config/api-config';
import { EHR_AUTHORIZATION, type EhrAuthorization } from './ehr-authorization';
import { classifyFetchFailure, EhrRequestError } from './ehr-request.error';

/**
 * The one way the API reads from an EHR: a GET under the connection's base URL, with its Authorization, a
 * timeout, and failures as codes. What it answers may hold PHI: it is returned, never logged.
 */
@Injectable()
export class EhrFhirReader {
  constructor(
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @Inject(EHR_AUTHORIZATION) private readonly authorization: EhrAuthorization,
  ) {}

  async get<T extends Resource>(connection: EhrConnectionEntity, url: string): Promise<T> {
    // A next link pointing elsewhere must not carry the connection's credentials there.
    if (!url.startsWith(`${connection.baseUrl}/`) && !url.startsWith(`${connection.baseUrl}?`)) throw new EhrRequestError('ehr_foreign_link');
    const authorization = await this.authorization.headerFor(connection);
    const headers: Record<string, string> = { accept: 'application/fhir+json', ...(authorization ? { authorization } : {}) };
    try {
      const response = await fetch(url, { headers, signal: AbortSignal.timeout(this.config.EHR_REQUEST_TIMEOUT_MS) });
      if (!response.ok) {
        await response.body?.cancel();
        throw new EhrRequestError(`ehr_http_${response.status}`);
      }
      return (await response.json().catch(() => Promise.reject(new EhrRequestError('ehr_bad_response')))) as T;
    } catch (error) {
      throw classifyFetchFailure(error);
    }
  }
}
