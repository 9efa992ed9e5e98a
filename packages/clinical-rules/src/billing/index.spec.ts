import * as billing from '.';

it('exports the billing rules', () => {
  expect(Object.keys(billing).sort()).toEqual(['SUPERBILL_STATEMENT', 'codeInfusion', 'diagnosisLines', 'priceServices', 'superbillCoding']);
  for (const value of Object.values(billing)) expect(value).toBeDefined();
});
