import type { CodedConcept, KnownCode } from './coded-concept';

export interface ConceptMatch {
  by: 'code' | 'name';
  /** Matched on a code DOMAIN.md does not confirm: say so to the person reading the finding. */
  unverifiedCode: boolean;
}

/** Matches a coded or named item against a concept: by code first, then by name. */
export function matchConcept(concept: CodedConcept, item: { system?: string; code?: string; name?: string }): ConceptMatch | undefined {
  const code = concept.codes.find((c: KnownCode) => c.system === item.system && c.code === item.code);
  if (code) return { by: 'code', unverifiedCode: !code.verified };
  const prefixed = concept.prefixes?.some((p) => p.system === item.system && item.code?.startsWith(p.prefix));
  if (prefixed) return { by: 'code', unverifiedCode: false };
  if (item.name && matchesName(concept, item.name)) return { by: 'name', unverifiedCode: false };
  return undefined;
}

/**
 * Names are matched ignoring case, punctuation, spacing and strength text ("Xanax XR 0.5mg", "alprazolam1 MG"):
 * only letters are kept, so a strength leaves at most a unit word, which no anchored name pattern matches.
 * Each word, and the whole name run together, is tried against the concept's patterns.
 */
export function matchesName(concept: CodedConcept, name: string): boolean {
  const cleaned = name.toLowerCase().replace(/[^a-z]+/g, ' ').trim();
  const words = cleaned.split(' ').filter(Boolean);
  const candidates = [cleaned, words.join(''), ...words];
  return concept.names.some((pattern) => candidates.some((candidate) => pattern.test(candidate)));
}
