import { NPI_SYSTEM, type Referrer } from '@keta/domain';
import type { FieldIssue } from '@keta/errors';
import type { ContactPoint, Organization, Practitioner, PractitionerRole, Reference, Resource } from '@medplum/fhirtypes';

/** The resources that say who refers: the requester (a Practitioner or a PractitionerRole) and what the role links. */
export interface ReferrerResources {
  practitioner?: Practitioner;
  role?: PractitionerRole;
  organization?: Organization;
}

/** The referrer's resources contained in a ServiceRequest or Task, found from its requester (`#id`). */
export function containedReferrer(holder: { contained?: Resource[] }, requester: Reference | undefined): ReferrerResources {
  const find = (reference: Reference | undefined) =>
    reference?.reference?.startsWith('#') ? holder.contained?.find((r) => `#${r.id}` === reference.reference) : undefined;
  const target = find(requester);
  const role = target?.resourceType === 'PractitionerRole' ? target : undefined;
  const practitioner = find(role?.practitioner ?? requester);
  const organization = find(role?.organization);
  return {
    ...(role ? { role } : {}),
    ...(practitioner?.resourceType === 'Practitioner' ? { practitioner } : {}),
    ...(organization?.resourceType === 'Organization' ? { organization } : {}),
  };
}

/**
 * The referrer: NPI from the requester's identifier or the Practitioner, name from the requester's display or
 * the Practitioner, organization by name, and the first phone of the role, else the organization, else the
 * practitioner. Adds an issue for each thing missing.
 */
export function readReferrer(requester: Reference | undefined, { practitioner, role, organization }: ReferrerResources, issues: FieldIssue[]): Referrer | undefined {
  const npi = requester?.identifier?.system === NPI_SYSTEM ? requester.identifier.value : practitioner?.identifier?.find((i) => i.system === NPI_SYSTEM)?.value;
  const name = requester?.display ?? practitionerName(practitioner);
  if (!npi) issues.push({ field: 'ServiceRequest.requester', message: 'needs the referrer\'s NPI (identifier system http://hl7.org/fhir/sid/us-npi)' });
  if (!name) issues.push({ field: 'ServiceRequest.requester', message: 'needs the referrer\'s name' });
  if (!npi || !name) return undefined;
  const organizationName = organization?.name?.trim() ? organization.name : undefined;
  const phone = phoneOf(role?.telecom) ?? phoneOf(organization?.telecom) ?? phoneOf(practitioner?.telecom);
  return { name, npi, ...(organizationName ? { organization: organizationName } : {}), ...(phone ? { phone } : {}) };
}

function practitionerName(practitioner?: Practitioner): string | undefined {
  const name = practitioner?.name?.[0];
  return name?.text ?? ([...(name?.given ?? []), name?.family].filter(Boolean).join(' ') || undefined);
}

function phoneOf(telecom: ContactPoint[] | undefined): string | undefined {
  return telecom?.find((t) => t.system === 'phone' && t.value?.trim())?.value;
}
