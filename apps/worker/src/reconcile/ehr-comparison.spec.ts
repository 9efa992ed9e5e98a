import type { Bundle } from '@medplum/fhirtypes';
import { compareWithEhr, foundIn, type FoundResource, type Verdict } from './ehr-comparison';

describe('comparing a ledger row with what the EHR holds', () => {
  const held = { remoteId: 'ehr-1', remoteVersion: 'v-2' };
  const cases: Array<[string, { remoteId: string; remoteVersion: string | null }, FoundResource[], Verdict]> = [
    ['the same resource at the version we sent', held, [{ id: 'ehr-1', versionId: 'v-2' }], 'matching'],
    ['the same resource, changed since (another version)', held, [{ id: 'ehr-1', versionId: 'v-3' }], 'altered'],
    ['nothing under the identifier (deleted)', held, [], 'missing'],
    ['another resource under the identifier (ours deleted, one made in its place)', held, [{ id: 'ehr-9', versionId: 'v-1' }], 'missing'],
    ['ours among duplicates, unchanged', held, [{ id: 'ehr-9', versionId: 'v-1' }, { id: 'ehr-1', versionId: 'v-2' }], 'matching'],
    ['ours, and the ledger never had its version', { remoteId: 'ehr-1', remoteVersion: null }, [{ id: 'ehr-1', versionId: 'v-7' }], 'matching'],
    ['ours, the EHR giving no version now', held, [{ id: 'ehr-1', versionId: null }], 'altered'],
  ];

  it.each(cases)('%s', (_, ledger, found, verdict) => {
    expect(compareWithEhr(ledger, found)).toBe(verdict);
  });
});

describe('reading a searchset', () => {
  it('keeps the matches of the searched type, by id and version', () => {
    const searchset = {
      resourceType: 'Bundle', type: 'searchset', entry: [
        { resource: { resourceType: 'Condition', id: 'c-1', meta: { versionId: '4' } }, search: { mode: 'match' } },
        { resource: { resourceType: 'Condition', id: 'c-2' } },
        { resource: { resourceType: 'Patient', id: 'p-1' }, search: { mode: 'include' } },
        { resource: { resourceType: 'OperationOutcome', id: 'o' }, search: { mode: 'outcome' } },
      ],
    } as Bundle;
    expect(foundIn(searchset, 'Condition')).toEqual([{ id: 'c-1', versionId: '4' }, { id: 'c-2', versionId: null }]);
    expect(foundIn({ resourceType: 'Bundle', type: 'searchset' }, 'Condition')).toEqual([]);
  });
});
