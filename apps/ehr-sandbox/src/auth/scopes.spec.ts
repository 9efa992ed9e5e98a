import { allows, grantableScopes, parseSystemScope, type Permission, type SystemScope } from './scopes';

const parsed = (text: string): SystemScope => {
  const scope = parseSystemScope(text);
  if (!scope) throw new Error(`${text} should parse`);
  return scope;
};
const letters = (text: string) => [...parsed(text).permissions].sort().join('');

describe('SMART system scopes', () => {
  it.each([
    ['system/Patient.cruds', 'Patient', 'cdrsu'],
    ['system/Patient.rs', 'Patient', 'rs'],
    ['system/*.cud', '*', 'cdu'],
    ['system/Observation.read', 'Observation', 'rs'],
    ['system/Observation.write', 'Observation', 'cdu'],
    ['system/*.*', '*', 'cdrsu'],
  ])('reads %s as %s with %s', (text, resourceType, permissions) => {
    expect(parsed(text).resourceType).toBe(resourceType);
    expect(letters(text)).toBe(permissions);
  });

  it.each(['patient/Patient.read', 'user/*.rs', 'system/Patient.', 'system/Patient.sr', 'system/Patient.rr', 'system/Patient.rs?category=x', 'openid', 'system/patient.read', ''])(
    'does not read %j as a system scope',
    (text) => {
      expect(parseSystemScope(text)).toBeUndefined();
    },
  );

  it.each<[string, string, string[]]>([
    ['system/Patient.rs system/Observation.cruds', 'system/Patient.rs', ['system/Patient.rs']],
    ['system/Patient.cruds', 'system/Patient.read system/Patient.write', ['system/Patient.read', 'system/Patient.write']],
    ['system/*.rs', 'system/Patient.r system/Observation.s system/Patient.c', ['system/Patient.r', 'system/Observation.s']],
    ['system/*.*', 'system/*.cruds openid system/Encounter.write', ['system/*.cruds', 'system/Encounter.write']],
    ['system/Patient.read', 'system/*.rs system/Patient.cruds', []],
    ['system/Patient.rs', 'system/Patient.rs system/Patient.rs', ['system/Patient.rs']],
  ])('of registered %s grants from %s: %j', (registered, requested, granted) => {
    expect(grantableScopes(requested, registered.split(' ').map(parsed))).toEqual(granted);
  });

  it.each<[string, string, Permission, boolean]>([
    ['system/Patient.rs', 'Patient', 'r', true],
    ['system/Patient.rs', 'Patient', 'c', false],
    ['system/Patient.rs', 'Observation', 'r', false],
    ['system/*.cu', 'Observation', 'u', true],
    ['system/Patient.cruds', '*', 's', false],
    ['system/*.s', '*', 's', true],
  ])('%s allows %s %s: %s', (scope, resourceType, permission, expected) => {
    expect(allows([parsed(scope)], resourceType, permission)).toBe(expected);
  });
});
