import type { CodedConcept } from '../codes/coded-concept';
import { matchConcept } from '../codes/match-concept';
import { ACTIVE_STATUSES, type Attestation, type ParsedEligibilityInput } from './eligibility-input';

/** What the input says about one criterion: present, absent (known not to apply), or unknown. */
export type Evidence =
  | { state: 'present'; via: string; unverifiedCode: boolean }
  | { state: 'absent' }
  | { state: 'unknown' };

/**
 * Reads one criterion from coded conditions and attestations. A matching condition makes it present
 * (history counts when `history` is set, else only an active condition); an attested "yes" too. It is
 * absent only if attested "no", or a matching condition is known to be over (for active-only criteria).
 */
export function evidenceFor(
  input: ParsedEligibilityInput,
  concept: CodedConcept,
  attestation: Attestation,
  { history }: { history: boolean },
): Evidence {
  const matches = input.conditions
    .map((condition) => ({ condition, match: matchConcept(concept, { ...condition, name: condition.display }) }))
    .filter((m) => m.match !== undefined);
  const counting = matches.filter((m) => history || ACTIVE_STATUSES.has(m.condition.clinicalStatus));
  const hit = counting.find((m) => m.match?.by === 'code') ?? counting[0];
  if (hit) {
    const via = hit.match!.by === 'code' ? `condition ${hit.condition.code}` : 'condition named in the record';
    return { state: 'present', via, unverifiedCode: hit.match!.unverifiedCode };
  }
  const answer = input.attestations[attestation];
  if (answer === true) return { state: 'present', via: 'attested', unverifiedCode: false };
  if (answer === false || matches.length > 0) return { state: 'absent' };
  return { state: 'unknown' };
}
