import { ICD10CM, SNOMED } from '@keta/domain';

export { ICD10CM, SNOMED };
export const RXNORM = 'http://www.nlm.nih.gov/research/umls/rxnorm';

/** A code and whether DOMAIN.md confirms it (✅) or not (⚠️ / ❌): unverified codes never stand alone. */
export interface KnownCode {
  system: string;
  code: string;
  verified: boolean;
}

/** A clinical concept as codes, code prefixes (ICD-10-CM chapters) and names to match free text by. */
export interface CodedConcept {
  codes: readonly KnownCode[];
  prefixes?: ReadonlyArray<{ system: string; prefix: string }>;
  names: readonly RegExp[];
}

export const ok = (system: string, code: string): KnownCode => ({ system, code, verified: true });
export const unverified = (system: string, code: string): KnownCode => ({ system, code, verified: false });
