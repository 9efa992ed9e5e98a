import { FINDING_SEVERITIES, type ScreeningFindingRecord } from '@keta/domain';
import type { FieldIssue } from '@keta/errors';
import type { DetectedIssue } from '@medplum/fhirtypes';
import { KETA_SYSTEMS } from './identifier-systems';
import { unreadable } from './read-error';
import { referencedId } from './reference-id';
import { FINDING_SEVERITY_TAG, FINDING_SOURCE_CLASS, RESOLVED, SCREENING_FINDING_CODES } from './screening-finding.mapper';

const SOURCE = new RegExp(`<span class="${FINDING_SOURCE_CLASS}">([^<]*)</span>`);
const unescape = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** A DetectedIssue Keta made back into the finding it came from (the round trip proves the mapping loses nothing). */
export function fromFhirDetectedIssue(issue: DetectedIssue): ScreeningFindingRecord {
  const issues: FieldIssue[] = [];
  const need = <T>(value: T | undefined, field: string, message: string): T => {
    if (value === undefined) issues.push({ field: `DetectedIssue.${field}`, message });
    return value as T;
  };
  const id = need(issue.identifier?.find((i) => i.system === KETA_SYSTEMS.screeningFinding)?.value, 'identifier', 'needs Keta\'s finding identifier');
  const patientId = need(referencedId(issue.patient, 'Patient'), 'patient', 'needs a Patient/<id> reference');
  const referralId = need(issue.evidence?.flatMap((e) => e.detail ?? []).map((d) => referencedId(d, 'ServiceRequest')).find(Boolean), 'evidence', 'needs the referral as ServiceRequest/<id>');
  const code = need(issue.code?.coding?.find((c) => c.system === SCREENING_FINDING_CODES)?.code, 'code', 'needs Keta\'s finding code');
  const tag = issue.meta?.tag?.find((t) => t.system === FINDING_SEVERITY_TAG)?.code;
  const severity = need(FINDING_SEVERITIES.find((s) => s === tag), 'meta.tag', 'needs Keta\'s finding severity');
  const message = need(issue.detail, 'detail', 'needs the message');
  const source = need(SOURCE.exec(issue.text?.div ?? '')?.[1], 'text', 'needs the source of the rule');
  const identifiedAt = need(issue.identifiedDateTime, 'identifiedDateTime', 'needs when it was found');
  if (issues.length) throw unreadable(issues);
  const medicationId = issue.implicated?.map((i) => referencedId(i, 'MedicationStatement', 'MedicationRequest')).find(Boolean);
  const resolvedAt = issue.status === 'mitigated' ? issue.mitigation?.find((m) => m.action.text === RESOLVED)?.date : undefined;
  return {
    id, patientId, referralId, code, severity, message, source: unescape(source), ...(medicationId ? { medicationId } : {}), identifiedAt,
    ...(resolvedAt ? { resolvedAt } : {}),
  };
}
