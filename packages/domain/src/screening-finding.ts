/** How much a finding weighs: block stops, review needs a clinician, warn goes ahead with care, info is noted. */
export const FINDING_SEVERITIES = ['block', 'review', 'warn', 'info'] as const;
export type FindingSeverity = (typeof FINDING_SEVERITIES)[number];

/**
 * What screening found about a referred patient (an exclusion criterion, a medication interaction, a
 * missing document), with the rule's stable code and a sentence a clinician can act on. Sent as DetectedIssue.
 */
export interface ScreeningFindingRecord {
  id: string;
  patientId: string;
  referralId: string;
  code: string;
  severity: FindingSeverity;
  message: string;
  /** Where the rule comes from, for people (a seed FAQ page, DOMAIN.md, or the clinic). */
  source: string;
  /** The home medication it is about, for an interaction. */
  medicationId?: string;
  identifiedAt: string;
  /** When screening again no longer found it (the DetectedIssue is then cancelled). */
  resolvedAt?: string;
}
