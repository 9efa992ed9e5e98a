import type { Patient } from '@medplum/fhirtypes';
import { randomUUID } from 'node:crypto';
import type { RunningSandbox } from '../src/start-sandbox';
import { patient, sandboxClient, startTestSandbox, uniqueSystem, type SandboxClient } from './sandbox-client';

/**
 * `identifier=X` alone is answered from the index; `identifier=X&identifier=X` means the same but has two
 * filters, so it takes the repository's scan. Each search must find the same records both ways.
 */
async function expectSameAsScan(fhir: SandboxClient, identifier: string): Promise<string[]> {
  const param = `identifier=${encodeURIComponent(identifier)}`;
  const indexed = await fhir.searchIds('Patient', param);
  const scanned = await fhir.searchIds('Patient', `${param}&${param}`);
  expect(indexed).toEqual(scanned);
  expect(indexed.total).toBe(indexed.ids.length);
  return indexed.ids;
}

describe('identifier search', () => {
  let sandbox: RunningSandbox;
  let fhir: SandboxClient;
  const mrn = uniqueSystem();
  const insurer = uniqueSystem();
  const value = randomUUID();
  let both: Patient;
  let mrnOnly: Patient;
  let insurerOnly: Patient;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    fhir = sandboxClient(sandbox);
    const create = async (resource: Patient) => (await fhir.post<Patient>('/Patient', resource)).body;
    both = await create(patient([{ system: mrn, value: `A-${value}` }, { system: insurer, value: `B-${value}` }]));
    mrnOnly = await create(patient([{ system: mrn, value: `B-${value}` }]));
    insurerOnly = await create(patient([{ system: insurer, value: `A-${value}`, type: { text: `kind-${value}` } }]));
  });
  afterAll(() => sandbox.close());

  it.each([
    ['system|value', () => `${mrn}|A-${value}`, () => [both]],
    ['system|value, second identifier of the same resource', () => `${insurer}|B-${value}`, () => [both]],
    ['a bare value, under any system', () => `A-${value}`, () => [both, insurerOnly]],
    ['a bare value, other letter case', () => `b-${value.toUpperCase()}`, () => [both, mrnOnly]],
    ['system and value in other letter case', () => `${mrn.toUpperCase()}|a-${value}`, () => [both]],
    ['an identifier type text (a bare value matches it too)', () => `kind-${value}`, () => [insurerOnly]],
    ['a value under the wrong system', () => `${insurer}|nothing-${value}`, () => []],
    ['a system alone (left to the scan)', () => `${insurer}|`, () => [both, insurerOnly]],
    ['two values (left to the scan)', () => `${mrn}|A-${value},${mrn}|B-${value}`, () => [both, mrnOnly]],
  ])('finds the same records as a scan for %s', async (_case, identifier, expected) => {
    const ids = await expectSameAsScan(fhir, identifier());
    expect(ids).toEqual(expected().map((p) => p.id).sort());
  });

  it('pages index answers like scan answers: total is every match, _count and _offset pick the page', async () => {
    const search = `identifier=A-${value}`;
    const first = await fhir.searchIds('Patient', `${search}&_count=1`);
    const second = await fhir.searchIds('Patient', `${search}&_count=1&_offset=1`);
    expect(first.total).toBe(2);
    expect(second.total).toBe(2);
    expect([...first.ids, ...second.ids].sort()).toEqual([both.id, insurerOnly.id].sort());
    expect(await fhir.searchIds('Patient', `${search}&_count=0`)).toEqual({ ids: [], total: 2 });
  });

  it('follows updates and deletes: an identifier taken away stops matching', async () => {
    const system = uniqueSystem();
    const { body: created } = await fhir.post<Patient>('/Patient', patient([{ system, value: 'old' }, { system, value: 'kept' }]));
    await fhir.put(`/Patient/${created.id}`, { ...created, identifier: [{ system, value: 'new' }, { system, value: 'kept' }] });
    expect(await expectSameAsScan(fhir, `${system}|old`)).toEqual([]);
    expect(await expectSameAsScan(fhir, `${system}|new`)).toEqual([created.id]);
    expect(await expectSameAsScan(fhir, `${system}|kept`)).toEqual([created.id]);

    expect((await fhir.delete(`/Patient/${created.id}`)).status).toBe(200);
    expect(await expectSameAsScan(fhir, `${system}|new`)).toEqual([]);
    expect(await expectSameAsScan(fhir, `${system}|kept`)).toEqual([]);
  });
});
