import { OperationOutcomeError, parseSearchRequest, type SearchRequest } from '@medplum/core';
import { MemoryRepository } from '@medplum/fhir-router';
import type { Identifier, Patient } from '@medplum/fhirtypes';
import { SandboxRepository } from './sandbox.repository';

const SYSTEMS = ['urn:a', 'urn:b', 'URN:B'];
const VALUES = ['x', 'X', 'y', 'z'];

/** Patients with every mix of the identifiers above, some with a type text that a bare value also matches. */
function patients(): Patient[] {
  const result: Patient[] = [];
  for (let i = 0; i < 40; i++) {
    const identifier: Identifier[] = [];
    for (let j = 0; j <= i % 3; j++) {
      identifier.push({ system: SYSTEMS[(i + j) % SYSTEMS.length], value: VALUES[(i * 7 + j) % VALUES.length] });
    }
    if (i % 5 === 0) identifier.push({ type: { text: 'z' }, value: 'typed' });
    result.push({ resourceType: 'Patient', identifier });
  }
  return result;
}

const SEARCHES = [
  ...VALUES.map((v) => `identifier=${v}`),
  ...SYSTEMS.flatMap((s) => VALUES.map((v) => `identifier=${s}|${v}`)),
  'identifier=urn:a|x&_count=3&_offset=2',
  'identifier=typed&_count=0',
];

async function ids(search: Promise<{ entry?: { resource?: { id?: string } }[]; total?: number }>) {
  const bundle = await search;
  return { ids: (bundle.entry ?? []).map((e) => e.resource?.id).sort(), total: bundle.total };
}

describe('SandboxRepository', () => {
  describe('identifier index', () => {
    let repo: SandboxRepository;
    const scan = (request: SearchRequest) => MemoryRepository.prototype.search.call(repo, request);

    beforeAll(async () => {
      repo = new SandboxRepository();
      for (const patient of patients()) await repo.createResource(patient);
    });

    it.each(SEARCHES)('answers %s as the scan does, without scanning', async (query) => {
      const request = parseSearchRequest(`Patient?${query}`);
      const expected = await ids(scan(request));
      const scanning = jest.spyOn(MemoryRepository.prototype, 'search');
      try {
        expect(await ids(repo.search(request))).toEqual(expected);
        expect(scanning).not.toHaveBeenCalled();
      } finally {
        scanning.mockRestore();
      }
    });

    it('leaves other searches to the scan', async () => {
      const scanning = jest.spyOn(MemoryRepository.prototype, 'search');
      try {
        for (const query of ['identifier=urn:a|', 'identifier=|x', 'identifier=x,y', 'identifier:not=x', 'identifier=x&_sort=_id']) {
          await repo.search(parseSearchRequest(`Patient?${query}`));
        }
        expect(scanning).toHaveBeenCalledTimes(5);
      } finally {
        scanning.mockRestore();
      }
    });
  });

  describe('transactions', () => {
    const mrn = (value: string): Patient => ({ resourceType: 'Patient', identifier: [{ system: 'urn:mrn', value }] });
    const find = (repo: SandboxRepository, value: string) => repo.searchResources(parseSearchRequest(`Patient?identifier=urn:mrn|${value}`));

    it('undoes creates, updates and deletes of a failed transaction, newest first', async () => {
      const repo = new SandboxRepository();
      const kept = await repo.createResource(mrn('kept'));
      const deleted = await repo.createResource(mrn('deleted'));
      const failure = repo.withTransaction(async () => {
        await repo.createResource(mrn('new'));
        const updated = await repo.updateResource({ ...kept, identifier: [{ system: 'urn:mrn', value: 'renamed' }] });
        await repo.updateResource({ ...updated, gender: 'other' });
        await repo.deleteResource('Patient', deleted.id);
        await repo.createResource({ resourceType: 'Patient', birthDate: 'not a date' });
      });
      await expect(failure).rejects.toBeInstanceOf(OperationOutcomeError);

      expect(await repo.readResource('Patient', kept.id)).toEqual(kept);
      expect((await repo.readHistory('Patient', kept.id)).entry).toHaveLength(1);
      expect(await repo.readResource('Patient', deleted.id)).toEqual(deleted);
      expect(await find(repo, 'kept')).toEqual([kept]);
      expect(await find(repo, 'deleted')).toEqual([deleted]);
      expect(await find(repo, 'renamed')).toEqual([]);
      expect(await find(repo, 'new')).toEqual([]);
    });

    it('lets nested calls join the outer transaction, so the outer failure undoes them too', async () => {
      const repo = new SandboxRepository();
      const failure = repo.withTransaction(async () => {
        await repo.conditionalUpdate(mrn('inner'), parseSearchRequest('Patient?identifier=urn:mrn|inner'));
        throw new Error('later entry failed');
      });
      await expect(failure).rejects.toThrow('later entry failed');
      expect(await find(repo, 'inner')).toEqual([]);
    });

    it('keeps everything a successful transaction wrote', async () => {
      const repo = new SandboxRepository();
      await repo.withTransaction(async () => {
        await repo.createResource(mrn('one'));
        await repo.createResource(mrn('two'));
      });
      expect(await find(repo, 'one')).toHaveLength(1);
      expect(await find(repo, 'two')).toHaveLength(1);
    });
  });
});
