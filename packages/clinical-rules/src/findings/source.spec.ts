import { clinicDefault, describeSource, domainRef, seed } from './source';

describe('sources', () => {
  it('say where a rule comes from, for people', () => {
    expect(describeSource(seed('003', 'Do I need a referral to begin therapy?'))).toBe('003_9a919d07d6b0c099.txt: Do I need a referral to begin therapy?');
    expect(describeSource(domainRef('§4.4'))).toBe('DOMAIN.md §4.4');
    expect(describeSource(clinicDefault('vitals thresholds'))).toBe('clinic-set default (vitals thresholds)');
  });

  it('name every seed file as it is in shared/seeds', () => {
    expect(seed('000', 's')).toEqual({ kind: 'seed', file: '000_f7e14d6f7ed11334.txt', section: 's' });
    expect(seed('004', 's')).toMatchObject({ file: '004_abb7f8e027270934.txt' });
  });
});
