import { NPI_SYSTEM, type Referrer } from '@keta/domain';
import type { ContactPoint, Organization, Practitioner, PractitionerRole, Reference } from '@medplum/fhirtypes';

/** Ids of the referrer's resources inside the ServiceRequest or Task that carries them. */
export const REFERRER_IDS = { practitioner: 'referrer-practitioner', organization: 'referrer-organization', role: 'referrer-role' } as const;

export type ReferrerResource = Practitioner | Organization | PractitionerRole;

/**
 * The referrer as contained resources: the Practitioner (NPI, name), their Organization when known, and the
 * PractitionerRole linking them. The phone goes on the role, FHIR's place for how to reach a practitioner in
 * that role, since Keta does not know whether it is the practice's number. The requester points at the role
 * and keeps the NPI and name, so a reader that ignores contained resources still knows who refers.
 */
export function toFhirReferrer(referrer: Referrer): { contained: ReferrerResource[]; requester: Reference<PractitionerRole> } {
  const phone: ContactPoint[] | undefined = referrer.phone ? [{ system: 'phone', value: referrer.phone, use: 'work' }] : undefined;
  const practitioner: Practitioner = {
    resourceType: 'Practitioner',
    id: REFERRER_IDS.practitioner,
    identifier: [{ system: NPI_SYSTEM, value: referrer.npi }],
    name: [{ text: referrer.name }],
  };
  const organization: Organization | undefined = referrer.organization
    ? { resourceType: 'Organization', id: REFERRER_IDS.organization, name: referrer.organization }
    : undefined;
  const role: PractitionerRole = {
    resourceType: 'PractitionerRole',
    id: REFERRER_IDS.role,
    practitioner: { reference: `#${REFERRER_IDS.practitioner}`, display: referrer.name },
    ...(organization ? { organization: { reference: `#${REFERRER_IDS.organization}`, display: referrer.organization } } : {}),
    ...(phone ? { telecom: phone } : {}),
  };
  return {
    contained: [practitioner, ...(organization ? [organization] : []), role],
    requester: { reference: `#${REFERRER_IDS.role}`, identifier: { system: NPI_SYSTEM, value: referrer.npi }, display: referrer.name },
  };
}
