/**
 * A National Provider Identifier: 10 digits whose last is a Luhn check digit computed over the
 * prefix 80840 and the first nine (CMS, "Requirements for NPI check digit").
 */
export const NPI_SYSTEM = 'http://hl7.org/fhir/sid/us-npi';

export function isValidNpi(npi: string): boolean {
  if (!/^\d{10}$/.test(npi)) return false;
  const digits = `80840${npi}`.split('').map(Number);
  const sum = digits.reverse().reduce((total, digit, i) => {
    if (i % 2 === 0) return total + digit;
    const doubled = digit * 2;
    return total + (doubled > 9 ? doubled - 9 : doubled);
  }, 0);
  return sum % 10 === 0;
}
