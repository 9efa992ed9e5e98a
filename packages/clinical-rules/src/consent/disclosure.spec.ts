import { disclosure, type DisclosureConsent } from './disclosure';

const EHR = 'https://ehr.example/fhir/R4';
const TODAY = '2026-11-22';
const privacy = (change: Partial<DisclosureConsent> = {}): DisclosureConsent => ({ kind: 'privacy', status: 'active', recipientUrl: EHR, coversPart2: false, ...change });
const part2 = { part2: true };
const plain = { part2: false };

describe('what may go to a recipient', () => {
  it.each([
    ['plain data with no consent at all (treatment disclosure)', plain, [], { allowed: true }],
    ['Part 2 data with no consent', part2, [], { allowed: false, reason: 'part2-needs-consent' }],
    ['Part 2 data under a consent that does not cover it', part2, [privacy()], { allowed: false, reason: 'part2-needs-consent' }],
    ['Part 2 data under a consent that covers it', part2, [privacy({ coversPart2: true })], { allowed: true }],
    ['Part 2 data under a covering consent for another recipient', part2, [privacy({ coversPart2: true, recipientUrl: 'https://other.example/fhir' })], { allowed: false, reason: 'part2-needs-consent' }],
    ['plain data after the consent naming the recipient was revoked', plain, [privacy({ status: 'revoked' })], { allowed: false, reason: 'consent-revoked' }],
    ['plain data after it lapsed', plain, [privacy({ expiresOn: '2026-11-21' })], { allowed: false, reason: 'consent-expired' }],
    ['plain data on its last day', plain, [privacy({ expiresOn: TODAY })], { allowed: true }],
    ['plain data under a new consent signed after a revoked one', plain, [privacy({ status: 'revoked' }), privacy()], { allowed: true }],
    ['plain data when only another recipient\'s consent was revoked', plain, [privacy({ status: 'revoked', recipientUrl: 'https://other.example/fhir' })], { allowed: true }],
    ['plain data with only a treatment consent, revoked', plain, [{ kind: 'treatment', status: 'revoked' } as DisclosureConsent], { allowed: true }],
    ['plain data when a treatment consent (which names no recipient) is revoked', plain, [{ kind: 'treatment', status: 'revoked', recipientUrl: EHR } as DisclosureConsent], { allowed: true }],
    ['plain data when a privacy consent naming no URL is revoked', plain, [privacy({ status: 'revoked', recipientUrl: undefined })], { allowed: true }],
    ['Part 2 data when one of two active consents covers it', part2, [privacy(), privacy({ coversPart2: true })], { allowed: true }],
    ['the recipient written with spaces and slashes around it', plain, [privacy({ status: 'revoked', recipientUrl: ' https://ehr.example/fhir/R4// ' })], { allowed: false, reason: 'consent-revoked' }],
    ['the recipient written with a trailing slash and another case of host', plain, [privacy({ status: 'revoked', recipientUrl: 'HTTPS://EHR.example/fhir/R4/' })], { allowed: false, reason: 'consent-revoked' }],
  ] as const)('%s', (_case, record, consents, expected) => {
    expect(disclosure(record, EHR, consents, TODAY)).toEqual(expected);
  });

  it('keeps the path as written: another path is another recipient', () => {
    expect(disclosure(plain, EHR, [privacy({ status: 'revoked', recipientUrl: 'https://ehr.example/FHIR/R4' })], TODAY)).toEqual({ allowed: true });
    expect(disclosure(plain, 'https://ehr.example', [privacy({ status: 'revoked', recipientUrl: 'https://ehr.example/' })], TODAY)).toEqual({ allowed: false, reason: 'consent-revoked' });
    expect(disclosure(plain, 'https://EHR.EXAMPLE', [privacy({ status: 'revoked', recipientUrl: 'https://ehr.example' })], TODAY)).toEqual({ allowed: false, reason: 'consent-revoked' });
  });
});
