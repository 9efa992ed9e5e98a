import type { EhrConnectionEntity } from '@keta/db';
import { EhrRequestError } from './ehr-request.error';

/**
 * The Authorization header Keta sends an EHR, per connection. Pluggable (EHR_AUTHORIZATION) so the shared SMART
 * Backend Services token provider (@keta/ehr-client) replaces this one with a one-line provider change.
 */
export interface EhrAuthorization {
  headerFor(connection: EhrConnectionEntity): Promise<string | undefined>;
}

export const EHR_AUTHORIZATION = Symbol('EHR_AUTHORIZATION');

/**
 * None, or a bearer token read from the API's environment variable the connection names, at each poll (a
 * rotated token needs no restart), never from the database. SMART clients wait for @keta/ehr-client: until
 * then their poll fails with a code ops can read, instead of being sent unauthenticated.
 */
export class EnvironmentAuthorization implements EhrAuthorization {
  constructor(private readonly env: Record<string, string | undefined> = process.env) {}

  headerFor(connection: EhrConnectionEntity): Promise<string | undefined> {
    if (connection.authKind === 'none') return Promise.resolve(undefined);
    if (connection.authKind === 'smart-backend') return Promise.reject(new EhrRequestError('ehr_auth_unsupported'));
    const token = connection.authTokenEnv ? this.env[connection.authTokenEnv]?.trim() : undefined;
    return token ? Promise.resolve(`Bearer ${token}`) : Promise.reject(new EhrRequestError('ehr_credential_missing'));
  }
}
