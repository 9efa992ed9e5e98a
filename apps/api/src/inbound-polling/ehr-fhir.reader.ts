import type { EhrConnectionEntity } from '@keta/db';
import { EhrError, getResource } from '@keta/ehr-client';
import type { Resource } from '@medplum/fhirtypes';
import { Inject, Injectable } from '@nestjs/common';
import { API_CONFIG, type ApiConfig } from '../config/api-config';
import { ApiEhrAuthorizer } from './api-ehr-authorizer';

/**
 * The one way the API reads from an EHR: a GET under the connection's base URL, with its credentials (a SMART
 * token renewed once on a 401, a refusal held on the connection as for the sync), a timeout, and failures as
 * EhrError codes. What it answers may hold PHI: it is returned, never logged.
 */
@Injectable()
export class EhrFhirReader {
  constructor(
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    private readonly authorizer: ApiEhrAuthorizer,
  ) {}

  async get<T extends Resource>(connection: EhrConnectionEntity, url: string): Promise<T> {
    // A next link pointing elsewhere must not carry the connection's credentials there.
    if (!url.startsWith(`${connection.baseUrl}/`) && !url.startsWith(`${connection.baseUrl}?`)) throw new EhrError('ehr_foreign_link', 'invalid');
    // A read the EHR forbids may be one record's consent, not Keta's credentials: it does not hold the connection.
    return this.authorizer.send(connection, (authorization) => getResource<T>(url, this.config.EHR_REQUEST_TIMEOUT_MS, authorization), { forbiddenRefuses: false });
  }
}
