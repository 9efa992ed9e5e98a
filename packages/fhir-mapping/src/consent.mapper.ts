import type { ConsentRecord } from '@keta/domain';
import type { CodeableConcept, Consent, ConsentProvision } from '@medplum/fhirtypes';
import { KETA_SYSTEMS } from './identifier-systems';
import type { ProjectedResource } from './projected-resource';
import { PART2_LABELS } from './security-labels';

const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
/** A recipient known by URL only: the identifier system FHIR gives for values that are URIs. */
export const URI_SYSTEM = 'urn:ietf:rfc:3986';

/** Scope and category per kind (DOMAIN.md §2.3, §3.1): treatment → Patient consent, privacy → Release of information. */
const KIND: Record<ConsentRecord['kind'], { scope: CodeableConcept; category: CodeableConcept }> = {
  treatment: {
    scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'treatment', display: 'Treatment' }] },
    category: { coding: [{ system: 'http://loinc.org', code: '59284-0', display: 'Patient consent' }] },
  },
  privacy: {
    scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy', display: 'Privacy Consent' }] },
    category: { coding: [{ system: 'http://loinc.org', code: '64292-6', display: 'Release of information consent' }] },
  },
};

/**
 * The consent as an R4 Consent signed by the patient or their legal representative (the performer). ppc-1
 * needs a policy: both kinds are an opt-in (v3-ActCode OPTIN, as the BSeR consent example uses), and the
 * form version the patient read is the policy it names. A revoked consent is inactive and keeps its
 * revocation time as a nested deny from then on, since R4 Consent has no revocation element.
 */
export function toFhirConsent(consent: ConsentRecord): ProjectedResource<Consent> {
  const own = { system: KETA_SYSTEMS.consent, value: consent.id };
  const status = consent.status === 'active' ? 'active' : 'inactive';
  const resource: Consent & { id: string } = {
    resourceType: 'Consent',
    id: consent.id,
    identifier: [own],
    status,
    scope: KIND[consent.kind].scope,
    category: [KIND[consent.kind].category],
    patient: { reference: `Patient/${consent.patientId}` },
    dateTime: consent.signedAt,
    performer: [consent.signedBy?.signer === 'legal-representative' ? { display: consent.signedBy.representativeName } : { reference: `Patient/${consent.patientId}` }],
    ...(consent.form ? { policy: [{ uri: `urn:uuid:${consent.form.id}` }] } : {}),
    policyRule: { coding: [{ system: ACT_CODE, code: 'OPTIN', display: 'opt-in' }] },
    ...source(consent),
    provision: provision(consent),
  };
  return { resource, patientId: consent.patientId, syncIdentifier: own, status };
}

/** The signed PDF when there is one; otherwise the form the patient signed, by its title and version. */
function source(consent: ConsentRecord): Pick<Consent, 'sourceAttachment'> {
  if (consent.documentId) return { sourceAttachment: { contentType: 'application/pdf', url: `Binary/${consent.documentId}` } };
  return consent.form ? { sourceAttachment: { title: `${consent.form.title} (version ${consent.form.version})` } } : {};
}

function provision(consent: ConsentRecord): ConsentProvision {
  return {
    type: 'permit',
    ...(consent.expiresOn ? { period: { end: consent.expiresOn } } : {}),
    ...(consent.kind === 'privacy' ? disclosure(consent.recipient, consent.coversPart2) : {}),
    ...(consent.status === 'revoked' ? { provision: [{ type: 'deny', period: { start: consent.revokedAt } }] } : {}),
  };
}

/**
 * Release to the named recipient (v3-ParticipationType IRCP, consentaction disclose; both in the R4 code
 * systems). Part 2 data goes only when its labels are listed (DOMAIN.md §5.2).
 */
function disclosure(recipient: { name: string; url?: string }, coversPart2: boolean): ConsentProvision {
  return {
    actor: [{
      role: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: 'IRCP', display: 'information recipient' }] },
      reference: { display: recipient.name, ...(recipient.url ? { identifier: { system: URI_SYSTEM, value: recipient.url } } : {}) },
    }],
    action: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentaction', code: 'disclose', display: 'Disclose' }] }],
    ...(coversPart2 ? { securityLabel: [...PART2_LABELS] } : {}),
  };
}
