import * as monitoring from '.';

it('exports the monitoring rules', () => {
  expect(Object.keys(monitoring).sort()).toEqual(['ADVERSE_EFFECTS', 'CONVENTIONAL_DOSES', 'adverseEffectAdvice', 'computeDose', 'vitalsAlerts']);
  for (const value of Object.values(monitoring)) expect(value).toBeDefined();
});
