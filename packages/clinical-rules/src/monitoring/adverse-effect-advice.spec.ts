import fc from 'fast-check';
import { ADVERSE_EFFECTS, type AdverseEffect } from './adverse-effect';
import { adverseEffectAdvice } from './adverse-effect-advice';
import { issuesOf } from '../../test/issues-of';


const SEED_000 = '000_f7e14d6f7ed11334.txt';
const SEED_001 = '001_f793fac606909382.txt';
const SEED_002 = '002_d81a41293172daa1.txt';
const SEED_004 = '004_abb7f8e027270934.txt';

describe('adverseEffectAdvice', () => {
  it('gives no advice for no effects', () => {
    expect(adverseEffectAdvice([])).toEqual([]);
  });

  it.each<[AdverseEffect, string, string, string]>([
    ['nausea', 'monitoring.nausea', 'info', SEED_000],
    ['dizziness', 'monitoring.dizziness', 'info', SEED_001],
    ['distressing-dissociation', 'monitoring.lower-dose-or-rate', 'review', SEED_002],
    ['hallucinations', 'monitoring.lower-dose-or-rate', 'review', SEED_002],
    ['unwanted-sensations', 'monitoring.lower-dose-or-rate', 'review', SEED_002],
    ['elevated-blood-pressure', 'monitoring.check-blood-pressure', 'warn', SEED_000],
    ['increased-heart-rate', 'monitoring.check-heart-rate', 'warn', SEED_004],
  ])('%s: %s (%s), from %s', (effect, code, severity, file) => {
    expect(adverseEffectAdvice([effect])).toEqual([{ code, severity, message: expect.any(String), source: expect.objectContaining({ kind: 'seed', file }) }]);
  });

  it('calls the vomiting advice clinic-set: no seed page names vomiting', () => {
    expect(adverseEffectAdvice(['vomiting'])).toEqual([expect.objectContaining({ code: 'monitoring.vomiting', severity: 'review', source: expect.objectContaining({ kind: 'clinic-default' }) })]);
  });

  it('lowers the dose or the rate once for every unwanted experience (seed 002 Q4)', () => {
    expect(adverseEffectAdvice(['unwanted-sensations', 'hallucinations', 'distressing-dissociation', 'hallucinations'])).toEqual([{
      code: 'monitoring.lower-dose-or-rate',
      severity: 'review',
      message: 'Distressing dissociation, hallucinations, unwanted sensations: if unwanted or unpleasant, the clinician may lower the dose or slow the infusion rate, and stays close by.',
      source: { kind: 'seed', file: SEED_002, section: 'Q4: How am I going to feel during the infusion?' },
    }]);
  });

  it('orders the advice by severity', () => {
    expect(adverseEffectAdvice([...ADVERSE_EFFECTS]).map((f) => f.severity)).toEqual(['review', 'review', 'warn', 'warn', 'info', 'info']);
  });

  it.each<[string, unknown, string]>([
    ['an unknown effect', ['nausea', 'headache'], 'effects.1'],
    ['a non-string', [3], 'effects.0'],
    ['not a list', 'nausea', 'effects'],
  ])('%s raises a validation error naming the field', (_, effects, field) => {
    expect(issuesOf(() => adverseEffectAdvice(effects as AdverseEffect[])).map((i) => i.field)).toEqual([field]);
  });

  it('property: the order and repetition of the effects do not matter', () => {
    const effects = fc.array(fc.constantFrom(...ADVERSE_EFFECTS), { maxLength: 12 });
    fc.assert(fc.property(effects, fc.infiniteStream(fc.nat()), (list, ranks) => {
      const shuffled = list.map((e) => [ranks.next().value as number, e] as const).sort((a, b) => a[0] - b[0]).map(([, e]) => e);
      expect(adverseEffectAdvice([...shuffled, ...shuffled.slice(0, 2)])).toEqual(adverseEffectAdvice(list));
    }));
  });
});
