import type { ConsentRecord, ConsentState, ConsentTerms } from '@keta/domain';
import type { FieldIssue } from '@keta/errors';
import type { Consent, ConsentProvision } from '@medplum/fhirtypes';
import { URI_SYSTEM } from './consent.mapper';
import { unreadable } from './read-error';
import { isPart2 } from './security-labels';

const SCOPES: Record<string, ConsentRecord['kind']> = { treatment: 'treatment', 'patient-privacy': 'privacy' };
const idIn = (reference: string | undefined, type: string) => reference?.match(new RegExp(`^${type}/([^/]+)$`))?.[1];

/**
 * A Consent as the clinic's consent record: the kind from the scope, a revoked consent from status
 * inactive plus the start of its nested deny, the recipient and Part 2 cover of a privacy consent from
 * the provision, and the signed PDF from sourceAttachment's Binary URL.
 */
export function fromFhirConsent(consent: Consent): ConsentRecord {
  const issues: FieldIssue[] = [];
  const kind = SCOPES[consent.scope?.coding?.find((c) => c.system === 'http://terminology.hl7.org/CodeSystem/consentscope')?.code ?? ''];
  if (!kind) issues.push({ field: 'Consent.scope', message: 'must be consentscope treatment or patient-privacy' });
  const patientId = idIn(consent.patient?.reference, 'Patient');
  if (!patientId) issues.push({ field: 'Consent.patient', message: 'must reference the Patient' });
  if (!consent.id) issues.push({ field: 'Consent.id', message: 'is required' });
  if (!consent.dateTime) issues.push({ field: 'Consent.dateTime', message: 'needs when the consent was signed' });
  const documentId = idIn(consent.sourceAttachment?.url, 'Binary');
  if (consent.sourceAttachment && !documentId) issues.push({ field: 'Consent.sourceAttachment.url', message: 'must be the Binary/<id> of the signed document' });
  const expiresOn = consent.provision?.period?.end;
  if (expiresOn && !/^\d{4}-\d{2}-\d{2}$/.test(expiresOn)) issues.push({ field: 'Consent.provision.period.end', message: 'must be a date (YYYY-MM-DD)' });
  const state = readState(consent, issues);
  const terms = kind === 'privacy' ? readDisclosure(consent.provision, issues) : { kind: 'treatment' as const };
  if (issues.length || !state || !terms) throw unreadable(issues);
  return {
    id: consent.id!, patientId: patientId!, signedAt: consent.dateTime!,
    ...(documentId ? { documentId } : {}), ...(expiresOn ? { expiresOn } : {}), ...terms, ...state,
  };
}

function readState(consent: Consent, issues: FieldIssue[]): ConsentState | undefined {
  if (consent.status === 'active') return { status: 'active' };
  const revokedAt = consent.provision?.provision?.find((p) => p.type === 'deny')?.period?.start;
  if (consent.status !== 'inactive') issues.push({ field: 'Consent.status', message: 'must be active or inactive (revoked)' });
  else if (!revokedAt) issues.push({ field: 'Consent.provision.provision', message: 'a revoked consent needs a deny provision starting when it was revoked' });
  return consent.status === 'inactive' && revokedAt ? { status: 'revoked', revokedAt } : undefined;
}

function readDisclosure(provision: ConsentProvision | undefined, issues: FieldIssue[]): ConsentTerms | undefined {
  const actor = provision?.actor?.find((a) => a.role.coding?.some((c) => c.code === 'IRCP'));
  const name = actor?.reference.display;
  if (!name) {
    issues.push({ field: 'Consent.provision.actor', message: 'a privacy consent must name its information recipient (IRCP)' });
    return undefined;
  }
  const url = actor.reference.identifier?.system === URI_SYSTEM ? actor.reference.identifier.value : undefined;
  return { kind: 'privacy', recipient: { name, ...(url ? { url } : {}) }, coversPart2: isPart2(provision?.securityLabel) };
}
