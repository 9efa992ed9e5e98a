import type { Bundle, BundleEntry, PractitionerRole, Reference, Resource, ServiceRequest } from '@medplum/fhirtypes';

/** The statuses and intents of a ServiceRequest that make it a referral the EHR has placed with the clinic. */
export const POLLED_REFERRAL_STATUS = 'active';
export const POLLED_REFERRAL_INTENTS: readonly string[] = ['order', 'original-order'];

/** The records a polled referral brings along when its ServiceRequest points at them (as a pushed one may). */
const RECORD_TYPES: ReadonlySet<string> = new Set(['Condition', 'Observation', 'MedicationStatement', 'MedicationRequest', 'DocumentReference']);
const REFERRER_TYPES: ReadonlySet<string> = new Set(['Practitioner', 'PractitionerRole', 'Organization']);

/**
 * A referral addressed to the clinic: active, an order (not a plan or a proposal, nor the performer's own
 * filler-order), naming the clinic among its performers. The search asks for this already; an EHR that ignores
 * a search parameter must not make Keta take what it did not ask for.
 */
export function isReferralFor(request: ServiceRequest, performer: string): boolean {
  return request.status === POLLED_REFERRAL_STATUS && POLLED_REFERRAL_INTENTS.includes(request.intent)
    && (request.performer ?? []).some((p) => p.reference === performer);
}

/** The ServiceRequests a searchset matched (not those it included), in the order the EHR gave them. */
export function matchedRequests(searchset: Bundle): ServiceRequest[] {
  return (searchset.entry ?? []).flatMap((e) => (e.resource?.resourceType === 'ServiceRequest' && e.search?.mode !== 'include' ? [e.resource] : []));
}

/** The page after this one, when the EHR says there is one. */
export function nextLink(searchset: Bundle): string | undefined {
  return searchset.link?.find((l) => l.relation === 'next')?.url;
}

/**
 * Whether the EHR says it applied `_sort`: a searchset's `self` link shows the parameters the server used
 * (FHIR R4 §3.1.1.5.3), and one that ignored `_sort` leaves it out. Without a `self` link, Keta cannot tell.
 */
export function sortApplied(searchset: Bundle): boolean | undefined {
  const self = searchset.link?.find((l) => l.relation === 'self')?.url;
  if (!self) return undefined;
  try {
    return new URL(self, 'http://ehr.invalid').searchParams.has('_sort');
  } catch {
    return undefined;
  }
}

/** The greatest meta.lastUpdated of these resources, as an instant; undefined when none carries one. */
export function latestUpdate(resources: readonly Resource[]): string | undefined {
  const times = resources.map((r) => Date.parse(r.meta?.lastUpdated ?? '')).filter((t) => !Number.isNaN(t));
  return times.length ? new Date(Math.max(...times)).toISOString() : undefined;
}

/** Resources by their relative reference (`Type/id`), as a referral's references name them. */
export type ResourcesByReference = Map<string, Resource>;

export function byReference(resources: readonly Resource[]): ResourcesByReference {
  return new Map(resources.filter((r) => r.id).map((r) => [`${r.resourceType}/${r.id}`, r]));
}

/** Every resource of a searchset, matched or included. */
export function resourcesOf(searchset: Bundle): Resource[] {
  return (searchset.entry ?? []).flatMap((e) => (e.resource ? [e.resource] : []));
}

/**
 * What a referral's ServiceRequest points at that Keta reads into the referral: its patient, its requester
 * (and a PractitionerRole's practitioner and organization), and the records it gives as reason or support.
 * Relative references only: an absolute or contained one is not the EHR's to be fetched here.
 */
export function drawnReferencesOf(request: ServiceRequest, known: ResourcesByReference): string[] {
  const role = known.get(request.requester?.reference ?? '') as PractitionerRole | undefined;
  const refs = [request.subject, request.requester, role?.practitioner, role?.organization, ...(request.reasonReference ?? []), ...(request.supportingInfo ?? [])];
  return [...new Set(refs.map(relative).filter((r): r is string => !!r && isTaken(r)))];
}

/** The references of these referrals that the page did not include, for the poller to read one by one. */
export function missingReferences(requests: readonly ServiceRequest[], known: ResourcesByReference): string[] {
  const missing = new Set<string>();
  for (const request of requests) for (const ref of drawnReferencesOf(request, known)) if (!known.has(ref)) missing.add(ref);
  return [...missing];
}

/**
 * The Bundle the referral intake takes, for one polled ServiceRequest: a batch (as `POST /fhir/R4` takes one),
 * so its refusal is answered entry by entry. fullUrls are the resources' addresses at the EHR: a ServiceRequest
 * without an identifier is still keyed the same at every poll.
 */
export function polledReferralBundle(request: ServiceRequest, known: ResourcesByReference, baseUrl: string): Bundle {
  const drawn = drawnReferencesOf(request, known).flatMap((ref) => (known.has(ref) ? [known.get(ref)!] : []));
  const entry: BundleEntry[] = [request, ...drawn].map((resource) => ({ fullUrl: `${baseUrl}/${resource.resourceType}/${resource.id}`, resource }));
  return { resourceType: 'Bundle', type: 'batch', entry };
}

function relative(reference: Reference | undefined): string | undefined {
  const ref = reference?.reference;
  return ref && /^[A-Z][A-Za-z]+\/[A-Za-z0-9.-]{1,64}$/.test(ref) ? ref : undefined;
}

function isTaken(reference: string): boolean {
  const type = reference.split('/')[0]!;
  return type === 'Patient' || REFERRER_TYPES.has(type) || RECORD_TYPES.has(type);
}
