import { remoteIdentity } from './remote-identity';

describe('remoteIdentity', () => {
  it('prefers the returned resource, then the Location, then the ETag', () => {
    expect(remoteIdentity({ resource: { resourceType: 'Patient', id: 'p1', meta: { versionId: 'v2' } } })).toEqual({ remoteId: 'p1', remoteVersion: 'v2' });
    expect(remoteIdentity({ response: { status: '200', location: 'Patient/p2/_history/7' } })).toEqual({ remoteId: 'p2', remoteVersion: '7' });
    expect(remoteIdentity({ response: { status: '201', location: 'Patient/p3', etag: 'W/"9"' } })).toEqual({ remoteId: 'p3', remoteVersion: '9' });
    expect(remoteIdentity(undefined)).toEqual({ remoteId: null, remoteVersion: null });
  });

  it('reads an absolute Location as well as a relative one, and nothing from one it cannot read', () => {
    expect(remoteIdentity({ response: { status: '200', location: 'https://ehr.example/fhir/R4/Condition/abc/_history/3' } })).toEqual({ remoteId: 'abc', remoteVersion: '3' });
    expect(remoteIdentity({ response: { status: '201', location: 'https://ehr.example/fhir/R4/Condition/abc', etag: 'W/"1"' } })).toEqual({ remoteId: 'abc', remoteVersion: '1' });
    expect(remoteIdentity({ response: { status: '200', location: 'somewhere' } })).toEqual({ remoteId: null, remoteVersion: null });
  });
});
