import { EhrError, classifyStatus } from './ehr-error';

describe('EHR error classes', () => {
  it.each([
    [500, 'temporary', false], [502, 'temporary', false], [408, 'temporary', false],
    [429, 'rate-limited', false], [503, 'rate-limited', false],
    [401, 'auth', false], [409, 'conflict', false], [412, 'conflict', false],
    [400, 'invalid', true], [422, 'invalid', true], [404, 'not-found', true],
  ] as const)('%d is %s (permanent: %s)', (status, errorClass, permanent) => {
    expect(classifyStatus(status)).toBe(errorClass);
    expect(new EhrError(`ehr_http_${status}`, classifyStatus(status)).permanent).toBe(permanent);
  });
});
