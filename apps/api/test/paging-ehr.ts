import type { Bundle, Resource, ServiceRequest } from '@medplum/fhirtypes';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface PagingEhr {
  baseUrl: string;
  put(resources: Resource[]): void;
  /** The EHR changes a ServiceRequest now: a new version, a later lastUpdated. */
  touch(id: string): void;
  /** Called after each search page is served (to change things mid-search). */
  afterPage: (page: number) => void;
  /** Reads of these (`Type/id`) answer 500, as an EHR does when the store behind one record fails. */
  unavailable: Set<string>;
  /** While true, what is put gets the same lastUpdated (a bulk load, or a clock of one-second steps). */
  frozen: boolean;
  close(): Promise<void>;
}

/**
 * An EHR that pages its ServiceRequest searches by offset, with next links, as many do (or gives none), and may
 * ignore `_sort` or cap `_count`: what the sandbox (Medplum's router, which gives no next links) cannot be made
 * to show. Reads by id, `_lastUpdated` (`ge`, `gt`) and `_count` are honoured; nothing else of FHIR is (not
 * `_id`, not `status`).
 */
export async function startPagingEhr({ sorted, links = true, cap = Infinity }: { sorted: boolean; links?: boolean; cap?: number }): Promise<PagingEhr> {
  const store = new Map<string, Resource>();
  let clock = Date.parse('2026-12-01T10:00:00Z');
  let pages = 0;
  const stamp = (resource: Resource): Resource => {
    if (!ehr.frozen) clock += 1000;
    const version = Number(resource.meta?.versionId ?? 0) + 1;
    return { ...resource, meta: { versionId: String(version), lastUpdated: new Date(clock).toISOString() } };
  };
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://ehr');
    const send = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/fhir+json' }).end(JSON.stringify(body));
    const [, , , type, id] = url.pathname.split('/');
    if (type !== 'ServiceRequest' || id) {
      if (ehr.unavailable.has(`${type}/${id}`)) return send(500, { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'exception' }] });
      const found = store.get(`${type}/${id}`);
      return found ? send(200, found) : send(404, { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'not-found' }] });
    }
    const [, after, from] = /^(g[et])(.*)$/.exec(url.searchParams.get('_lastUpdated') ?? '') ?? [];
    const count = Math.min(cap, Number(url.searchParams.get('_count') ?? 50));
    const offset = Number(url.searchParams.get('_offset') ?? 0);
    const matches = [...store.values()].filter((r): r is ServiceRequest => r.resourceType === 'ServiceRequest')
      .filter((r) => !from || (after === 'gt' ? Date.parse(r.meta!.lastUpdated!) > Date.parse(from) : Date.parse(r.meta!.lastUpdated!) >= Date.parse(from)));
    if (sorted) matches.sort((a, b) => Date.parse(a.meta!.lastUpdated!) - Date.parse(b.meta!.lastUpdated!));
    else matches.sort((a, b) => (a.id! < b.id! ? 1 : -1));
    const page = matches.slice(offset, offset + count);
    const next = new URL(url);
    next.searchParams.set('_offset', String(offset + count));
    // The self link shows the parameters applied, as FHIR asks: `_sort` only when it was.
    const self = new URL(url);
    if (!sorted) self.searchParams.delete('_sort');
    const bundle: Bundle = {
      resourceType: 'Bundle', type: 'searchset',
      link: [
        { relation: 'self', url: `${ehr.baseUrl}/ServiceRequest${self.search}` },
        ...(links && offset + count < matches.length ? [{ relation: 'next', url: `${ehr.baseUrl}/ServiceRequest${next.search}` }] : []),
      ],
      entry: page.map((resource) => ({ resource, search: { mode: 'match' } })),
    };
    send(200, bundle);
    ehr.afterPage(++pages);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const ehr: PagingEhr = {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/fhir/R4`,
    put: (resources) => resources.forEach((r) => store.set(`${r.resourceType}/${r.id}`, stamp(r))),
    touch: (id) => store.set(`ServiceRequest/${id}`, stamp(store.get(`ServiceRequest/${id}`)!)),
    afterPage: () => undefined,
    unavailable: new Set(),
    frozen: false,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  return ehr;
}
