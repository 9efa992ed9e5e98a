import * as outcomes from '.';

it('exports the outcome rules and nothing that skips validation', () => {
  expect(Object.keys(outcomes).sort()).toEqual([
    'INSTRUMENTS', 'INSTRUMENT_DEFINITIONS', 'RESPONSE_RATE_CONTEXT', 'assessResponse', 'clinicResponseRate',
    'expectedResponseCheck', 'painChange', 'scoreGad7', 'scorePhq9',
  ]);
  for (const value of Object.values(outcomes)) expect(value).toBeDefined();
});
