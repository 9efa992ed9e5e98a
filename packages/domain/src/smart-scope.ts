import { z } from 'zod';

/**
 * SMART v2 system scopes (SMART App Launch 2.x, "Scopes for requesting FHIR resources"):
 * `system/<Type>.<cruds>` or `system/*.<cruds>`, the permission letters in that order, at least one.
 * Query-qualified scopes (`?category=...`) are not supported.
 */
const SYSTEM_SCOPE = /^system\/(\*|[A-Z][A-Za-z]{0,63})\.(?=[cruds])(c?r?u?d?s?)$/;
const PERMISSIONS = ['c', 'r', 'u', 'd', 's'] as const;
export type SmartPermission = (typeof PERMISSIONS)[number];

export interface SmartScope {
  /** A FHIR resource type, or `*` for every type. */
  type: string;
  /** A subsequence of `cruds`, never empty. */
  permissions: string;
}

export const smartScopeSchema = z
  .string()
  .max(100)
  .regex(SYSTEM_SCOPE, 'must be a SMART v2 system scope: system/<Type>.<cruds> or system/*.<cruds>');

export function parseSmartScope(text: string): SmartScope | undefined {
  const match = SYSTEM_SCOPE.exec(text);
  return match ? { type: match[1]!, permissions: match[2]! } : undefined;
}

export function formatSmartScope({ type, permissions }: SmartScope): string {
  return `system/${type}.${permissions}`;
}

/** The well-formed system scopes in a space-separated list (an OAuth `scope` value); anything else is dropped. */
export function parseSmartScopes(list: string | readonly string[]): SmartScope[] {
  const words = typeof list === 'string' ? list.split(' ') : list;
  return words.map(parseSmartScope).filter((scope) => scope !== undefined);
}

/**
 * What both sides allow: per pair, the narrower type (`*` meets `Patient` in `Patient`) and the common
 * permissions; then merged per type, in the order first asked for. Used for the scopes a token grants
 * (requested ∩ registered) and again on every request (token ∩ current registration).
 */
export function intersectSmartScopes(asked: readonly SmartScope[], allowed: readonly SmartScope[]): SmartScope[] {
  const granted = new Map<string, Set<string>>();
  for (const a of asked) {
    for (const b of allowed) {
      const type = a.type === '*' ? b.type : b.type === '*' || b.type === a.type ? a.type : undefined;
      const common = [...a.permissions].filter((p) => b.permissions.includes(p));
      if (!type || !common.length) continue;
      const letters = granted.get(type) ?? new Set<string>();
      common.forEach((p) => letters.add(p));
      granted.set(type, letters);
    }
  }
  return [...granted].map(([type, letters]) => ({ type, permissions: PERMISSIONS.filter((p) => letters.has(p)).join('') }));
}

/** Whether the scopes permit one interaction (`r` read, `s` search, ...) on one resource type. */
export function smartScopesAllow(scopes: readonly SmartScope[], type: string, permission: SmartPermission): boolean {
  return scopes.some((scope) => (scope.type === '*' || scope.type === type) && scope.permissions.includes(permission));
}
