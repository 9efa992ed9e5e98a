import { feeScheduleSchema, isBillingCode, superbillQuerySchema } from './billing';

const infusion = { system: 'CPT', code: '96365', description: 'IV infusion, initial, up to 1 hour', unitPriceCents: 45000 };
const ketamine = { system: 'HCPCS', code: 'J3490', description: 'Unclassified drugs (ketamine)', unitPriceCents: 5000 };

function fieldsAtFault(input: unknown): string[] {
  const result = feeScheduleSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => i.path.join('.'));
}

describe('fee schedule', () => {
  it('takes the clinic\'s prices by CPT and HCPCS code, in cents', () => {
    const schedule = { currency: 'USD', fees: [infusion, ketamine, { ...infusion, code: '0001U', unitPriceCents: 0 }] };
    expect(feeScheduleSchema.parse(schedule)).toEqual(schedule);
    expect(feeScheduleSchema.parse({ currency: 'USD', fees: [] })).toEqual({ currency: 'USD', fees: [] });
  });

  it.each([
    [{ currency: 'EUR' }, 'currency'],
    [{ fees: [{ ...infusion, unitPriceCents: -1 }] }, 'fees.0.unitPriceCents'],
    [{ fees: [{ ...infusion, unitPriceCents: 450.5 }] }, 'fees.0.unitPriceCents'],
    [{ fees: [{ ...infusion, unitPriceCents: 10_000_001 }] }, 'fees.0.unitPriceCents'],
    [{ fees: [{ ...infusion, code: 'J3490' }] }, 'fees.0.code'],
    [{ fees: [ketamine, { ...ketamine, code: '96365' }] }, 'fees.1.code'],
    [{ fees: [infusion, ketamine, { ...infusion, unitPriceCents: 1 }] }, 'fees.2.code'],
    [{ fees: [{ ...infusion, system: 'ICD-10-CM' }] }, 'fees.0.system'],
    [{ fees: [{ ...infusion, description: ' ' }] }, 'fees.0.description'],
    [{ fees: [{ ...infusion, price: 1 }] }, 'fees.0'],
    [{ extra: true }, ''],
  ])('refuses %j naming %s', (change, field) => {
    expect(fieldsAtFault({ currency: 'USD', fees: [infusion], ...change })).toEqual([field]);
  });

  it('knows the shape of CPT and HCPCS codes', () => {
    expect(['96365', '96366', '0001F', '0500T', '0001U'].every((c) => isBillingCode('CPT', c))).toBe(true);
    expect(['9636', '963650', 'J3490', '0001X'].some((c) => isBillingCode('CPT', c))).toBe(false);
    expect(['J3490', 'J0013', 'G2082', 'S0013'].every((c) => isBillingCode('HCPCS', c))).toBe(true);
    expect(['96365', 'W1234', 'J349', 'j3490'].some((c) => isBillingCode('HCPCS', c))).toBe(false);
  });

  it('reads the superbill format from the query', () => {
    expect(superbillQuerySchema.parse({ format: 'pdf' })).toEqual({ format: 'pdf' });
    expect(superbillQuerySchema.safeParse({ format: 'docx' }).success).toBe(false);
  });
});
