import type { HttpMethod, RestInteraction } from '@medplum/fhir-router';
import type { Permission } from './scopes';

/** What one interaction needs a scope to allow: `Patient` + `u` for an update of a Patient. */
export interface NeededAccess {
  resourceType: string;
  interaction: string;
  permission: Permission;
}

/** What the router would do with a request: the sandbox's FhirService.interaction. */
export type InteractionOf = (method: HttpMethod, path: string) => RestInteraction | undefined;

const PERMISSIONS: Partial<Record<RestInteraction, Permission>> = {
  read: 'r',
  vread: 'r',
  'history-instance': 'r',
  'history-type': 'r',
  'history-system': 'r',
  'search-type': 's',
  'search-system': 's',
  create: 'c',
  update: 'u',
  patch: 'u',
  delete: 'd',
};

/**
 * The access a FHIR request needs, checked before anything is done: each entry of a transaction or batch
 * counts as its own request. Interactions the router does not know need nothing: it answers them 404.
 */
export function neededAccess(method: HttpMethod, path: string, body: unknown, interactionOf: InteractionOf): NeededAccess[] {
  const interaction = interactionOf(method, path);
  if (interaction === 'batch' || interaction === 'transaction') return bundleEntries(body).flatMap((entry) => entryAccess(entry, interactionOf));
  const permission = interaction && PERMISSIONS[interaction];
  return permission ? [{ resourceType: resourceTypeOf(path), interaction: interaction!, permission }] : [];
}

interface EntryRequest {
  method: HttpMethod;
  url: string;
}

function bundleEntries(body: unknown): EntryRequest[] {
  const entries = (body as { entry?: unknown } | undefined)?.entry;
  if (!Array.isArray(entries)) return [];
  return entries.flatMap((entry: { request?: { method?: unknown; url?: unknown } } | null) => {
    const request = entry?.request;
    const ok = typeof request?.method === 'string' && typeof request.url === 'string';
    return ok ? [{ method: request.method as HttpMethod, url: request.url as string }] : [];
  });
}

function entryAccess({ method, url }: EntryRequest, interactionOf: InteractionOf): NeededAccess[] {
  const path = `/${url.split('?')[0]!.replace(/^\/+/, '')}`;
  return neededAccess(method, path, undefined, interactionOf);
}

/** `/Patient/1` is about Patient; `/`, `/_history` or `/$op` about every type (`*`). */
function resourceTypeOf(path: string): string {
  const [first] = path.split('/').filter(Boolean);
  return first && /^[A-Z]/.test(first) ? first : '*';
}
