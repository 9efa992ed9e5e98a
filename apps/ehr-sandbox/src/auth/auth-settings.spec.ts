import { parseAuthSettings } from './auth-settings';

const current = { enabled: true, tokenLifetimeSeconds: 300 };

describe('the auth settings', () => {
  it('keeps a field left out at its current value', () => {
    expect(parseAuthSettings({ tokenLifetimeSeconds: 1 }, current)).toEqual({ enabled: true, tokenLifetimeSeconds: 1 });
    expect(parseAuthSettings({ enabled: false }, current)).toEqual({ enabled: false, tokenLifetimeSeconds: 300 });
    expect(parseAuthSettings({}, current)).toEqual(current);
  });

  it.each<[unknown, string]>([
    [undefined, 'expected a JSON object'],
    [[], 'expected a JSON object'],
    [{ enabled: 'yes' }, 'enabled must be true or false'],
    [{ tokenLifetimeSeconds: 0 }, 'tokenLifetimeSeconds must be an integer from 1 to 86400'],
    [{ tokenLifetimeSeconds: 86_401 }, 'tokenLifetimeSeconds must be an integer from 1 to 86400'],
    [{ tokenLifetimeSeconds: 1.5 }, 'tokenLifetimeSeconds must be an integer from 1 to 86400'],
    [{ tokenLifetimeSeconds: '60' }, 'tokenLifetimeSeconds must be an integer from 1 to 86400'],
    [{ enabled: true, lifetime: 60 }, 'unknown auth setting: lifetime'],
  ])('refuses %j: %s', (input, problem) => {
    expect(parseAuthSettings(input, current)).toBe(problem);
  });
});
