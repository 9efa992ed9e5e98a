/** A SMART permission letter (v2): create, read, update, delete, search. */
export type Permission = 'c' | 'r' | 'u' | 'd' | 's';

/** One `system/...` scope: a resource type (or `*` for every type) and what it allows on it. */
export interface SystemScope {
  resourceType: string;
  permissions: ReadonlySet<Permission>;
}

const SYSTEM_SCOPE = /^system\/(\*|[A-Z][A-Za-z]*)\.(read|write|\*|c?r?u?d?s?)$/;

/** SMART v1 words as the v2 letters they mean (SMART App Launch 2.0, "scopes for requesting FHIR resources"). */
const V1_PERMISSIONS: Record<string, string> = { read: 'rs', write: 'cud', '*': 'cruds' };

/**
 * `system/Patient.cruds`, `system/*.rs` (SMART v2, letters in that order) or `system/Patient.read|write|*`
 * (v1); anything else (user/ and patient/ scopes, v2 query parameters, openid) is not a system scope.
 */
export function parseSystemScope(text: string): SystemScope | undefined {
  const match = SYSTEM_SCOPE.exec(text);
  if (!match || match[2] === '') return undefined;
  const letters = V1_PERMISSIONS[match[2]!] ?? match[2]!;
  return { resourceType: match[1]!, permissions: new Set(letters.split('') as Permission[]) };
}

/** Scopes as sent: separated by spaces, each once. */
export function splitScopes(text: string): string[] {
  return [...new Set(text.split(' ').filter(Boolean))];
}

/** Whether `held` allows everything `wanted` asks for. */
export function covers(held: SystemScope, wanted: SystemScope): boolean {
  const typeCovered = held.resourceType === '*' || held.resourceType === wanted.resourceType;
  return typeCovered && [...wanted.permissions].every((permission) => held.permissions.has(permission));
}

/** The requested scopes the client's registered ones allow, as requested; others are left out, not widened. */
export function grantableScopes(requested: string, registered: readonly SystemScope[]): string[] {
  return splitScopes(requested).filter((text) => {
    const wanted = parseSystemScope(text);
    return wanted !== undefined && registered.some((held) => covers(held, wanted));
  });
}

/** Whether any granted scope allows `permission` on `resourceType` (`*`: a system-wide interaction). */
export function allows(granted: readonly SystemScope[], resourceType: string, permission: Permission): boolean {
  return granted.some((held) => covers(held, { resourceType, permissions: new Set([permission]) }));
}
