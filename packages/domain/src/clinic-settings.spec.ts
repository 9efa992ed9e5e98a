import { clinicSettingsSchema } from './clinic-settings';
import { newUserSchema } from './user';

const valid = {
  name: 'Harbor Ketamine Clinic',
  timeZone: 'America/Los_Angeles',
  openingDays: ['mon', 'tue', 'wed', 'thu', 'fri'],
  chairs: 4,
  policyPreset: 'seed-003',
};

function fieldsAtFault(input: unknown): string[] {
  const result = clinicSettingsSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => i.path.join('.'));
}

describe('clinic settings', () => {
  it('accepts a clinic open Monday to Friday', () => {
    expect(clinicSettingsSchema.parse(valid)).toEqual({ ...valid, policyAdjustments: {}, closures: [] });
  });

  it.each([
    [{ timeZone: 'Mars/Olympus' }, 'timeZone'],
    [{ openingDays: [] }, 'openingDays'],
    [{ openingDays: ['mon', 'mon'] }, 'openingDays'],
    [{ openingDays: ['funday'] }, 'openingDays.0'],
    [{ chairs: 0 }, 'chairs'],
    [{ chairs: 2.5 }, 'chairs'],
    [{ policyPreset: 'seed-999' }, 'policyPreset'],
    [{ colour: 'teal' }, ''],
    [{ closures: ['2026-12-25', '2026-12-25'] }, 'closures'],
    [{ closures: ['2026-02-30'] }, 'closures.0'],
    [{ closures: Array.from({ length: 1001 }, (_, i) => new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10)) }, 'closures'],
  ])('rejects %j naming %s', (change, field) => {
    expect(fieldsAtFault({ ...valid, ...change })).toEqual([field]);
  });
});

describe('new user', () => {
  it('lower-cases the email and requires a 12-character password', () => {
    const user = newUserSchema.parse({
      email: 'Dr.Ames@Clinic.Example',
      displayName: 'Dr Ames',
      role: 'clinician',
      password: 'correct horse battery',
    });
    expect(user.email).toBe('dr.ames@clinic.example');
    expect(newUserSchema.safeParse({ ...user, password: 'short' }).success).toBe(false);
  });
});
