import { EhrError, classifyStatus, retryAfterMs, summarizeOutcome } from './ehr-error';

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

  it.each([
    [new EhrError('ehr_timeout', 'temporary'), true], [new EhrError('ehr_unreachable', 'temporary'), true],
    [new EhrError('ehr_http_503', 'rate-limited'), true], [EhrError.refused('ehr_auth_invalid_client'), true],
    [new EhrError('ehr_http_502', 'temporary'), true], [new EhrError('ehr_http_504', 'temporary'), true], [new EhrError('ehr_http_401', 'auth'), true],
    [new EhrError('ehr_http_500', 'temporary'), false], [new EhrError('ehr_http_403', 'auth'), false], [new EhrError('ehr_http_404', 'not-found'), false],
  ])('%s is the whole EHR\'s failure, not one record\'s: %s', (error, connectionWide) => {
    expect(error.connectionWide).toBe(connectionWide);
  });
});

describe('what an EHR says when it refuses', () => {
  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(retryAfterMs('7')).toBe(7000);
    expect(retryAfterMs('Sun, 22 Nov 2026 10:00:30 GMT', Date.parse('Sun, 22 Nov 2026 10:00:00 GMT'))).toBe(30000);
    expect([retryAfterMs(null), retryAfterMs('soon')]).toEqual([undefined, undefined]);
  });

  it('keeps an OperationOutcome\'s codes and paths, never its text (it may echo the record)', () => {
    const outcome = {
      resourceType: 'OperationOutcome',
      issue: [{ severity: 'error', code: 'required', diagnostics: 'Ana Reyes has no phone', expression: ['Patient.telecom'], details: { text: 'Ana Reyes', coding: [{ system: 'http://ehr.example/rules', code: 'R1', display: 'Ana' }] } }],
    };
    const summary = summarizeOutcome(outcome);
    expect(summary).toEqual({ issue: [{ severity: 'error', code: 'required', expression: ['Patient.telecom'], details: [{ system: 'http://ehr.example/rules', code: 'R1' }] }] });
    expect(JSON.stringify(summary)).not.toContain('Ana');
    expect(summarizeOutcome({ resourceType: 'Patient' })).toBeUndefined();
  });
});
