import { DomainError } from '@keta/errors';
import { PRESETS } from '../policy/presets';
import { reviewMedications } from './review-medications';

const review = (meds: Parameters<typeof reviewMedications>[0], preset: keyof typeof PRESETS = 'seed-002') => reviewMedications(meds, PRESETS[preset]);

describe('medication review', () => {
  it.each([
    [{ name: 'Ativan' }, 'benzodiazepine', 'name'],
    [{ name: 'XANAX XR 0.5MG' }, 'benzodiazepine', 'name'],
    [{ name: 'alprazolam1mg tablet' }, 'benzodiazepine', 'name'],
    [{ name: '  Klonopin   2 mg ' }, 'benzodiazepine', 'name'],
    [{ name: 'diazepam 10 MG Oral Tablet' }, 'benzodiazepine', 'name'],
    [{ name: 'temazepam' }, 'benzodiazepine', 'name'],
    [{ rxnorm: '197901' }, 'benzodiazepine', 'code'],
    [{ rxnorm: '198428', name: 'Something else' }, 'lamotrigine', 'code'],
    [{ name: 'Lamictal XR' }, 'lamotrigine', 'name'],
    [{ name: 'lamotrigine 100 mg' }, 'lamotrigine', 'name'],
    [{ name: 'Nardil' }, 'maoi', 'name'],
    [{ name: 'tranylcypromine' }, 'maoi', 'name'],
    [{ name: 'Emsam 6 mg/24 hr patch' }, 'maoi', 'name'],
    [{ rxnorm: '8123' }, 'maoi', 'code'],
  ] as const)('%j is a %s (matched by %s)', (medication, drugClass, by) => {
    const [result] = review([medication]);
    expect(result).toMatchObject({ drugClass, matchedBy: by });
  });

  it('leaves other medications alone', () => {
    const [sertraline, aspirin] = review([{ name: 'Sertraline 50 mg' }, { rxnorm: '1191' }]);
    expect(sertraline).toMatchObject({ drugClass: null, finding: null, patientInstruction: null, ifTaken: 'none' });
    expect(aspirin?.drugClass).toBeNull();
  });

  it('seed 002: hold MAOIs, benzodiazepines and lamotrigine the evening before and the day of', () => {
    const results = review([{ name: 'Xanax' }, { name: 'Lamictal' }, { name: 'Nardil' }]);
    expect(results.map((r) => r.rule?.instruction)).toEqual(Array(3).fill('hold-evening-before-and-day-of'));
    expect(results[0]?.patientInstruction).toBe('Do not take your Xanax the evening before or on the day of your infusion; take it as usual on other days. Do not stop it on other days without your prescriber.');
    expect(results[0]?.finding).toMatchObject({ code: 'medication.benzodiazepine', severity: 'warn', source: { kind: 'seed', file: '002_d81a41293172daa1.txt' } });
  });

  it.each([
    ['seed-003', 'Lamictal', 'prescriber-consult', 'Keep taking your Lamictal; we will talk with your prescriber about adjusting it during your infusion series.', 'warn'],
    ['seed-003', 'Xanax', 'continue', 'Keep taking your Xanax as prescribed.', 'info'],
    ['seed-004', 'Xanax', 'hold-day-of', 'Do not take your Xanax on the day of your infusion; take it as usual on other days. Do not stop it on other days without your prescriber.', 'warn'],
    ['seed-001', 'Nardil', 'tell-provider', 'Keep taking your Nardil, and make sure your ketamine provider knows you take it.', 'warn'],
  ] as const)('%s: %s → %s', (preset, name, instruction, sentence, severity) => {
    const [result] = review([{ name }], preset);
    expect(result).toMatchObject({ rule: { instruction }, patientInstruction: sentence, finding: { severity } });
  });

  it('blocks when the clinic says taking it blocks treatment and does not have it held', () => {
    const strict = { ...PRESETS.default, rules: { ...PRESETS.default.rules, medications: { ...PRESETS.default.rules.medications, maoi: { instruction: 'continue' as const, ifTaken: 'block' as const } } } };
    const [result] = reviewMedications([{ name: 'Parnate' }], strict);
    expect(result?.finding).toMatchObject({ severity: 'block', message: 'Parnate is an MAOI (MAOIs can raise blood pressure with ketamine): continue it.' });
  });

  it.each(['hold-day-of', 'hold-evening-before-and-day-of'] as const)('warns, not blocks, when the clinic blocks on it but has it held (%s): the day of the infusion decides', (instruction) => {
    const strict = { ...PRESETS.default, rules: { ...PRESETS.default.rules, medications: { ...PRESETS.default.rules.medications, maoi: { instruction, ifTaken: 'block' as const } } } };
    const [result] = reviewMedications([{ name: 'Parnate' }], strict);
    expect(result).toMatchObject({ ifTaken: 'block', finding: { severity: 'warn', message: expect.stringMatching(/: hold it .*infusion\. Taken inside that window, it stops the infusion\.$/) } });
    const held = { ...strict, rules: { ...strict.rules, medications: { ...strict.rules.medications, maoi: { instruction, ifTaken: 'warn' as const } } } };
    expect(reviewMedications([{ name: 'Parnate' }], held)[0]?.finding?.message).not.toContain('stops the infusion');
  });

  it('flags a match on an RxNorm code DOMAIN.md marks unverified', () => {
    expect(review([{ rxnorm: '6470' }])[0]?.finding?.message).toContain('marks unverified');
    expect(review([{ rxnorm: '197901' }])[0]?.finding?.message).not.toContain('unverified');
  });

  it('names what is wrong with a medication entry', () => {
    const fields = (meds: unknown) => {
      try {
        reviewMedications(meds as never, PRESETS.default);
      } catch (error) {
        return (error as DomainError).issues.map((i) => i.field);
      }
      return [];
    };
    expect(fields([{}])).toEqual(['0']);
    expect(fields([{ rxnorm: 'abc' }])).toEqual(['0.rxnorm']);
    expect(reviewMedications([], PRESETS.default)).toEqual([]);
  });
});
