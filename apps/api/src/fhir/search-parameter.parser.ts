import { DomainError, ErrorCode, type FieldIssue } from '@keta/errors';
import { parseDateSearchValue, type DateSearchValue } from './date-search-value';
import { decodeCursor } from './search-cursor';
import { splitUnescaped, unescapeSearchValue } from './search-value-escaping';
import { SUPPORTED, type FhirType, type SearchParamDefinition } from './supported-resources';

/** An identifier token: `system` undefined matches any system, '' matches identifiers without one. */
export interface IdentifierToken {
  system?: string;
  value?: string;
}

/** One parameter occurrence; its values (comma-separated) are ORed, occurrences are ANDed. */
export type Criterion =
  | { kind: 'id' | 'patient' | 'status'; anyOf: string[] }
  | { kind: 'identifier'; anyOf: IdentifierToken[] }
  | { kind: 'last-updated'; anyOf: DateSearchValue[] }
  | { kind: 'date'; element: readonly string[]; anyOf: DateSearchValue[] };

export interface ParsedSearch {
  criteria: Criterion[];
  includePatients: boolean;
  count: number;
  /** Keyset paging: the page starts after this id. */
  after?: string;
  /** The parameters as applied, in request order, for the self and next links (paging ones excepted). */
  applied: Array<[string, string]>;
  /** Unknown parameters ignored because the client asked for lenient handling. */
  ignored: string[];
}

export const DEFAULT_COUNT = 20;
export const MAX_COUNT = 100;
const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;
const PATIENT_REFERENCE = /^(?:Patient\/)?([A-Za-z0-9\-.]{1,64})$/;
const CODE = /^[^\s|]+$/;

/**
 * Reads a search from the query string. Strict by default: an unknown parameter is a 400 naming it, so a
 * typo never silently widens a search over PHI; `Prefer: handling=lenient` ignores unknown ones instead.
 * Messages name parameters, never values (they may be identifiers).
 */
export function parseSearch(type: FhirType, query: URLSearchParams, lenient: boolean): ParsedSearch {
  const search: ParsedSearch = { criteria: [], includePatients: false, count: DEFAULT_COUNT, applied: [], ignored: [] };
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  const fail = (name: string, message: string) => issues.push({ field: name, message: `${name}: ${message}` });
  for (const [name, raw] of query) {
    // R4: a parameter with an empty value is ignored.
    if (raw === '') continue;
    const definition = SUPPORTED[type].searchParams.find((p) => p.name === name);
    if (definition) {
      const criterion = parseCriterion(definition, raw);
      if (typeof criterion === 'string') {
        fail(name, criterion);
      } else {
        search.criteria.push(criterion);
        search.applied.push([name, raw]);
      }
    } else if ((name === '_count' || name === '_cursor') && seen.has(name)) {
      fail(name, 'is given more than once');
    } else if (name === '_count') {
      if (/^\d{1,6}$/.test(raw)) search.count = Math.min(Number(raw), MAX_COUNT);
      else fail(name, `must be a whole number (at most ${MAX_COUNT} are returned per page)`);
    } else if (name === '_cursor') {
      const after = decodeCursor(raw);
      if (after) search.after = after;
      else fail(name, 'is not a cursor from a next link of this server');
    } else if (name === '_include') {
      const allowed = SUPPORTED[type].include;
      if (raw === allowed) {
        search.includePatients = true;
        search.applied.push([name, raw]);
      } else {
        fail(name, allowed ? `must be ${allowed}` : `is not supported on ${type}`);
      }
    } else if (lenient) {
      search.ignored.push(name);
    } else {
      fail(name, `is not a search parameter of ${type} on this server (see its CapabilityStatement at /fhir/R4/metadata)`);
    }
    seen.add(name);
  }
  if (issues.length) throw new DomainError(ErrorCode.ValidationFailed, 'The search is invalid', issues);
  return search;
}

/** `Prefer: handling=lenient`, among any other preferences the client states. */
export function prefersLenient(prefer: string | undefined): boolean {
  return (prefer ?? '').split(/[,;]/).some((p) => p.trim().toLowerCase() === 'handling=lenient');
}

function parseCriterion(definition: SearchParamDefinition, raw: string): Criterion | string {
  const pieces = splitUnescaped(raw, ',');
  if (pieces.some((p) => p === '')) return 'has an empty value in its comma-separated list';
  switch (definition.kind) {
    case 'id': {
      const ids = pieces.map(unescapeSearchValue);
      return ids.every((id) => FHIR_ID.test(id)) ? { kind: 'id', anyOf: ids } : 'must be resource ids';
    }
    case 'patient': {
      const ids = pieces.map((p) => PATIENT_REFERENCE.exec(unescapeSearchValue(p))?.[1]);
      return ids.every((id) => id !== undefined) ? { kind: 'patient', anyOf: ids as string[] } : 'must be Patient/<id> or <id>';
    }
    case 'status': {
      const codes = pieces.map(unescapeSearchValue);
      return codes.every((code) => CODE.test(code)) ? { kind: 'status', anyOf: codes } : 'must be status codes, without a system';
    }
    case 'identifier': {
      const tokens = pieces.map(parseIdentifierToken);
      return tokens.every((t) => t !== undefined) ? { kind: 'identifier', anyOf: tokens as IdentifierToken[] } : 'must be system|value, value, system| or |value';
    }
    case 'last-updated':
    case 'date': {
      const dates = pieces.map((p) => parseDateSearchValue(unescapeSearchValue(p)));
      if (!dates.every((d) => d !== undefined)) return DATE_FORMAT;
      const anyOf = dates as DateSearchValue[];
      return definition.kind === 'date' ? { kind: 'date', element: definition.element ?? [], anyOf } : { kind: 'last-updated', anyOf };
    }
  }
}

const DATE_FORMAT =
  'must be [eq|gt|ge|lt|le] then YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh:mm[:ss[.ffffff]] with Z or +hh:mm';

function parseIdentifierToken(piece: string): IdentifierToken | undefined {
  const parts = splitUnescaped(piece, '|', 2).map(unescapeSearchValue);
  const [first, second] = parts as [string, string | undefined];
  if (second === undefined) return { value: first };
  if (first === '' && second === '') return undefined;
  return second === '' ? { system: first } : { system: first, value: second };
}
