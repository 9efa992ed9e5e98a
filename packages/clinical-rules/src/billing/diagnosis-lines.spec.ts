import { ICD10CM, SNOMED } from '@keta/domain';
import { issuesOf } from '../../test/issues-of';
import { diagnosisLines } from './diagnosis-lines';

describe('diagnosisLines (DOMAIN.md §3.4)', () => {
  it('keeps the ICD-10-CM codes of conditions the clinic treats, each once, in the order given, described', () => {
    const lines = diagnosisLines([
      { system: SNOMED, code: '370143000', display: 'Major depressive disorder' },
      { system: ICD10CM, code: 'F33.1', display: 'as the referrer wrote it' },
      { system: ICD10CM, code: 'I10' },
      { system: ICD10CM, code: 'F41.1' },
      { system: ICD10CM, code: 'F33.1' },
      { system: 'http://example.org/icd', code: 'M79.7' },
    ]);
    expect(lines).toEqual([
      { system: 'ICD-10-CM', code: 'F33.1', description: 'Major depressive disorder, recurrent', source: { kind: 'domain', section: '§3.4' } },
      { system: 'ICD-10-CM', code: 'F41.1', description: 'Generalized anxiety disorder', source: { kind: 'domain', section: '§3.4' } },
    ]);
  });

  it('answers none when nothing is coded in ICD-10-CM', () => {
    expect(diagnosisLines([])).toEqual([]);
    expect(diagnosisLines([{ system: SNOMED, code: '370143000' }])).toEqual([]);
  });

  it.each([
    [[{ system: ICD10CM, code: '' }], '0.code'],
    [[{ system: '', code: 'F33.1' }], '0.system'],
    [[{ system: ICD10CM, code: 'F33.1', extra: 1 }], '0.extra'],
    [{ system: ICD10CM, code: 'F33.1' }, 'diagnoses'],
  ])('%j raises a validation error naming %s', (input, field) => {
    expect(issuesOf(() => diagnosisLines(input as never)).map((i) => i.field)).toEqual([field]);
  });
});
