import type { Source } from './source';

/** block: stop (ineligible, no-go); review: a clinician decides; warn: go, but act on it; info: for the record. */
export type Severity = 'block' | 'review' | 'warn' | 'info';

/**
 * One thing a rule found. `code` is stable (systems key on it), `message` is a sentence a person can act
 * on, `source` says where the rule comes from.
 */
export interface Finding {
  code: string;
  severity: Severity;
  message: string;
  source: Source;
}

const ORDER: Record<Severity, number> = { block: 0, review: 1, warn: 2, info: 3 };

/** Findings in a canonical order (severity, then code, then message), so results never depend on input order. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) => ORDER[a.severity] - ORDER[b.severity] || a.code.localeCompare(b.code) || a.message.localeCompare(b.message),
  );
}

export function hasSeverity(findings: readonly Finding[], severity: Severity): boolean {
  return findings.some((f) => f.severity === severity);
}
