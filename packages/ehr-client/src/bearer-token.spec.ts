import { authorizationFor } from './bearer-token';
import { EhrError } from './ehr-error';

describe('a connection\'s credentials', () => {
  it('sends nothing for auth none, and the bearer token from the named variable', () => {
    expect(authorizationFor({ authKind: 'none', authTokenEnv: null }, { EHR_X: 'secret' })).toBeUndefined();
    expect(authorizationFor({ authKind: 'bearer', authTokenEnv: 'EHR_X' }, { EHR_X: ' secret-token ' })).toBe('Bearer secret-token');
  });

  it('fails as an auth error, naming no secret, when the variable is unset or empty', () => {
    for (const env of [{}, { EHR_X: '  ' }]) {
      let error: unknown;
      try {
        authorizationFor({ authKind: 'bearer', authTokenEnv: 'EHR_X' }, env);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(EhrError);
      expect(error).toMatchObject({ code: 'ehr_credential_missing', errorClass: 'auth' });
    }
  });
});
