import type { EhrConnectionEntity } from '@keta/db';
import { EhrError, getResource } from '@keta/ehr-client';
import { missingReferences, type ResourcesByReference } from '@keta/fhir-mapping';
import type { Resource, ServiceRequest } from '@medplum/fhirtypes';
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

  /** A record by its reference (`Type/id`); undefined when the EHR has none (404, 410). */
  async read<T extends Resource>(connection: EhrConnectionEntity, reference: string): Promise<T | undefined> {
    return this.get<T>(connection, `${connection.baseUrl}/${reference}`).catch((error: unknown) => {
      if (error instanceof EhrError && error.errorClass === 'not-found') return undefined;
      throw error;
    });
  }

  /**
   * What these referrals draw on that `known` lacks, read one by one in two rounds (a requester role's
   * practitioner and organization are known once the role is). One the EHR does not have, or forbids (a record
   * under consent), is left out (and added to `absent`, not asked for again): the intake then refuses what needs it.
   */
  async withReferenced(
    connection: EhrConnectionEntity, referrals: ServiceRequest[], known: ResourcesByReference, absent = new Set<string>(),
  ): Promise<ResourcesByReference> {
    for (let round = 0; round < 2; round++) {
      for (const reference of missingReferences(referrals, known).filter((r) => !absent.has(r))) {
        const resource = await this.read(connection, reference).catch((error: unknown) => {
          if (error instanceof EhrError && error.code === 'ehr_http_403') return undefined;
          throw error;
        });
        if (resource) known.set(reference, resource);
        else absent.add(reference);
      }
    }
    return known;
  }
}
