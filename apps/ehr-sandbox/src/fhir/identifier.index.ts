import {
  convertToSearchableTokens,
  evalFhirPathTyped,
  getSearchParameter,
  Operator,
  toTypedValue,
  type SearchRequest,
} from '@medplum/core';
import type { Resource } from '@medplum/fhirtypes';

interface IdentifierToken {
  system?: string;
  value: string;
}

/**
 * Ids by (type, system, value) and (type, value), so that `?identifier=`, the search every sync uses to find
 * its own records again, is a lookup instead of a scan. Keys come from the same search parameter expression
 * and token rules as @medplum/core's matching, lower-cased as it compares them, so the candidates always
 * include every match; the caller still runs matchesSearchRequest on them.
 */
export class IdentifierIndex {
  private readonly ids = new Map<string, Set<string>>();

  add(resource: Resource | undefined): void {
    if (!resource?.id) return;
    for (const key of keysOf(resource)) {
      const ids = this.ids.get(key) ?? new Set<string>();
      this.ids.set(key, ids.add(resource.id));
    }
  }

  remove(resource: Resource | undefined): void {
    if (!resource?.id) return;
    for (const key of keysOf(resource)) {
      const ids = this.ids.get(key);
      ids?.delete(resource.id);
      if (ids?.size === 0) this.ids.delete(key);
    }
  }

  clear(): void {
    this.ids.clear();
  }

  /** The ids that may match, or undefined when the search is not a lookup this index can answer. */
  candidates(search: SearchRequest): string[] | undefined {
    const token = identifierFilter(search);
    if (!token) return undefined;
    return [...(this.ids.get(keyOf(search.resourceType, token)) ?? [])];
  }
}

function keysOf(resource: Resource): string[] {
  const expression = getSearchParameter(resource.resourceType, 'identifier')?.expression;
  if (!expression) return [];
  const keys: string[] = [];
  for (const { system, value } of convertToSearchableTokens(evalFhirPathTyped(expression, [toTypedValue(resource)]))) {
    if (!value) continue;
    keys.push(keyOf(resource.resourceType, { value }));
    if (system) keys.push(keyOf(resource.resourceType, { system, value }));
  }
  return keys;
}

function keyOf(resourceType: string, { system, value }: IdentifierToken): string {
  const parts = system === undefined ? [value] : [system, value];
  return JSON.stringify([resourceType, ...parts.map((part) => part.toLowerCase())]);
}

/**
 * `identifier=system|value` or `identifier=value` as the only filter, unsorted. Everything else (several
 * values, escapes, `|value`, `system|`, other filters, sorting) is left to the scan.
 */
function identifierFilter(search: SearchRequest): IdentifierToken | undefined {
  const [filter, ...others] = search.filters ?? [];
  if (!filter || others.length > 0 || search.sortRules?.length) return undefined;
  if (filter.code !== 'identifier' || filter.operator !== Operator.EQUALS || /[,\\]/.test(filter.value)) return undefined;
  const [first, second, ...rest] = filter.value.split('|');
  if (!first || rest.length > 0) return undefined;
  if (second === undefined) return { value: first };
  return second ? { system: first, value: second } : undefined;
}
