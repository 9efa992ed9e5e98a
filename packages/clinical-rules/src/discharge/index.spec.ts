import * as discharge from '.';

it('exports the discharge rule', () => {
  expect(Object.keys(discharge)).toEqual(['dischargeReadiness']);
  for (const value of Object.values(discharge)) expect(value).toBeDefined();
});
